package dev.telemetry.job.kpi;

import dev.telemetry.job.model.Reading;
import org.apache.flink.api.common.functions.AggregateFunction;

/** Incremental per-device window aggregation: one {@link DeviceStats} per device and window. */
public final class DeviceStatsAggregate
        implements AggregateFunction<Reading, DeviceStats, DeviceStats> {

    @Override
    public DeviceStats createAccumulator() {
        return new DeviceStats();
    }

    @Override
    public DeviceStats add(Reading reading, DeviceStats stats) {
        stats.add(reading);
        return stats;
    }

    @Override
    public DeviceStats getResult(DeviceStats stats) {
        return stats;
    }

    @Override
    public DeviceStats merge(DeviceStats a, DeviceStats b) {
        return a.merge(b);
    }
}
