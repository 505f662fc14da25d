package dev.telemetry.job.cep;

import static org.assertj.core.api.Assertions.assertThat;

import dev.telemetry.job.alert.ClearCondition;
import dev.telemetry.job.alert.Detection;
import dev.telemetry.job.model.Reading;
import dev.telemetry.job.rules.AnnotatedReading;
import dev.telemetry.model.Metrics;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.Test;

class FrozenSensorFunctionTest {

    private static List<Detection> run(
            KeyedOneInputStreamOperatorTestHarness<String, AnnotatedReading, Detection> h,
            List<Reading> readings)
            throws Exception {
        for (AnnotatedReading r : DetectorHarness.annotate(readings)) {
            h.processElement(r, r.time());
            h.processWatermark(r.time());
        }
        return h.extractOutputValues();
    }

    private static KeyedOneInputStreamOperatorTestHarness<String, AnnotatedReading, Detection>
            harness() throws Exception {
        return ProcessFunctionTestHarnesses.forKeyedProcessFunction(
                new FrozenSensorFunction(), r -> r.reading.deviceId, Types.STRING);
    }

    /** A car whose metrics all vary with i, except those overridden afterwards. */
    private static List<Reading> noisyCar(int n, String frozenMetric, double frozenValue) {
        TestReadings car = TestReadings.vehicle("V1");
        List<Reading> readings = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            car.set(Metrics.SPEED_KMH, 90 + (i % 3))
                    .set(Metrics.BATTERY_SOC_PCT, 70 - i * 0.01)
                    .set(Metrics.BATTERY_TEMP_C, 30 + (i % 2) * 0.1)
                    .set(Metrics.MOTOR_TEMP_C, 60 + (i % 4) * 0.1)
                    .set(Metrics.POWER_KW, 20 + (i % 5));
            if (frozenMetric != null) {
                car.set(frozenMetric, frozenValue);
            }
            readings.add(car.read(i * 1000L));
        }
        return readings;
    }

    @Test
    void shouldEmitFrozenSensorAfterFiveIdenticalValues() throws Exception {
        try (var h = harness()) {
            List<Detection> detections = run(h, noisyCar(6, Metrics.BATTERY_TEMP_C, 31.25));
            assertThat(detections).hasSize(2);
            assertThat(detections.get(0).metric).isEqualTo(Metrics.BATTERY_TEMP_C);
            assertThat(detections.get(0).eventTime).isEqualTo(TestReadings.T0 + 4000);
            assertThat(detections.get(0).clear).isEqualTo(ClearCondition.VALUE_CHANGES);
            assertThat(detections.get(0).clearLevel).isEqualTo(31.25);
        }
    }

    @Test
    void shouldIgnoreFourIdenticalValues() throws Exception {
        try (var h = harness()) {
            assertThat(run(h, noisyCar(4, Metrics.BATTERY_TEMP_C, 31.25))).isEmpty();
        }
    }

    @Test
    void shouldIgnoreCountersFlagsAndZeros() throws Exception {
        try (var h = harness()) {
            // The odometer of a noisy car stays put in noisyCar; a zero power stays zero.
            assertThat(run(h, noisyCar(10, Metrics.POWER_KW, 0.0))).isEmpty();
        }
    }

    @Test
    void shouldDropStateOfSilentDevice() throws Exception {
        try (var h = harness()) {
            run(h, noisyCar(3, null, 0));
            assertThat(h.numKeyedStateEntries()).isEqualTo(1);
            h.processWatermark(TestReadings.T0 + 11 * 60_000 + 60_000);
            assertThat(h.numKeyedStateEntries()).isZero();
            assertThat(h.numEventTimeTimers()).isZero();
        }
    }
}
