package dev.telemetry.job.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.telemetry.job.cep.DetectorHarness;
import dev.telemetry.job.cep.TestReadings;
import dev.telemetry.job.model.Reading;
import dev.telemetry.model.Family;
import dev.telemetry.model.Metrics;
import dev.telemetry.model.label.AnomalyType;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.state.heap.HeapKeyedStateBackend;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.Test;

class RuleAnnotatorTest {

    private static Rule rule(String json) {
        RuleParser.Result result = RuleParser.parse(json);
        assertThat(result.error()).isNull();
        return result.rule();
    }

    private static double maxDischarge(AnnotatedReading r) {
        return r.param(AnomalyType.OVER_POWER, RuleParam.OVER_POWER_MAX_DISCHARGE_KW);
    }

    @Test
    void shouldApplyABroadcastRuleToTheNextReadingWithoutRestart() throws Exception {
        TestReadings car = TestReadings.vehicle("V1");
        try (KeyedBroadcastOperatorTestHarness<String, Reading, Rule, AnnotatedReading> h =
                DetectorHarness.annotator()) {
            h.processElement(car.read(0), TestReadings.T0);
            h.processBroadcastElement(
                    rule(
                            "{\"family\":\"vehicle\",\"pattern\":\"OVER_POWER\",\"version\":2,"
                                    + "\"params\":{\"max_discharge_kw\":120}}"),
                    TestReadings.T0);
            h.processElement(car.read(1000), TestReadings.T0 + 1000);

            List<AnnotatedReading> out = h.extractOutputValues();
            assertThat(maxDischarge(out.get(0))).isEqualTo(200.0);
            assertThat(maxDischarge(out.get(1))).isEqualTo(120.0);
            // Parameters the update omits take their fallbacks, not the previous rule's values.
            assertThat(out.get(1).param(AnomalyType.OVER_POWER, RuleParam.OVER_POWER_MAX_CHARGE_KW))
                    .isEqualTo(RuleParam.OVER_POWER_MAX_CHARGE_KW.fallback());
        }
    }

    @Test
    void shouldIgnoreStaleRuleVersion() throws Exception {
        TestReadings car = TestReadings.vehicle("V1");
        try (KeyedBroadcastOperatorTestHarness<String, Reading, Rule, AnnotatedReading> h =
                DetectorHarness.annotator()) {
            h.processBroadcastElement(
                    rule(
                            "{\"family\":\"vehicle\",\"pattern\":\"OVER_POWER\",\"version\":5,"
                                    + "\"params\":{\"max_discharge_kw\":120}}"),
                    0);
            h.processBroadcastElement(
                    rule(
                            "{\"family\":\"vehicle\",\"pattern\":\"OVER_POWER\",\"version\":4,"
                                    + "\"params\":{\"max_discharge_kw\":90}}"),
                    0);
            h.processElement(car.read(0), TestReadings.T0);
            assertThat(maxDischarge(h.extractOutputValues().get(0))).isEqualTo(120.0);
        }
    }

    @Test
    void shouldSwitchADetectorOffThroughARule() throws Exception {
        List<AnnotatedReading> out =
                DetectorHarness.annotate(
                        List.of(TestReadings.vehicle("V1").read(0)),
                        rule(
                                "{\"family\":\"vehicle\",\"pattern\":\"OVER_POWER\",\"version\":2,"
                                        + "\"enabled\":false}"));
        assertThat(out.get(0).enabled(AnomalyType.OVER_POWER)).isFalse();
        assertThat(out.get(0).enabled(AnomalyType.SOC_COLLAPSE)).isTrue();
    }

    @Test
    void shouldAttachTheBaselineOfPreviousReadingsInTheSamePhase() throws Exception {
        TestReadings engine = TestReadings.engine("E1");
        List<AnnotatedReading> out =
                DetectorHarness.annotate(
                        List.of(
                                engine.read(0),
                                engine.read(100),
                                engine.read(200),
                                engine.set(Metrics.CHAMBER_PRESSURE_BAR, 260).read(300),
                                engine.phase("shutdown").read(400)));
        int pressure = Metrics.indexOf(engine.read(0).family, Metrics.CHAMBER_PRESSURE_BAR);
        assertThat(out.get(2).baseline(pressure)).isNaN();
        assertThat(out.get(3).baseline(pressure)).isEqualTo(200.0);
        assertThat(out.get(4).baseline(pressure)).isNaN();
    }

    @Test
    void shouldDropBaselineStateOfSilentDevice() throws Exception {
        try (KeyedBroadcastOperatorTestHarness<String, Reading, Rule, AnnotatedReading> h =
                DetectorHarness.annotator()) {
            h.processElement(TestReadings.engine("E1").read(0), TestReadings.T0);
            HeapKeyedStateBackend<?> backend =
                    (HeapKeyedStateBackend<?>) h.getOperator().getKeyedStateBackend();
            assertThat(backend.numKeyValueStateEntries()).isEqualTo(1);

            // The rules side never holds the watermark back (in the job it is idle).
            h.processBroadcastWatermark(Long.MAX_VALUE);
            h.processWatermark(TestReadings.T0 + 12 * 60_000);

            assertThat(backend.numKeyValueStateEntries()).isZero();
            assertThat(h.numEventTimeTimers()).isZero();
        }
    }

    @Test
    void shouldCarryOnlyTheRuleValuesOfTheReadingsFamily() throws Exception {
        List<AnnotatedReading> out =
                DetectorHarness.annotate(
                        List.of(
                                TestReadings.engine("E1").read(0),
                                TestReadings.flight("F1").read(0)));
        assertThat(out.get(0).params).hasSize(RuleParam.slotCount(Family.ENGINE));
        assertThat(out.get(1).params).hasSize(RuleParam.slotCount(Family.FLIGHT));
        assertThat(out.get(1).param(AnomalyType.SENSOR_DROPOUT, RuleParam.SENSOR_DROPOUT_TIMEOUT_S))
                .isPositive();
    }

    @Test
    void shouldKeepNoBaselineForFamiliesWhoseDetectorsReadNone() throws Exception {
        TestReadings car = TestReadings.vehicle("V1");
        try (KeyedBroadcastOperatorTestHarness<String, Reading, Rule, AnnotatedReading> h =
                ProcessFunctionTestHarnesses.forKeyedBroadcastProcessFunction(
                        new RuleAnnotator(
                                DefaultRules.load(),
                                Duration.ofSeconds(10),
                                Duration.ofMinutes(10),
                                EnumSet.of(Family.ENGINE)),
                        r -> r.deviceId,
                        Types.STRING,
                        RuleAnnotator.RULES_STATE)) {
            for (int i = 0; i < 5; i++) {
                h.processElement(car.read(i * 100L), TestReadings.T0 + i * 100L);
            }
            h.processElement(TestReadings.engine("E1").read(0), TestReadings.T0);

            List<AnnotatedReading> out = h.extractOutputValues();
            assertThat(out.subList(0, 5)).allMatch(a -> a.baseline == null);
            assertThat(out.get(4).baseline(0)).isNaN();
            HeapKeyedStateBackend<?> backend =
                    (HeapKeyedStateBackend<?>) h.getOperator().getKeyedStateBackend();
            assertThat(backend.numKeyValueStateEntries()).isEqualTo(1); // the engine's
            assertThat(h.numEventTimeTimers()).isEqualTo(1);
        }
    }
}
