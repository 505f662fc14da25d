package dev.telemetry.job.rules;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.telemetry.job.alert.Severity;
import dev.telemetry.model.Family;
import dev.telemetry.model.label.AnomalyType;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Parses and validates rules from JSON. Validation is strict, so a typo is refused with a precise
 * reason instead of silently doing nothing. One rule is one JSON object:
 *
 * <pre>{@code
 * {
 *   "family": "engine",                 // required: engine | vehicle | flight | energy
 *   "pattern": "PRESSURE_SPIKE",        // required: an AnomalyType that applies to the family
 *   "enabled": true,                    // default true
 *   "severity": "CRITICAL",             // INFO | WARNING | CRITICAL, default WARNING
 *   "version": 3,                       // default 0; lower than the rule in force = stale
 *   "params": {"rise_pct": 25},         // base values; omitted ones use RuleParam fallbacks
 *   "phases": {"ignition": {"rise_pct": 150}},   // per-phase overrides
 *   "disabled_phases": ["shutdown"]     // phases in which the detector does not run
 * }
 * }</pre>
 *
 * A rules file is {@code {"rules": [rule, ...]}}.
 */
public final class RuleParser {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Set<String> FIELDS =
            Set.of(
                    "family",
                    "pattern",
                    "enabled",
                    "severity",
                    "version",
                    "params",
                    "phases",
                    "disabled_phases",
                    "description");

    private RuleParser() {}

    /** A parsed rule, or the reason it was refused. Exactly one field is non-null. */
    public record Result(Rule rule, String error) {
        public boolean isOk() {
            return rule != null;
        }
    }

    /** Parses one rule; never throws. */
    public static Result parse(String json) {
        if (json == null || json.isBlank()) {
            return new Result(null, "empty rule");
        }
        JsonNode node;
        try {
            node = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            return new Result(null, "not valid JSON: " + e.getOriginalMessage());
        }
        return parse(node);
    }

    /** Validates one rule object; never throws. */
    public static Result parse(JsonNode node) {
        try {
            return new Result(toRule(node), null);
        } catch (InvalidRule e) {
            return new Result(null, e.getMessage());
        }
    }

    /** Parses a rules file ({@code {"rules": [...]}}); any invalid rule fails the whole file. */
    public static List<Rule> parseFile(String json) {
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(
                    "rules file is not valid JSON: " + e.getMessage(), e);
        }
        JsonNode rules = root == null ? null : root.get("rules");
        if (!(rules instanceof ArrayNode array)) {
            throw new IllegalArgumentException(
                    "rules file must be an object with a \"rules\" array");
        }
        List<Rule> result = new ArrayList<>();
        Set<String> keys = new LinkedHashSet<>();
        int index = 0;
        for (JsonNode ruleNode : array) {
            Result parsed = parse(ruleNode);
            if (!parsed.isOk()) {
                throw new IllegalArgumentException("rule #" + index + ": " + parsed.error());
            }
            if (!keys.add(parsed.rule().key())) {
                throw new IllegalArgumentException(
                        "rule #" + index + ": duplicate rule for " + parsed.rule().key());
            }
            result.add(parsed.rule());
            index++;
        }
        return result;
    }

    private static Rule toRule(JsonNode node) throws InvalidRule {
        if (!(node instanceof ObjectNode)) {
            throw new InvalidRule("a rule must be a JSON object");
        }
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String field = it.next();
            if (!FIELDS.contains(field)) {
                throw new InvalidRule("unknown field '" + field + "' (known: " + FIELDS + ")");
            }
        }
        Rule rule = new Rule();
        String familyId = requiredText(node, "family");
        rule.family =
                Family.fromId(familyId)
                        .orElseThrow(() -> new InvalidRule("unknown family '" + familyId + "'"));
        String pattern = requiredText(node, "pattern");
        try {
            rule.type = AnomalyType.valueOf(pattern.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidRule("unknown pattern '" + pattern + "'");
        }
        if (!rule.type.appliesTo(rule.family)) {
            throw new InvalidRule(
                    "pattern " + rule.type + " does not apply to family " + rule.family);
        }
        rule.enabled = optionalBoolean(node, "enabled", true);
        String severity = optionalText(node, "severity", Severity.WARNING.name());
        try {
            rule.severity = Severity.valueOf(severity.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidRule(
                    "severity must be INFO, WARNING or CRITICAL, not '" + severity + "'");
        }
        JsonNode version = node.get("version");
        if (version == null || version.isNull()) {
            rule.version = 0;
        } else if (version.canConvertToLong()
                && version.isIntegralNumber()
                && version.asLong() >= 0) {
            rule.version = version.asLong();
        } else {
            throw new InvalidRule("version must be a non-negative integer");
        }

        List<ParamValue> values = new ArrayList<>();
        readParams(rule.type, "", node.get("params"), values);
        JsonNode phases = node.get("phases");
        if (phases != null && !phases.isNull()) {
            if (!(phases instanceof ObjectNode)) {
                throw new InvalidRule("phases must be an object of phase name to params");
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = phases.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> phase = it.next();
                if (phase.getKey().isBlank()) {
                    throw new InvalidRule("phase names must not be blank");
                }
                readParams(rule.type, phase.getKey(), phase.getValue(), values);
            }
        }
        rule.params = values.toArray(new ParamValue[0]);

        List<String> disabled = new ArrayList<>();
        JsonNode disabledNode = node.get("disabled_phases");
        if (disabledNode != null && !disabledNode.isNull()) {
            if (!(disabledNode instanceof ArrayNode)) {
                throw new InvalidRule("disabled_phases must be an array of phase names");
            }
            for (JsonNode p : disabledNode) {
                if (!p.isTextual() || p.asText().isBlank()) {
                    throw new InvalidRule("disabled_phases must contain non-blank strings");
                }
                disabled.add(p.asText());
            }
        }
        rule.disabledPhases = disabled.toArray(new String[0]);
        checkConsistency(rule);
        return rule;
    }

    private static void readParams(
            AnomalyType type, String phase, JsonNode params, List<ParamValue> out)
            throws InvalidRule {
        if (params == null || params.isNull()) {
            return;
        }
        String where = phase.isEmpty() ? "params" : "phases." + phase;
        if (!(params instanceof ObjectNode)) {
            throw new InvalidRule(where + " must be an object of parameter name to number");
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = params.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            RuleParam param =
                    RuleParam.find(type, entry.getKey())
                            .orElseThrow(
                                    () ->
                                            new InvalidRule(
                                                    "unknown parameter '"
                                                            + entry.getKey()
                                                            + "' in "
                                                            + where
                                                            + " for "
                                                            + type
                                                            + " (known: "
                                                            + keys(type)
                                                            + ")"));
            JsonNode value = entry.getValue();
            if (!value.isNumber()) {
                throw new InvalidRule(where + "." + param.key() + " must be a number");
            }
            String problem = param.check(value.asDouble());
            if (problem != null) {
                throw new InvalidRule(where + ": " + problem);
            }
            out.add(new ParamValue(phase, param.key(), value.asDouble()));
        }
    }

    /** Cross-parameter checks, per phase that has overrides and for the base values. */
    private static void checkConsistency(Rule rule) throws InvalidRule {
        if (rule.type != AnomalyType.FUEL_SYSTEM_FAILURE) {
            return;
        }
        Set<String> phases = new LinkedHashSet<>();
        phases.add("");
        for (ParamValue v : rule.params) {
            phases.add(v.phase);
        }
        for (String phase : phases) {
            double min = rule.value(RuleParam.FUEL_SYSTEM_FAILURE_MIXTURE_MIN, phase);
            double max = rule.value(RuleParam.FUEL_SYSTEM_FAILURE_MIXTURE_MAX, phase);
            if (!(min < max)) {
                throw new InvalidRule(
                        "mixture_min ("
                                + min
                                + ") must be below mixture_max ("
                                + max
                                + ")"
                                + (phase.isEmpty() ? "" : " in phase " + phase));
            }
        }
    }

    private static List<String> keys(AnomalyType type) {
        List<String> keys = new ArrayList<>();
        for (RuleParam p : RuleParam.of(type)) {
            keys.add(p.key());
        }
        return keys;
    }

    private static String requiredText(JsonNode node, String field) throws InvalidRule {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            throw new InvalidRule("missing field '" + field + "'");
        }
        if (!value.isTextual()) {
            throw new InvalidRule("field '" + field + "' must be a string");
        }
        return value.asText();
    }

    private static String optionalText(JsonNode node, String field, String fallback)
            throws InvalidRule {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return fallback;
        }
        if (!value.isTextual()) {
            throw new InvalidRule("field '" + field + "' must be a string");
        }
        return value.asText();
    }

    private static boolean optionalBoolean(JsonNode node, String field, boolean fallback)
            throws InvalidRule {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return fallback;
        }
        if (!value.isBoolean()) {
            throw new InvalidRule("field '" + field + "' must be true or false");
        }
        return value.asBoolean();
    }

    /** Internal control flow for validation failures. */
    private static final class InvalidRule extends Exception {
        InvalidRule(String message) {
            super(message, null, false, false);
        }
    }
}
