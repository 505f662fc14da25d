package dev.telemetry.job.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.telemetry.model.Family;
import dev.telemetry.model.label.AnomalyType;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DefaultRulesTest {

    @Test
    void shouldShipOneValidRuleForEveryFamilyAndApplicableDetector() {
        List<Rule> rules = DefaultRules.load();
        List<String> expected = new ArrayList<>();
        for (AnomalyType type : AnomalyType.values()) {
            for (Family family : type.families()) {
                expected.add(Rule.key(family, type));
            }
        }
        assertThat(rules).extracting(Rule::key).containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void shouldSetEveryDetectorSpecificParameterExplicitly() {
        for (Rule rule : DefaultRules.load()) {
            List<String> set = new ArrayList<>();
            for (ParamValue v : rule.params) {
                if (v.phase.isEmpty()) {
                    set.add(v.name);
                }
            }
            for (RuleParam p : RuleParam.of(rule.type)) {
                if (!p.isCommon()) {
                    assertThat(set).as("%s sets %s", rule.key(), p.key()).contains(p.key());
                }
            }
        }
    }

    @Test
    void shouldResolvePhaseSpecificThresholds() {
        RuleBook book = new RuleBook(DefaultRules.load());
        ResolvedRules cruise = book.resolve(Family.FLIGHT, "cruise");
        ResolvedRules descent = book.resolve(Family.FLIGHT, "descent");
        ResolvedRules landing = book.resolve(Family.FLIGHT, "landing");

        assertThat(cruise.value(AnomalyType.RAPID_DESCENT, RuleParam.RAPID_DESCENT_MAX_DESCENT_MS))
                .isLessThan(
                        descent.value(
                                AnomalyType.RAPID_DESCENT, RuleParam.RAPID_DESCENT_MAX_DESCENT_MS));
        assertThat(cruise.enabled(AnomalyType.RAPID_DESCENT)).isTrue();
        assertThat(landing.enabled(AnomalyType.RAPID_DESCENT)).isFalse();
        assertThat(cruise.enabled(AnomalyType.OVER_POWER)).isFalse();
    }
}
