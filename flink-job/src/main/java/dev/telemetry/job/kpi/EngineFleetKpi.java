package dev.telemetry.job.kpi;

/**
 * Engine fleet roll-up of one window: engines reporting, score statistics over the graded engines
 * (NaN if none), engines per {@link EngineHealth}, and engines not graded (no mainstage readings).
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
        long needsAttentionCount,
        long idleCount) {}
