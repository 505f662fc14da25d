package dev.telemetry.job.kpi;

/**
 * Per engine and window: mean and minimum performance score and the resulting {@link EngineHealth}.
 * Scores are NaN when the engine reported none.
 */
public record EngineKpi(
        String deviceId,
        long windowStart,
        long windowEnd,
        long readingCount,
        double performanceScore,
        double minPerformanceScore,
        EngineHealth health) {}
