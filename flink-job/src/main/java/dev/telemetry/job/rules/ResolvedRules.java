package dev.telemetry.job.rules;

import dev.telemetry.job.alert.Severity;
import dev.telemetry.model.Family;
import dev.telemetry.model.label.AnomalyType;

/**
 * The rules in force for one (family, phase), flattened for fast access: parameter values by {@link
 * RuleParam#slot(Family, AnomalyType)}, an enabled bit and a severity per detector. Immutable once
 * built; shared by every reading of that family and phase.
 */
public final class ResolvedRules {

    final Family family;
    final double[] values;
    final long enabled;
    final byte[] severities;

    ResolvedRules(Family family, double[] values, long enabled, byte[] severities) {
        this.family = family;
        this.values = values;
        this.enabled = enabled;
        this.severities = severities;
    }

    public boolean enabled(AnomalyType type) {
        return (enabled & (1L << type.ordinal())) != 0;
    }

    public double value(AnomalyType type, RuleParam param) {
        return values[param.slot(family, type)];
    }

    public Severity severity(AnomalyType type) {
        return Severity.values()[severities[type.ordinal()]];
    }
}
