package dev.telemetry.job.kpi;

import static dev.telemetry.job.testing.TestRecords.T0;

import dev.telemetry.job.model.Reading;

/** Builds window statistics from readings. */
final class KpiFixtures {

    static final long MINUTE = 60_000;

    private KpiFixtures() {}

    static DeviceWindowKpi window(Reading... readings) {
        DeviceStats stats = new DeviceStats();
        for (Reading reading : readings) {
            stats.add(reading);
        }
        return new DeviceWindowKpi(stats.deviceId, stats.family, T0, T0 + MINUTE, stats);
    }
}
