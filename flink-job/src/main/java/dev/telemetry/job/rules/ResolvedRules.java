package dev.telemetry.job.rules;

import dev.telemetry.job.alert.Severity;
import dev.telemetry.model.label.AnomalyType;

/**
 * The rules in force for one (family, phase), flattened for fast access: parameter values by {@link
 * RuleParam#slot(AnomalyType)}, an enabled bit and a severity per detector. Immutable once built;
 * shared by every reading of that family and phase.
 */
public final class ResolvedRules {

    final double[] values;
    final long enabled;
    final byte[] severities;

    ResolvedRules(double[] values, long enabled, byte[] severities) {
        this.values = values;
        this.enabled = enabled;
        this.severities = severities;
    }

    /** Everything off; for families or phases without any rule. */
    static ResolvedRules none() {
        return new ResolvedRules(
                new double[RuleParam.slotCount()], 0L, new byte[AnomalyType.values().length]);
    }

    public boolean enabled(AnomalyType type) {
        return (enabled & (1L << type.ordinal())) != 0;
    }

    public double value(AnomalyType type, RuleParam param) {
        return values[param.slot(type)];
    }

    public Severity severity(AnomalyType type) {
        return Severity.values()[severities[type.ordinal()]];
    }
}
