package dev.telemetry.job.cep;

import static org.assertj.core.api.Assertions.assertThat;

import dev.telemetry.job.alert.ClearCondition;
import dev.telemetry.job.alert.Detection;
import dev.telemetry.job.alert.Severity;
import dev.telemetry.job.model.Reading;
import dev.telemetry.model.Metrics;
import dev.telemetry.model.label.AnomalyType;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PressureSpikePatternTest {

    private final PressureSpikePattern pattern = new PressureSpikePattern();

    /** Ten steady mainstage readings at 10 Hz, then the given pressures. */
    private static List<Reading> mainstageThen(double... pressures) {
        TestReadings engine = TestReadings.engine("E1");
        List<Reading> readings = new ArrayList<>();
        long t = 0;
        for (int i = 0; i < 10; i++, t += 100) {
            readings.add(engine.set(Metrics.CHAMBER_PRESSURE_BAR, 200 + (i % 2)).read(t));
        }
        for (double p : pressures) {
            readings.add(engine.set(Metrics.CHAMBER_PRESSURE_BAR, p).read(t));
            t += 100;
        }
        return readings;
    }

    @Test
    void shouldEmitCriticalDetectionWhenPressureJumpsAboveBaselineForTwoReadings()
            throws Exception {
        List<Detection> detections = DetectorHarness.detect(pattern, mainstageThen(270, 275, 200));

        assertThat(detections).hasSize(1);
        Detection d = detections.get(0);
        assertThat(d.type).isEqualTo(AnomalyType.PRESSURE_SPIKE);
        assertThat(d.deviceId).isEqualTo("E1");
        assertThat(d.eventTime).isEqualTo(TestReadings.T0 + 1100);
        assertThat(d.metric).isEqualTo(Metrics.CHAMBER_PRESSURE_BAR);
        assertThat(d.observed).isEqualTo(275.0);
        assertThat(d.threshold).isBetween(250.0, 252.0);
        assertThat(d.severity).isEqualTo(Severity.CRITICAL);
        assertThat(d.phase).isEqualTo("mainstage");
        assertThat(d.clear).isEqualTo(ClearCondition.BELOW_LEVEL);
        assertThat(d.clearLevel).isBetween(200.0, d.threshold);
    }

    @Test
    void shouldIgnoreSingleReadingBlip() throws Exception {
        assertThat(DetectorHarness.detect(pattern, mainstageThen(280, 201, 200, 201))).isEmpty();
    }

    @Test
    void shouldIgnoreRiseBelowThreshold() throws Exception {
        assertThat(DetectorHarness.detect(pattern, mainstageThen(240, 242, 245, 241))).isEmpty();
    }

    @Test
    void shouldIgnorePressureTransientDuringIgnition() throws Exception {
        double[] ramp = {5, 8, 12, 20, 35, 60, 95, 140, 175, 260, 230, 200, 200};
        List<Reading> readings =
                TestReadings.engine("E1")
                        .phase("ignition")
                        .readEvery(100, Metrics.CHAMBER_PRESSURE_BAR, ramp);
        assertThat(DetectorHarness.detect(pattern, readings)).isEmpty();
    }

    @Test
    void shouldEmitDetectionWhenIgnitionOvershootExceedsTheCeiling() throws Exception {
        double[] ramp = {5, 20, 60, 140, 285, 290, 210};
        List<Reading> readings =
                TestReadings.engine("E1")
                        .phase("ignition")
                        .readEvery(100, Metrics.CHAMBER_PRESSURE_BAR, ramp);
        List<Detection> detections = DetectorHarness.detect(pattern, readings);
        assertThat(detections)
                .singleElement()
                .satisfies(
                        d -> {
                            assertThat(d.phase).isEqualTo("ignition");
                            assertThat(d.threshold).isEqualTo(280.0);
                        });
    }

    @Test
    void shouldApplyOnlyTheCeilingBeforeTheBaselineHasWarmedUp() throws Exception {
        TestReadings engine = TestReadings.engine("E1");
        List<Reading> readings =
                List.of(
                        engine.set(Metrics.CHAMBER_PRESSURE_BAR, 200).read(0),
                        engine.set(Metrics.CHAMBER_PRESSURE_BAR, 280).read(100),
                        engine.set(Metrics.CHAMBER_PRESSURE_BAR, 280).read(200));
        assertThat(DetectorHarness.detect(pattern, readings)).isEmpty();
    }
}
