package dev.telemetry.job.cep;

import static org.assertj.core.api.Assertions.assertThat;

import dev.telemetry.job.alert.Detection;
import dev.telemetry.job.model.Reading;
import dev.telemetry.job.rules.AnnotatedReading;
import dev.telemetry.model.Metrics;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** CEP buffers and partial matches of a device that went silent are gone once within() expires. */
class CepStateCleanupTest {

    static Stream<Arguments> patternsAndDevices() {
        return Stream.of(
                Arguments.of(
                        new PressureSpikePattern(),
                        TestReadings.engine("E1"),
                        Metrics.CHAMBER_PRESSURE_BAR),
                Arguments.of(
                        new TemperatureRunawayPattern(),
                        TestReadings.engine("E1"),
                        Metrics.CHAMBER_TEMP_K),
                Arguments.of(
                        new FuelSystemFailurePattern(),
                        TestReadings.engine("E1"),
                        Metrics.MIXTURE_RATIO),
                Arguments.of(
                        new BatteryThermalRunawayPattern(),
                        TestReadings.vehicle("V1"),
                        Metrics.BATTERY_TEMP_C),
                Arguments.of(
                        new SocCollapsePattern(), TestReadings.energy("S1"), Metrics.SOC_PERCENT),
                Arguments.of(new OverPowerPattern(), TestReadings.vehicle("V1"), Metrics.POWER_KW),
                Arguments.of(
                        new RapidDescentPattern(),
                        TestReadings.flight("F1"),
                        Metrics.VERTICAL_RATE_MS),
                Arguments.of(
                        new ImpossibleJumpPattern(),
                        TestReadings.flight("F1"),
                        Metrics.VELOCITY_MS));
    }

    @ParameterizedTest
    @MethodSource("patternsAndDevices")
    void shouldReturnKeyedStateToZeroForSilentDevice(
            AnomalyPattern pattern, TestReadings device, String metric) throws Exception {
        List<Reading> readings = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            // Values that start partial matches (rising, falling, jumping), so buffers are busy.
            device.set(metric, device.get(metric) + (i % 2 == 0 ? 1 : -1) * i * 0.1);
            readings.add(device.read(i * 1000L));
        }
        try (KeyedOneInputStreamOperatorTestHarness<String, AnnotatedReading, Detection> h =
                DetectorHarness.cep(pattern)) {
            for (AnnotatedReading r : DetectorHarness.annotate(readings)) {
                h.processElement(r, r.time());
            }
            assertThat(h.numKeyedStateEntries()).isPositive();

            h.processWatermark(TestReadings.T0 + 20 * 1000L + 61_000);

            assertThat(h.numKeyedStateEntries()).isZero();
            assertThat(h.numEventTimeTimers()).isZero();
        }
    }
}
