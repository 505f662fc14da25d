package dev.telemetry.job.cep;

import static org.assertj.core.api.Assertions.assertThat;

import dev.telemetry.job.model.Reading;
import dev.telemetry.model.Metrics;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RapidDescentPatternTest {

    private final RapidDescentPattern pattern = new RapidDescentPattern();

    /** One reading per second, altitude following the vertical rates. */
    private static List<Reading> descent(String phase, double altitude, double... verticalRates) {
        TestReadings aircraft = TestReadings.flight("F1").phase(phase);
        List<Reading> readings = new ArrayList<>();
        double alt = altitude;
        for (int i = 0; i < verticalRates.length; i++) {
            alt += verticalRates[i];
            readings.add(
                    aircraft.set(Metrics.VERTICAL_RATE_MS, verticalRates[i])
                            .set(Metrics.BARO_ALTITUDE_M, alt)
                            .read(i * 1000L));
        }
        return readings;
    }

    @Test
    void shouldEmitDetectionWhenAircraftSinksFastInCruise() throws Exception {
        assertThat(DetectorHarness.detect(pattern, descent("cruise", 10_000, 0, -5, -45, -60, -60)))
                .first()
                .satisfies(
                        d -> {
                            assertThat(d.metric).isEqualTo(Metrics.VERTICAL_RATE_MS);
                            assertThat(d.observed).isEqualTo(-60.0);
                            assertThat(d.threshold).isEqualTo(-25.0);
                            assertThat(d.eventTime).isEqualTo(TestReadings.T0 + 3000);
                        });
    }

    @Test
    void shouldIgnoreNormalLandingDescent() throws Exception {
        assertThat(DetectorHarness.detect(pattern, descent("landing", 600, -4, -4, -5, -4, -3, -2)))
                .isEmpty();
    }

    @Test
    void shouldIgnoreSteepApproachInTheLandingPhase() throws Exception {
        assertThat(DetectorHarness.detect(pattern, descent("landing", 1500, -35, -35, -35)))
                .isEmpty();
    }

    @Test
    void shouldAllowSteeperSinkInTheDescentPhaseThanInCruise() throws Exception {
        assertThat(DetectorHarness.detect(pattern, descent("descent", 8000, -28, -28, -28, -28)))
                .isEmpty();
        assertThat(DetectorHarness.detect(pattern, descent("cruise", 8000, -28, -28, -28, -28)))
                .isNotEmpty();
    }
}
