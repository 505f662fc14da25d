package dev.telemetry.job.rules;

import dev.telemetry.job.alert.Severity;
import dev.telemetry.model.Family;
import dev.telemetry.model.label.AnomalyType;
import java.util.Arrays;

/**
 * A validated detection rule for one (family, detector) pair: enablement, severity, parameter
 * values with per-phase overrides, and phases in which the detector is off. Built only by {@link
 * RuleParser}; a Flink POJO so it can live in broadcast state without Kryo.
 */
public class Rule implements java.io.Serializable {

    private static final long serialVersionUID = 1L;

    public Family family;
    public AnomalyType type;
    public boolean enabled;
    public Severity severity;

    /** Rules with a lower version than the one in force are ignored as stale. */
    public long version;

    /** Operating phases in which the detector does not run (e.g. {@code landing}). */
    public String[] disabledPhases;

    /** Base values (empty phase) and per-phase overrides. */
    public ParamValue[] params;

    public Rule() {}

    /** The key under which the rule is stored: {@code family/TYPE}. */
    public String key() {
        return key(family, type);
    }

    public static String key(Family family, AnomalyType type) {
        return family.id() + "/" + type.name();
    }

    /** True if the detector is switched off in the given phase. */
    public boolean disabledIn(String phase) {
        for (String p : disabledPhases) {
            if (p.equals(phase)) {
                return true;
            }
        }
        return false;
    }

    /** The parameter's value in a phase: the phase override, else the base value, else fallback. */
    public double value(RuleParam param, String phase) {
        double base = param.fallback();
        for (ParamValue v : params) {
            if (v.name.equals(param.key())) {
                if (v.phase.equals(phase)) {
                    return v.value;
                }
                if (v.phase.isEmpty()) {
                    base = v.value;
                }
            }
        }
        return base;
    }

    @Override
    public String toString() {
        return "Rule{"
                + key()
                + " v"
                + version
                + (enabled ? " on " : " off ")
                + severity
                + " off-in="
                + Arrays.toString(disabledPhases)
                + " "
                + Arrays.toString(params)
                + "}";
    }
}
