package dev.telemetry.job.rules;

import dev.telemetry.model.Family;
import dev.telemetry.model.label.AnomalyType;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The rules in force, one per (family, detector), with a cache of the values resolved per (family,
 * phase). Not thread-safe; each operator instance keeps its own and rebuilds it when a rule
 * changes.
 */
public final class RuleBook {

    private final Map<String, Rule> rules = new LinkedHashMap<>();
    private final Map<String, ResolvedRules> resolved = new HashMap<>();

    public RuleBook(Collection<Rule> rules) {
        for (Rule rule : rules) {
            this.rules.put(rule.key(), rule);
        }
    }

    /** The rule for a (family, detector), or null. */
    public Rule rule(Family family, AnomalyType type) {
        return rules.get(Rule.key(family, type));
    }

    /** Values, enablement and severity for readings of a family in a phase. */
    public ResolvedRules resolve(Family family, String phase) {
        String key = family.id() + "\u0000" + phase;
        ResolvedRules r = resolved.get(key);
        if (r == null) {
            r = compute(family, phase);
            resolved.put(key, r);
        }
        return r;
    }

    private ResolvedRules compute(Family family, String phase) {
        double[] values = new double[RuleParam.slotCount(family)];
        long enabled = 0;
        byte[] severities = new byte[AnomalyType.values().length];
        for (AnomalyType type : AnomalyType.values()) {
            if (!type.appliesTo(family)) {
                continue; // no slots; the parser refuses rules for it
            }
            Rule rule = rule(family, type);
            for (RuleParam param : RuleParam.of(type)) {
                values[param.slot(family, type)] =
                        rule == null ? param.fallback() : rule.value(param, phase);
            }
            if (rule != null) {
                if (rule.enabled && !rule.disabledIn(phase)) {
                    enabled |= 1L << type.ordinal();
                }
                severities[type.ordinal()] = (byte) rule.severity.ordinal();
            }
        }
        return new ResolvedRules(family, values, enabled, severities);
    }
}
