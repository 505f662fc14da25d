package dev.telemetry.job.cep;

import static org.assertj.core.api.Assertions.assertThat;

import dev.telemetry.job.alert.ClearCondition;
import dev.telemetry.job.alert.Detection;
import dev.telemetry.job.model.Reading;
import dev.telemetry.model.Metrics;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FuelSystemFailurePatternTest {

    private final FuelSystemFailurePattern pattern = new FuelSystemFailurePattern();

    /** Ten steady readings, then readings with the given (fuel, pressure, mixture) triples. */
    private static List<Reading> steadyThen(String phase, double[]... fuelPressureMixture) {
        TestReadings engine = TestReadings.engine("E1");
        List<Reading> readings = new ArrayList<>();
        long t = 0;
        for (int i = 0; i < 10; i++, t += 100) {
            readings.add(engine.read(t));
        }
        engine.phase(phase);
        for (double[] v : fuelPressureMixture) {
            readings.add(
                    engine.set(Metrics.FUEL_FLOW_KG_S, v[0])
                            .set(Metrics.CHAMBER_PRESSURE_BAR, v[1])
                            .set(Metrics.MIXTURE_RATIO, v[2])
                            .read(t));
            t += 100;
        }
        return readings;
    }

    @Test
    void shouldEmitDetectionWhenFuelFlowAndChamberPressureDropTogether() throws Exception {
        List<Detection> detections =
                DetectorHarness.detect(
                        pattern,
                        steadyThen(
                                "mainstage",
                                new double[] {60, 160, 2.6},
                                new double[] {55, 150, 2.6}));

        assertThat(detections)
                .singleElement()
                .satisfies(
                        d -> {
                            assertThat(d.metric).isEqualTo(Metrics.FUEL_FLOW_KG_S);
                            assertThat(d.observed).isEqualTo(55.0);
                            assertThat(d.threshold).isEqualTo(75.0);
                            assertThat(d.clear).isEqualTo(ClearCondition.ABOVE_LEVEL);
                        });
    }

    @Test
    void shouldEmitDetectionWhenMixtureRatioLeavesItsBand() throws Exception {
        List<Detection> detections =
                DetectorHarness.detect(
                        pattern,
                        steadyThen(
                                "mainstage",
                                new double[] {100, 200, 4.1},
                                new double[] {100, 200, 4.3}));

        assertThat(detections)
                .singleElement()
                .satisfies(
                        d -> {
                            assertThat(d.metric).isEqualTo(Metrics.MIXTURE_RATIO);
                            assertThat(d.observed).isEqualTo(4.3);
                            assertThat(d.clear).isEqualTo(ClearCondition.BELOW_LEVEL);
                        });
    }

    @Test
    void shouldIgnoreFuelDropWithoutPressureDrop() throws Exception {
        assertThat(
                        DetectorHarness.detect(
                                pattern,
                                steadyThen(
                                        "mainstage",
                                        new double[] {60, 199, 2.6},
                                        new double[] {55, 198, 2.6})))
                .isEmpty();
    }

    @Test
    void shouldIgnoreFlowsAndPressureFallingDuringShutdown() throws Exception {
        assertThat(
                        DetectorHarness.detect(
                                pattern,
                                steadyThen(
                                        "shutdown",
                                        new double[] {60, 150, 2.6},
                                        new double[] {30, 90, 4.5},
                                        new double[] {10, 30, 5.0})))
                .isEmpty();
    }
}
