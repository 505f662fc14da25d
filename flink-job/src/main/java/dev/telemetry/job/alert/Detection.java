package dev.telemetry.job.alert;

import dev.telemetry.model.Family;
import dev.telemetry.model.label.AnomalyType;

/**
 * One firing of a detector (a CEP match, a dropout timer, a frozen-sensor count): what fired, when
 * (event time), and why. The {@link AlertLifecycleFunction} turns detections into alerts. A Flink
 * POJO.
 */
public class Detection {

    public String deviceId;
    public Family family;
    public AnomalyType type;

    /** Event time of the reading (or timer) that completed the detection. */
    public long eventTime;

    /** The metric that violated its threshold (catalogue name), or a derived quantity's name. */
    public String metric;

    /** The observed value (of the metric, or of the derived quantity). */
    public double observed;

    /** The threshold the observed value crossed, in the same unit. */
    public double threshold;

    /** Operating phase of the device when the detector fired. */
    public String phase;

    public Severity severity;

    /** How the lifecycle recognises that the condition cleared. */
    public ClearCondition clear;

    /**
     * For level-based clear conditions, the level on the safe side of which the metric must stay.
     */
    public double clearLevel;

    /** Consecutive safe readings that resolve the alert (rule parameter {@code clear_readings}). */
    public int clearReadings;

    /** Event-time milliseconds without a firing after which the alert resolves. */
    public long resolveTimeoutMs;

    /** One human-readable sentence, e.g. "chamber pressure 262 bar is 31 % above baseline 200". */
    public String explanation;

    public Detection() {}

    /** Starts a detection with the fields every detector sets. */
    public static Detection of(
            String deviceId, Family family, AnomalyType type, long eventTime, String phase) {
        Detection d = new Detection();
        d.deviceId = deviceId;
        d.family = family;
        d.type = type;
        d.eventTime = eventTime;
        d.phase = phase == null ? "" : phase;
        d.metric = "";
        d.severity = Severity.WARNING;
        d.clear = ClearCondition.TIMEOUT_ONLY;
        d.clearLevel = Double.NaN;
        d.explanation = "";
        d.clearReadings = 3;
        d.resolveTimeoutMs = 30_000;
        return d;
    }

    /** Sets what was observed against which threshold. */
    public Detection measured(String metric, double observed, double threshold) {
        this.metric = metric;
        this.observed = observed;
        this.threshold = threshold;
        return this;
    }

    public Detection severity(Severity severity) {
        this.severity = severity;
        return this;
    }

    public Detection clearsWhen(ClearCondition clear, double clearLevel) {
        this.clear = clear;
        this.clearLevel = clearLevel;
        return this;
    }

    /** Sets how the lifecycle resolves the alert. */
    public Detection resolvedAfter(int clearReadings, long resolveTimeoutMs) {
        this.clearReadings = clearReadings;
        this.resolveTimeoutMs = resolveTimeoutMs;
        return this;
    }

    public Detection explained(String explanation) {
        this.explanation = explanation;
        return this;
    }

    @Override
    public String toString() {
        return "Detection{"
                + type
                + " "
                + deviceId
                + " t="
                + eventTime
                + " "
                + metric
                + "="
                + observed
                + " thr="
                + threshold
                + " phase="
                + phase
                + " "
                + severity
                + "}";
    }
}
