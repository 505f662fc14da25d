package dev.telemetry.bench.micro;

import dev.telemetry.job.kpi.DeviceStats;
import dev.telemetry.job.kpi.DeviceStatsAggregate;
import dev.telemetry.job.model.Reading;
import dev.telemetry.model.Family;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The per-device KPI window's incremental step, {@link DeviceStatsAggregate#add}, with one
 * accumulator per device that starts over every 60 readings (a one-minute window at 1 Hz), against
 * a loop that only sums the same readings' values.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class DeviceStatsAggregateBenchmark {

    private static final int WINDOW_READINGS = 60;

    private final DeviceStatsAggregate aggregate = new DeviceStatsAggregate();
    private Reading[] readings;
    private int[] device;
    private DeviceStats[] accumulators;
    private int mask;
    private int next;

    @Setup
    public void setUp() {
        List<Reading> all =
                SimulatedRecords.readings(
                        SimulatedRecords.generate(EnumSet.allOf(Family.class), 32, 128));
        int n = SimulatedRecords.powerOfTwoAtMost(all.size());
        readings = all.subList(0, n).toArray(new Reading[0]);
        Map<String, Integer> ids = new HashMap<>();
        device = new int[n];
        for (int i = 0; i < n; i++) {
            device[i] = ids.computeIfAbsent(readings[i].deviceId, k -> ids.size());
        }
        accumulators = new DeviceStats[ids.size()];
        for (int d = 0; d < accumulators.length; d++) {
            accumulators[d] = aggregate.createAccumulator();
        }
        mask = n - 1;
    }

    /** Baseline: touch the same values, compute nothing but a sum. */
    @Benchmark
    public double sumValues() {
        double[] values = readings[next++ & mask].values;
        double sum = 0;
        for (double v : values) {
            sum += v;
        }
        return sum;
    }

    @Benchmark
    public DeviceStats add() {
        int i = next++ & mask;
        int d = device[i];
        DeviceStats acc = accumulators[d];
        if (acc.readingCount == WINDOW_READINGS) {
            acc = aggregate.createAccumulator();
            accumulators[d] = acc;
        }
        return aggregate.add(readings[i], acc);
    }
}
