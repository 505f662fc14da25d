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

    /**
     * A driving car for {@code n} readings: motor temperature noisy (0.1–0.4 °C per reading at
     * 0.001 resolution), state of charge creeping in 0.001 steps every fifth reading; from reading
     * {@code freezeAt} on, the motor temperature repeats.
     */
    private static List<Reading> car(int n, int freezeAt) {
        TestReadings car = TestReadings.vehicle("V1");
        List<Reading> readings = new ArrayList<>();
        double motor = 60;
        for (int i = 0; i < n; i++) {
            if (i < freezeAt) {
                motor = 60 + ((i * 7) % 5) * 0.1 + 0.013 * (i % 3);
            }
            car.set(Metrics.MOTOR_TEMP_C, motor)
                    .set(Metrics.BATTERY_SOC_PCT, 70 - 0.001 * (i / 5))
                    .set(Metrics.SPEED_KMH, 0);
            readings.add(car.read(i * 1000L));
        }
        return readings;
    }

    @Test
    void shouldEmitFrozenSensorAfterFiveIdenticalValuesOfANoisyMetric() throws Exception {
        try (var h = harness()) {
            List<Detection> detections = run(h, car(26, 20));

            // Readings 19..25 all carry reading 19's value: the 5th identical one is reading 23.
            assertThat(detections).extracting(d -> d.metric).containsOnly(Metrics.MOTOR_TEMP_C);
            assertThat(detections).hasSize(3);
            Detection first = detections.get(0);
            assertThat(first.eventTime).isEqualTo(TestReadings.T0 + 23_000);
            assertThat(first.clear).isEqualTo(ClearCondition.VALUE_CHANGES);
            assertThat(first.clearLevel).isEqualTo(first.observed);
        }
    }

    @Test
    void shouldIgnoreFourIdenticalValues() throws Exception {
        try (var h = harness()) {
            assertThat(run(h, car(23, 20))).isEmpty();
        }
    }

    @Test
    void shouldIgnoreSlowlyCreepingMetricsAndZeros() throws Exception {
        try (var h = harness()) {
            // State of charge repeats five times between 0.001 steps, speed stays 0: both normal.
            assertThat(run(h, car(40, 40))).isEmpty();
        }
    }

    @Test
    void shouldNotJudgeBeforeEnoughHistory() throws Exception {
        try (var h = harness()) {
            assertThat(run(h, car(12, 3))).isEmpty();
        }
    }

    @Test
    void shouldDropStateOfSilentDevice() throws Exception {
        try (var h = harness()) {
            run(h, car(3, 3));
            assertThat(h.numKeyedStateEntries()).isEqualTo(1);
            h.processWatermark(TestReadings.T0 + 11 * 60_000 + 60_000);
            assertThat(h.numKeyedStateEntries()).isZero();
            assertThat(h.numEventTimeTimers()).isZero();
        }
    }
}
