package dev.telemetry.job.kpi;

/**
 * Per vehicle and window. Values are NaN when they cannot be computed (see {@link
 * VehicleKpiFunction}).
 */
public record VehicleKpi(
        String deviceId,
        long windowStart,
        long windowEnd,
        long readingCount,
        double distanceKm,
        double energyKwh,
        double avgSpeedKmh,
        double maxBatteryTempC) {}
