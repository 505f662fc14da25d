package dev.telemetry.job.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.telemetry.model.Family;
import dev.telemetry.model.label.AnomalyType;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RuleParamTest {

    @Test
    void shouldGiveEveryParameterOfAFamilysDetectorsItsOwnSlotInThatFamilysArray() {
        for (Family family : Family.values()) {
            Set<Integer> slots = new HashSet<>();
            int expected = 0;
            for (AnomalyType type : AnomalyType.values()) {
                if (!type.appliesTo(family)) {
                    continue;
                }
                for (RuleParam param : RuleParam.of(type)) {
                    int slot = param.slot(family, type);
                    assertThat(slot)
                            .as("%s %s %s", family, type, param)
                            .isBetween(0, RuleParam.slotCount(family) - 1);
                    assertThat(slots.add(slot)).as("%s %s %s", family, type, param).isTrue();
                    expected++;
                }
            }
            // Dense: the family's array has no slot that nothing uses.
            assertThat(RuleParam.slotCount(family)).isEqualTo(expected).isEqualTo(slots.size());
        }
    }

    @Test
    void shouldGiveAFamilyOnlyTheSlotsOfItsOwnDetectors() {
        int all = 0;
        for (AnomalyType type : AnomalyType.values()) {
            all += RuleParam.of(type).size();
        }
        // engine: pressure spike, temperature runaway, fuel system failure, dropout, frozen
        assertThat(RuleParam.slotCount(Family.ENGINE)).isEqualTo(31).isLessThan(all);
        assertThat(RuleParam.slotCount(Family.FLIGHT)).isEqualTo(19);
    }

    @Test
    void shouldRefuseADetectorThatDoesNotRunForTheFamily() {
        assertThatThrownBy(
                        () -> RuleParam.CLEAR_READINGS.slot(Family.ENGINE, AnomalyType.OVER_POWER))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("OVER_POWER does not run for family engine");
        assertThatThrownBy(
                        () ->
                                RuleParam.OVER_POWER_MAX_CHARGE_KW.slot(
                                        Family.FLIGHT, AnomalyType.OVER_POWER))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("OVER_POWER does not run for family flight");
    }

    @Test
    void shouldRefuseAParameterOfAnotherDetector() {
        assertThatThrownBy(
                        () ->
                                RuleParam.OVER_POWER_MAX_CHARGE_KW.slot(
                                        Family.VEHICLE, AnomalyType.SOC_COLLAPSE))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("OVER_POWER_MAX_CHARGE_KW does not belong to SOC_COLLAPSE");
    }

    @Test
    void shouldResolveEachDetectorsOwnValuesWithinTheFamilyArray() {
        RuleBook book =
                new RuleBook(
                        List.of(
                                RuleParser.parse(
                                                "{\"family\":\"vehicle\",\"pattern\":\"OVER_POWER\","
                                                        + "\"params\":{\"max_discharge_kw\":120,"
                                                        + "\"clear_readings\":7}}")
                                        .rule()));
        ResolvedRules rules = book.resolve(Family.VEHICLE, "driving");
        assertThat(rules.values).hasSize(RuleParam.slotCount(Family.VEHICLE));
        assertThat(rules.value(AnomalyType.OVER_POWER, RuleParam.OVER_POWER_MAX_DISCHARGE_KW))
                .isEqualTo(120);
        assertThat(rules.value(AnomalyType.OVER_POWER, RuleParam.CLEAR_READINGS)).isEqualTo(7);
        // Another detector's copy of a common parameter is its own slot.
        assertThat(rules.value(AnomalyType.SOC_COLLAPSE, RuleParam.CLEAR_READINGS))
                .isEqualTo(RuleParam.CLEAR_READINGS.fallback());
        assertThat(rules.value(AnomalyType.SENSOR_DROPOUT, RuleParam.SENSOR_DROPOUT_TIMEOUT_S))
                .isEqualTo(RuleParam.SENSOR_DROPOUT_TIMEOUT_S.fallback());
    }
}
