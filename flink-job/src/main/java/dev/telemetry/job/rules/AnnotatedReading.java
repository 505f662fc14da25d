package dev.telemetry.job.rules;

import dev.telemetry.job.alert.Severity;
import dev.telemetry.job.model.Reading;
import dev.telemetry.model.Metrics;
import dev.telemetry.model.label.AnomalyType;

/**
 * A reading with the rule values in force for its family and phase, and a rolling baseline of each
 * metric, attached by {@link RuleAnnotator}. CEP conditions compare against these values, so
 * thresholds change at run time although patterns are compiled at job start. A Flink POJO.
 */
public class AnnotatedReading {

    public Reading reading;

    /**
     * Rule parameter values of the detectors that run for the reading's family, by {@link
     * RuleParam#slot(dev.telemetry.model.Family, AnomalyType)}. Shared with every reading of the
     * same family, phase and rules; never modified.
     */
    public double[] params;

    /** Bit {@code 1 << type.ordinal()} set if the detector runs for this reading. */
    public long enabled;

    /** {@link Severity} ordinal per detector, by {@link AnomalyType} ordinal. */
    public byte[] severities;

    /**
     * Rolling (exponentially weighted, time-aware) mean of each metric over the readings before
     * this one in the same phase, in catalogue order; NaN where a metric has none yet. Null while
     * it warms up and for families whose detectors read no baseline (see {@link #baseline(int)}).
     */
    public double[] baseline;

    public AnnotatedReading() {}

    public static AnnotatedReading of(Reading reading, ResolvedRules rules, double[] baseline) {
        AnnotatedReading a = new AnnotatedReading();
        a.reading = reading;
        a.params = rules.values;
        a.enabled = rules.enabled;
        a.severities = rules.severities;
        a.baseline = baseline;
        return a;
    }

    public boolean enabled(AnomalyType type) {
        return (enabled & (1L << type.ordinal())) != 0;
    }

    public double param(AnomalyType type, RuleParam param) {
        return params[param.slot(reading.family, type)];
    }

    public Severity severity(AnomalyType type) {
        return Severity.values()[severities[type.ordinal()]];
    }

    /** Value of a catalogue metric, NaN if absent. */
    public double value(String metric) {
        return reading.value(metric);
    }

    /** Value by catalogue index (see {@link Metrics#indexOf}). */
    public double value(int index) {
        return index < 0 ? Double.NaN : reading.values[index];
    }

    /** Baseline by catalogue index, NaN if none. */
    public double baseline(int index) {
        return index < 0 || baseline == null ? Double.NaN : baseline[index];
    }

    public long time() {
        return reading.eventTime;
    }

    public String phase() {
        return reading.phase;
    }

    @Override
    public String toString() {
        return "Annotated" + reading;
    }
}
