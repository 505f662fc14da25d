package dev.telemetry.job.alert;

import dev.telemetry.model.Family;
import dev.telemetry.model.label.AnomalyType;

/** The lifecycle's keyed state for one open alert of a device. A Flink POJO. */
public class ActiveAlert {
    public String alertId;
    public String deviceId;
    public Family family;
    public AnomalyType type;
    public Severity severity;
    public long onset;
    public long lastFiring;
    public long lastEmitted;
    public int nextSeq;
    public int fireCount;
    public double peak;
    public String metric;
    public double observed;
    public double threshold;
    public String phase;
    public String explanation;
    public ClearCondition clear;
    public double clearLevel;
    public int clearReadings;
    public long resolveTimeoutMs;

    /** Consecutive readings on the safe side of the clear level since the last firing. */
    public int safeReadings;

    public ActiveAlert() {}

    long deadline() {
        return lastFiring + resolveTimeoutMs;
    }
}
