package dev.telemetry.job.kpi;

/**
 * Per engine and window: readings, mainstage readings, mean and minimum performance score over the
 * mainstage readings (NaN without any) and the resulting {@link EngineHealth} (null: not graded).
 */
public record EngineKpi(
        String deviceId,
        long windowStart,
        long windowEnd,
        long readingCount,
        long mainstageCount,
        double performanceScore,
        double minPerformanceScore,
        EngineHealth health) {}
