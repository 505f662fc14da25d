package dev.telemetry.bench;

import java.util.Arrays;
import java.util.Collection;

/** Nearest-rank percentiles of a sample of durations in milliseconds. */
public record Percentiles(int count, long p50, long p95, long p99, long max) {

    /** Percentiles of {@code samples}; all zero for an empty sample. */
    public static Percentiles of(Collection<Long> samples) {
        long[] sorted = samples.stream().mapToLong(Long::longValue).toArray();
        Arrays.sort(sorted);
        if (sorted.length == 0) {
            return new Percentiles(0, 0, 0, 0, 0);
        }
        return new Percentiles(
                sorted.length,
                rank(sorted, 50),
                rank(sorted, 95),
                rank(sorted, 99),
                sorted[sorted.length - 1]);
    }

    /** The smallest value with at least {@code percent} % of the sample at or below it. */
    static long rank(long[] sorted, double percent) {
        int index = (int) Math.ceil(percent / 100 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }
}
