package dev.telemetry.job.kpi;

/**
 * One row of {@code device_metric_kpis}: statistics of one metric of one device in one window (long
 * format, convenient for Grafana). Statistics are NaN when the metric had no samples.
 */
public record MetricKpiRow(
        String deviceId,
        String family,
        long windowStart,
        long windowEnd,
        String metric,
        String unit,
        long sampleCount,
        double min,
        double avg,
        double max,
        double last,
        double stddev) {}
