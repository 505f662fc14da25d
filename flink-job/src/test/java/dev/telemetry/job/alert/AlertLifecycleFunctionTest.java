package dev.telemetry.job.alert;

import static org.assertj.core.api.Assertions.assertThat;

import dev.telemetry.job.cep.TestReadings;
import dev.telemetry.job.model.Reading;
import dev.telemetry.model.Family;
import dev.telemetry.model.Metrics;
import dev.telemetry.model.label.AnomalyType;
import java.util.List;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.util.KeyedTwoInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AlertLifecycleFunctionTest {

    private static final long T0 = TestReadings.T0;

    private KeyedTwoInputStreamOperatorTestHarness<String, Detection, Reading, AlertEvent> h;
    private TestReadings car;

    @BeforeEach
    void setUp() throws Exception {
        h =
                ProcessFunctionTestHarnesses.forKeyedCoProcessFunction(
                        new AlertLifecycleFunction(),
                        d -> d.deviceId,
                        r -> r.deviceId,
                        Types.STRING);
        ((SerializerConfigImpl) h.getExecutionConfig().getSerializerConfig())
                .setGenericTypes(false);
        car = TestReadings.vehicle("V1");
    }

    /** An over-power detection at T0 + millis: 310 kW against 250, clears below 225. */
    private static Detection overPower(long millis, double kw) {
        return Detection.of("V1", Family.VEHICLE, AnomalyType.OVER_POWER, T0 + millis, "driving")
                .measured(Metrics.POWER_KW, kw, 250)
                .severity(Severity.WARNING)
                .clearsWhen(ClearCondition.BELOW_LEVEL, 225)
                .resolvedAfter(3, 30_000);
    }

    private void reading(long millis, double kw) throws Exception {
        h.processElement2(car.set(Metrics.POWER_KW, kw).read(millis), T0 + millis);
    }

    private void detection(Detection d) throws Exception {
        h.processElement1(d, d.eventTime);
    }

    private void watermark(long millis) throws Exception {
        h.processBothWatermarks(
                new org.apache.flink.streaming.api.watermark.Watermark(T0 + millis));
    }

    private List<AlertEvent> events() {
        return h.extractOutputValues();
    }

    @Test
    void shouldOpenUpdateAndResolveWhenClearConditionHoldsForThreeReadings() throws Exception {
        reading(0, 300);
        detection(overPower(0, 300));
        reading(1000, 320);
        detection(overPower(1000, 320));
        reading(6000, 310);
        detection(overPower(6000, 310));
        reading(7000, 240); // below the trigger but above the clear level: hysteresis, not safe
        reading(8000, 200);
        reading(9000, 200);
        reading(10_000, 200);
        watermark(20_000);

        List<AlertEvent> events = events();
        assertThat(events)
                .extracting(e -> e.status)
                .containsExactly(AlertStatus.OPEN, AlertStatus.UPDATED, AlertStatus.RESOLVED);
        AlertEvent resolved = events.get(2);
        assertThat(resolved.alertId).isEqualTo(AlertIds.alertId("V1", AnomalyType.OVER_POWER, T0));
        assertThat(resolved.onset).isEqualTo(T0);
        assertThat(resolved.fireCount).isEqualTo(3);
        assertThat(resolved.peak).isEqualTo(320.0);
        assertThat(resolved.resolvedAt).isEqualTo(T0 + 10_000);
        assertThat(resolved.resolution).isEqualTo(AlertLifecycleFunction.CLEARED);
        assertThat(events).extracting(e -> e.eventSeq).containsExactly(0, 1, 2);
        assertThat(h.numKeyedStateEntries()).isZero();
        assertThat(h.numEventTimeTimers()).isZero();
    }

    @Test
    void shouldNotResolveWhileValuesHoverBetweenClearLevelAndThreshold() throws Exception {
        detection(overPower(0, 300));
        for (int i = 1; i <= 10; i++) {
            reading(i * 1000L, 240);
        }
        watermark(11_000);
        assertThat(events()).extracting(e -> e.status).containsExactly(AlertStatus.OPEN);
    }

    @Test
    void shouldResolveByTimeoutWhenNoReadingClearsIt() throws Exception {
        detection(overPower(0, 300));
        watermark(29_999);
        assertThat(events()).hasSize(1);

        watermark(60_000);

        assertThat(events())
                .last()
                .satisfies(
                        e -> {
                            assertThat(e.status).isEqualTo(AlertStatus.RESOLVED);
                            assertThat(e.resolution).isEqualTo(AlertLifecycleFunction.TIMEOUT);
                            assertThat(e.resolvedAt).isEqualTo(T0 + 30_000);
                        });
        assertThat(h.numKeyedStateEntries()).isZero();
        assertThat(h.numEventTimeTimers()).isZero();
    }

    @Test
    void shouldGiveTheSameOutcomeWhetherReadingsArriveBeforeOrAfterTheDetection() throws Exception {
        // Readings first (the normal case: detections wait for the CEP watermark).
        reading(1000, 200);
        reading(2000, 200);
        reading(3000, 200);
        detection(overPower(0, 300));
        watermark(10_000);
        List<AlertEvent> readingsFirst = List.copyOf(events());

        setUp();
        detection(overPower(0, 300));
        reading(1000, 200);
        reading(2000, 200);
        reading(3000, 200);
        watermark(10_000);

        assertThat(events()).usingRecursiveFieldByFieldElementComparator().isEqualTo(readingsFirst);
        assertThat(readingsFirst)
                .extracting(e -> e.status)
                .containsExactly(AlertStatus.OPEN, AlertStatus.RESOLVED);
    }

    @Test
    void shouldOpenANewAlertWithANewIdAfterResolution() throws Exception {
        detection(overPower(0, 300));
        watermark(40_000);
        detection(overPower(50_000, 300));
        watermark(50_000);

        List<AlertEvent> events = events();
        assertThat(events)
                .extracting(e -> e.status)
                .containsExactly(AlertStatus.OPEN, AlertStatus.RESOLVED, AlertStatus.OPEN);
        assertThat(events.get(2).alertId).isNotEqualTo(events.get(0).alertId);
    }

    @Test
    void shouldEscalateSeverityAndReportItImmediately() throws Exception {
        detection(overPower(0, 300));
        detection(overPower(1000, 330).severity(Severity.CRITICAL));
        watermark(1000);
        assertThat(events())
                .extracting(e -> e.status + "/" + e.severity)
                .containsExactly("OPEN/WARNING", "UPDATED/CRITICAL");
    }

    @Test
    void shouldResolveDropoutAsSoonAsTheDeviceReportsAgain() throws Exception {
        h.processElement1(
                Detection.of("V1", Family.VEHICLE, AnomalyType.SENSOR_DROPOUT, T0 + 5000, "driving")
                        .clearsWhen(ClearCondition.DEVICE_REPORTS, Double.NaN),
                T0 + 5000);
        reading(9000, 20);
        watermark(9000);
        assertThat(events())
                .extracting(e -> e.status + "@" + (e.eventTime - T0))
                .containsExactly("OPEN@5000", "RESOLVED@9000");
    }

    @Test
    void shouldKeepNothingForADeviceWithoutAlerts() throws Exception {
        for (int i = 0; i < 10; i++) {
            reading(i * 1000L, 20);
        }
        watermark(10_000);
        assertThat(events()).isEmpty();
        assertThat(h.numKeyedStateEntries()).isZero();
        assertThat(h.numEventTimeTimers()).isZero();
    }
}
