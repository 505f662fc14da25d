package dev.telemetry.job.cep;

import dev.telemetry.job.rules.AnnotatedReading;
import org.apache.flink.cep.pattern.conditions.IterativeCondition;

/**
 * The readings a partial match has accepted so far under one pattern name, reduced to what
 * conditions need.
 */
final class MatchedSoFar {

    final AnnotatedReading first;
    final AnnotatedReading last;
    final int count;
    final double sum;

    private MatchedSoFar(AnnotatedReading first, AnnotatedReading last, int count, double sum) {
        this.first = first;
        this.last = last;
        this.count = count;
        this.sum = sum;
    }

    /**
     * Reads the partial match; {@code metric} (a catalogue index, or -1) is summed for averages.
     */
    static MatchedSoFar of(
            IterativeCondition.Context<AnnotatedReading> ctx, String name, int metric)
            throws Exception {
        AnnotatedReading first = null;
        AnnotatedReading last = null;
        int count = 0;
        double sum = 0;
        for (AnnotatedReading r : ctx.getEventsForPattern(name)) {
            if (first == null) {
                first = r;
            }
            last = r;
            count++;
            if (metric >= 0) {
                sum += r.value(metric);
            }
        }
        return new MatchedSoFar(first, last, count, sum);
    }

    boolean isEmpty() {
        return count == 0;
    }
}
