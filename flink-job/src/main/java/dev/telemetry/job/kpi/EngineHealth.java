package dev.telemetry.job.kpi;

/**
 * Health status of an engine in a window, from its mean {@code performance_score} (0-100) over the
 * window's mainstage readings:
 *
 * <ul>
 *   <li>{@link #EXCELLENT}: score &ge; {@value #EXCELLENT_MIN}
 *   <li>{@link #GOOD}: {@value #GOOD_MIN} &le; score &lt; {@value #EXCELLENT_MIN}
 *   <li>{@link #FAIR}: {@value #FAIR_MIN} &le; score &lt; {@value #GOOD_MIN}
 *   <li>{@link #NEEDS_ATTENTION}: score &lt; {@value #FAIR_MIN}
 * </ul>
 *
 * An engine without mainstage readings in the window (standby, or only igniting or shutting down,
 * when the score says nothing about health) is not graded.
 */
public enum EngineHealth {
    EXCELLENT,
    GOOD,
    FAIR,
    NEEDS_ATTENTION;

    public static final double EXCELLENT_MIN = 90.0;
    public static final double GOOD_MIN = 75.0;
    public static final double FAIR_MIN = 60.0;

    /** The status for a mean mainstage performance score, or null for NaN (not graded). */
    public static EngineHealth of(double performanceScore) {
        if (Double.isNaN(performanceScore)) {
            return null;
        }
        if (performanceScore >= EXCELLENT_MIN) {
            return EXCELLENT;
        }
        if (performanceScore >= GOOD_MIN) {
            return GOOD;
        }
        if (performanceScore >= FAIR_MIN) {
            return FAIR;
        }
        return NEEDS_ATTENTION;
    }
}
