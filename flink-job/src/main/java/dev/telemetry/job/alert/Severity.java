package dev.telemetry.job.alert;

/** How urgently an operator should look at an alert; ordered from least to most urgent. */
public enum Severity {
    INFO,
    WARNING,
    CRITICAL;

    /** The more urgent of two severities. */
    public static Severity max(Severity a, Severity b) {
        return a.compareTo(b) >= 0 ? a : b;
    }
}
