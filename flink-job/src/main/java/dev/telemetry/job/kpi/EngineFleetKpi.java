package dev.telemetry.job.kpi;

/**
 * Engine fleet roll-up of one window: engines reporting, score statistics over engines that
 * reported a score (NaN if none did), and engines per {@link EngineHealth}.
 */
public record EngineFleetKpi(
        long windowStart,
        long windowEnd,
        long engineCount,
        double avgPerformanceScore,
        double minPerformanceScore,
        double maxPerformanceScore,
        long excellentCount,
        long goodCount,
        long fairCount,
        long needsAttentionCount) {}
