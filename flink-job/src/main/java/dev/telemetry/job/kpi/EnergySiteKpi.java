package dev.telemetry.job.kpi;

/**
 * Per energy site and window. Values are NaN when they cannot be computed (see {@link
 * EnergySiteKpiFunction}). The alert count per site is not here: the {@code energy_site_kpi_view}
 * computes it from the alerts.
 */
public record EnergySiteKpi(
        String deviceId,
        long windowStart,
        long windowEnd,
        long readingCount,
        double energyWhTotal,
        double solarEnergyWh,
        double peakPowerW,
        double avgTempC,
        double uptimePercent) {}
