package dev.telemetry.job.alert;

/** The states of an alert's lifecycle; see {@link AlertLifecycleFunction}. */
public enum AlertStatus {
    /** The detector fired for the first time. */
    OPEN,
    /** The detector is still firing; count and peak have changed. */
    UPDATED,
    /** The clear condition held long enough, or the detector stopped firing (timeout). */
    RESOLVED
}
