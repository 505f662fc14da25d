package dev.telemetry.job.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.telemetry.job.alert.Severity;
import dev.telemetry.model.Family;
import dev.telemetry.model.label.AnomalyType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RuleParserTest {

    @Test
    void shouldParseRuleWithPhaseOverridesAndDisabledPhases() {
        RuleParser.Result result =
                RuleParser.parse(
                        """
                        {"family": "engine", "pattern": "pressure_spike", "severity": "critical",
                         "version": 7, "params": {"rise_pct": 30},
                         "phases": {"ignition": {"max_bar": 270}},
                         "disabled_phases": ["shutdown"]}
                        """);

        assertThat(result.error()).isNull();
        Rule rule = result.rule();
        assertThat(rule.family).isEqualTo(Family.ENGINE);
        assertThat(rule.type).isEqualTo(AnomalyType.PRESSURE_SPIKE);
        assertThat(rule.severity).isEqualTo(Severity.CRITICAL);
        assertThat(rule.version).isEqualTo(7);
        assertThat(rule.enabled).isTrue();
        assertThat(rule.value(RuleParam.PRESSURE_SPIKE_RISE_PCT, "mainstage")).isEqualTo(30.0);
        assertThat(rule.value(RuleParam.PRESSURE_SPIKE_MAX_BAR, "ignition")).isEqualTo(270.0);
        assertThat(rule.value(RuleParam.PRESSURE_SPIKE_MAX_BAR, "mainstage"))
                .isEqualTo(RuleParam.PRESSURE_SPIKE_MAX_BAR.fallback());
        assertThat(rule.disabledIn("shutdown")).isTrue();
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "{not json|not valid JSON",
                "[]|a rule must be a JSON object",
                "{\"pattern\":\"OVER_POWER\"}|missing field 'family'",
                "{\"family\":\"boat\",\"pattern\":\"OVER_POWER\"}|unknown family 'boat'",
                "{\"family\":\"vehicle\",\"pattern\":\"WARP\"}|unknown pattern 'WARP'",
                "{\"family\":\"flight\",\"pattern\":\"OVER_POWER\"}|pattern OVER_POWER does not apply to family flight",
                "{\"family\":\"vehicle\",\"pattern\":\"OVER_POWER\",\"params\":{\"max_kw\":1}}|unknown parameter 'max_kw' in params for OVER_POWER",
                "{\"family\":\"vehicle\",\"pattern\":\"OVER_POWER\",\"params\":{\"max_discharge_kw\":-5}}|params: max_discharge_kw=-5.0 is outside",
                "{\"family\":\"vehicle\",\"pattern\":\"OVER_POWER\",\"params\":{\"max_discharge_kw\":\"high\"}}|params.max_discharge_kw must be a number",
                "{\"family\":\"vehicle\",\"pattern\":\"OVER_POWER\",\"severity\":\"PANIC\"}|severity must be INFO, WARNING or CRITICAL",
                "{\"family\":\"vehicle\",\"pattern\":\"OVER_POWER\",\"version\":-1}|version must be a non-negative integer",
                "{\"family\":\"vehicle\",\"pattern\":\"OVER_POWER\",\"enabeld\":false}|unknown field 'enabeld'",
                "{\"family\":\"engine\",\"pattern\":\"FUEL_SYSTEM_FAILURE\",\"phases\":{\"mainstage\":{\"mixture_min\":5}}}|mixture_min (5.0) must be below mixture_max (3.4) in phase mainstage",
            })
    void shouldRejectInvalidRuleWithAPreciseReason(String json, String reason) {
        RuleParser.Result result = RuleParser.parse(json);
        assertThat(result.isOk()).isFalse();
        assertThat(result.error()).contains(reason);
    }
}
