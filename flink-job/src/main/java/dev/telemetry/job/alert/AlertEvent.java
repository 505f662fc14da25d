package dev.telemetry.job.alert;

import dev.telemetry.model.Family;
import dev.telemetry.model.label.AnomalyType;

/**
 * One transition of an alert (OPEN, UPDATED, RESOLVED) with the alert's full current picture. The
 * sinks upsert it into {@code alerts} (by {@link #alertId}) and append it to {@code alert_events}
 * (by {@link #alertId} and {@link #eventSeq}, idempotently). All times are event times, so a replay
 * writes identical rows. A Flink POJO.
 */
public class AlertEvent {

    /** Name-based UUID of (device, type, onset); see {@link AlertIds}. */
    public String alertId;

    /** 0 for OPEN, then 1, 2, … per emitted transition of this alert. */
    public int eventSeq;

    public AlertStatus status;
    public String deviceId;
    public Family family;
    public AnomalyType type;
    public Severity severity;

    /** Event time of the first firing. */
    public long onset;

    /** Event time of this transition. */
    public long eventTime;

    /** Event time of the latest firing. */
    public long lastFiring;

    /** Event time of resolution, or -1 while the alert is active. */
    public long resolvedAt;

    /** CLEARED or TIMEOUT once resolved, else empty. */
    public String resolution;

    /** Number of firings so far. */
    public int fireCount;

    /** Most extreme observed value so far. */
    public double peak;

    public String metric;
    public double observed;
    public double threshold;
    public String phase;
    public String explanation;

    public AlertEvent() {}

    @Override
    public String toString() {
        return "AlertEvent{"
                + status
                + " "
                + type
                + " "
                + deviceId
                + " onset="
                + onset
                + " t="
                + eventTime
                + " seq="
                + eventSeq
                + " n="
                + fireCount
                + " "
                + severity
                + (resolvedAt >= 0 ? " resolved=" + resolvedAt + " " + resolution : "")
                + "}";
    }
}
