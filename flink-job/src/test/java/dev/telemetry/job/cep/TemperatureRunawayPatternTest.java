package dev.telemetry.job.cep;

import static org.assertj.core.api.Assertions.assertThat;

import dev.telemetry.job.alert.Detection;
import dev.telemetry.job.model.Reading;
import dev.telemetry.model.Metrics;
import dev.telemetry.model.label.AnomalyType;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TemperatureRunawayPatternTest {

    private final TemperatureRunawayPattern pattern = new TemperatureRunawayPattern();

    private static List<Reading> temperatures(String phase, double... values) {
        return temperatures(Metrics.CHAMBER_TEMP_K, phase, values);
    }

    private static List<Reading> temperatures(String metric, String phase, double... values) {
        TestReadings engine = TestReadings.engine("E1").phase(phase);
        List<Reading> readings = new ArrayList<>();
        long t = 0;
        for (double v : values) {
            readings.add(engine.set(metric, v).read(t));
            t += 500;
        }
        return readings;
    }

    @Test
    void shouldEmitDetectionWhenFiveRisingTemperaturesGainMoreThanTheMinimumRise()
            throws Exception {
        List<Detection> detections =
                DetectorHarness.detect(
                        pattern,
                        temperatures("mainstage", 3300, 3301, 3299, 3330, 3370, 3420, 3480, 3550));

        assertThat(detections).isNotEmpty();
        Detection d = detections.get(0);
        assertThat(d.type).isEqualTo(AnomalyType.TEMPERATURE_RUNAWAY);
        assertThat(d.metric).isEqualTo(Metrics.CHAMBER_TEMP_K);
        assertThat(d.eventTime).isEqualTo(TestReadings.T0 + 3000);
        assertThat(d.observed).isEqualTo(3480.0);
        assertThat(d.threshold).isEqualTo(3324.0);
    }

    @Test
    void shouldIgnoreSlowSteadyDrift() throws Exception {
        assertThat(
                        DetectorHarness.detect(
                                pattern,
                                temperatures(
                                        "mainstage",
                                        3300,
                                        3305,
                                        3310,
                                        3315,
                                        3320,
                                        3325,
                                        3330,
                                        3335)))
                .isEmpty();
    }

    @Test
    void shouldIgnoreRiseInterruptedByAFall() throws Exception {
        assertThat(
                        DetectorHarness.detect(
                                pattern,
                                temperatures(
                                        "mainstage", 3300, 3350, 3400, 3390, 3450, 3500, 3490)))
                .isEmpty();
    }

    @Test
    void shouldIgnoreTemperatureClimbDuringIgnition() throws Exception {
        assertThat(
                        DetectorHarness.detect(
                                pattern,
                                temperatures("ignition", 1200, 1600, 2000, 2400, 2800, 3100)))
                .isEmpty();
    }

    @Test
    void shouldIgnoreRisesBelowTheFloor() throws Exception {
        assertThat(
                        DetectorHarness.detect(
                                pattern, temperatures("mainstage", 300, 400, 500, 600, 700, 800)))
                .isEmpty();
    }

    @Test
    void shouldEmitDetectionWhenTurbopumpRunsAwayAboveItsSteadyState() throws Exception {
        TemperatureRunawayPattern pump = new TemperatureRunawayPattern(Metrics.TURBOPUMP_TEMP_K);
        assertThat(
                        DetectorHarness.detect(
                                pump,
                                temperatures(
                                        Metrics.TURBOPUMP_TEMP_K,
                                        "mainstage",
                                        620,
                                        621,
                                        638,
                                        656,
                                        674)))
                .singleElement()
                .satisfies(d -> assertThat(d.metric).isEqualTo(Metrics.TURBOPUMP_TEMP_K));
    }

    @Test
    void shouldIgnoreTurbopumpWarmUpBelowItsFloor() throws Exception {
        TemperatureRunawayPattern pump = new TemperatureRunawayPattern(Metrics.TURBOPUMP_TEMP_K);
        assertThat(
                        DetectorHarness.detect(
                                pump,
                                temperatures(
                                        Metrics.TURBOPUMP_TEMP_K,
                                        "mainstage",
                                        400,
                                        430,
                                        458,
                                        484,
                                        508,
                                        530)))
                .isEmpty();
    }
}
