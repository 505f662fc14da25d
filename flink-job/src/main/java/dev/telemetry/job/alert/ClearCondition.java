package dev.telemetry.job.alert;

/**
 * How the lifecycle decides that the condition behind an alert has cleared, evaluated on the
 * device's readings after the last firing. Trigger and clear levels differ (hysteresis), so a value
 * hovering at the threshold does not flap between open and resolved.
 */
public enum ClearCondition {
    /** Fired because a metric was too high: clears once it stays below the clear level. */
    BELOW_LEVEL,
    /** Fired because a metric was too low: clears once it stays above the clear level. */
    ABOVE_LEVEL,
    /** A frozen metric: clears once the metric reports a different value. */
    VALUE_CHANGES,
    /** Missing readings: clears as soon as the device reports again. */
    DEVICE_REPORTS,
    /** A derived quantity (a rate, a jump): only the timeout resolves it. */
    TIMEOUT_ONLY
}
