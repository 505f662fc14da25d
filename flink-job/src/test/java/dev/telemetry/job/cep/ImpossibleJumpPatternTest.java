package dev.telemetry.job.cep;

import static org.assertj.core.api.Assertions.assertThat;

import dev.telemetry.job.model.Reading;
import dev.telemetry.model.Metrics;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ImpossibleJumpPatternTest {

    private final ImpossibleJumpPattern pattern = new ImpossibleJumpPattern();

    /** Cruise east at 230 m/s (about 0.0032° of longitude per second at 50° N). */
    private static List<Reading> cruise(int n) {
        TestReadings aircraft = TestReadings.flight("F1");
        List<Reading> readings = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            readings.add(aircraft.at(50.0, 8.0 + 0.0032 * i).read(i * 1000L));
        }
        return readings;
    }

    @Test
    void shouldIgnoreNormalCruise() throws Exception {
        assertThat(DetectorHarness.detect(pattern, cruise(10))).isEmpty();
    }

    @Test
    void shouldEmitDetectionWhenPositionJumpsFartherThanAnyAircraftFlies() throws Exception {
        List<Reading> readings = cruise(5);
        readings.add(TestReadings.flight("F1").at(50.5, 8.0).read(5000));
        assertThat(DetectorHarness.detect(pattern, readings))
                .first()
                .satisfies(
                        d -> {
                            assertThat(d.metric).isEqualTo("position");
                            assertThat(d.observed).isGreaterThan(40_000.0);
                            assertThat(d.threshold).isEqualTo(450.0);
                        });
    }

    @Test
    void shouldEmitDetectionWhenVelocityJumps() throws Exception {
        List<Reading> readings = cruise(3);
        readings.add(
                TestReadings.flight("F1")
                        .at(50.0, 8.0096)
                        .set(Metrics.VELOCITY_MS, 330)
                        .read(3000));
        assertThat(DetectorHarness.detect(pattern, readings))
                .singleElement()
                .satisfies(d -> assertThat(d.metric).isEqualTo(Metrics.VELOCITY_MS));
    }
}
