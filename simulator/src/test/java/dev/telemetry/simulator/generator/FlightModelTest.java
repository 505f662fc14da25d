package dev.telemetry.simulator.generator;

import static dev.telemetry.simulator.generator.ReadingSeries.forConsecutive;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.telemetry.model.Family;
import dev.telemetry.model.Metrics;
import dev.telemetry.model.TelemetryEvent;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FlightModelTest {

    private Map<String, List<TelemetryEvent>> flights;

    @BeforeAll
    void simulate() {
        flights =
                CapturedRun.clean(Family.FLIGHT, 40, Duration.ofMinutes(60)).normalEventsByDevice();
    }

    @Test
    void altitudeRisesInClimbAndFallsInDescent() {
        int[] climb = new int[2];
        int[] descent = new int[2];
        forConsecutive(
                flights,
                (a, b) -> {
                    double change =
                            b.metric(Metrics.BARO_ALTITUDE_M) - a.metric(Metrics.BARO_ALTITUDE_M);
                    if (a.phase().equals("climb") && b.phase().equals("climb")) {
                        climb[change > 0 ? 0 : 1]++;
                        assertThat(b.metric(Metrics.VERTICAL_RATE_MS)).isBetween(0.0, 13.0);
                    }
                    if (a.phase().equals("descent") && b.phase().equals("descent")) {
                        descent[change < 0 ? 0 : 1]++;
                        assertThat(b.metric(Metrics.VERTICAL_RATE_MS)).isBetween(-12.5, 0.5);
                    }
                });

        assertThat(climb[0]).isGreaterThan(1_000);
        assertThat(climb[1]).isLessThan(climb[0] / 100);
        assertThat(descent[0]).isGreaterThan(1_000);
        assertThat(descent[1]).isLessThan(descent[0] / 100);
    }

    @Test
    void verticalRateExplainsTheAltitudeChange() {
        forConsecutive(
                flights,
                (a, b) -> {
                    if (b.metric(Metrics.ON_GROUND) == 0 && a.metric(Metrics.ON_GROUND) == 0) {
                        double change =
                                b.metric(Metrics.BARO_ALTITUDE_M)
                                        - a.metric(Metrics.BARO_ALTITUDE_M);
                        double seconds = (b.eventTime() - a.eventTime()) / 1000.0;
                        assertThat(change / seconds)
                                .isCloseTo(b.metric(Metrics.VERTICAL_RATE_MS), within(4.0));
                    }
                });
    }

    @Test
    void headingIsTheTrackAndSpeedExplainsTheDistanceFlown() {
        forConsecutive(
                flights,
                (a, b) -> {
                    double moved =
                            Geo.distance(
                                    a.position().lat(), a.position().lon(),
                                    b.position().lat(), b.position().lon());
                    double seconds = (b.eventTime() - a.eventTime()) / 1000.0;
                    assertThat(moved / seconds)
                            .isCloseTo(b.metric(Metrics.VELOCITY_MS), within(3.0));
                    if (b.metric(Metrics.ON_GROUND) == 0 && moved > 150) {
                        double track =
                                Geo.bearing(
                                        a.position().lat(), a.position().lon(),
                                        b.position().lat(), b.position().lon());
                        assertThat(Math.abs(Geo.turn(track, b.metric(Metrics.HEADING_DEG))))
                                .isLessThan(1.0);
                    }
                    assertThat(
                                    Math.abs(
                                            b.metric(Metrics.VELOCITY_MS)
                                                    - a.metric(Metrics.VELOCITY_MS)))
                            .isLessThan(5 * seconds);
                });
    }

    @Test
    void reportsOnGroundAtTheGateWhileTaxiingAndAfterTouchdownOnly() {
        Set<String> landingFlags = new HashSet<>();
        flights.values().stream()
                .flatMap(List::stream)
                .forEach(
                        e -> {
                            double onGround = e.metric(Metrics.ON_GROUND);
                            switch (e.phase()) {
                                case "at_gate", "taxi" -> assertThat(onGround).isEqualTo(1);
                                case "climb", "cruise", "descent" -> assertThat(onGround).isZero();
                                case "landing" -> {
                                    landingFlags.add(onGround == 1 ? "rollout" : "approach");
                                    assertThat(e.metric(Metrics.VERTICAL_RATE_MS))
                                            .isBetween(-8.5, 0.5);
                                }
                                default -> assertThat(e.phase()).isEqualTo("takeoff");
                            }
                            assertThat(e.attributes()).containsKey(Reading.CALLSIGN);
                        });
        assertThat(landingFlags).containsExactlyInAnyOrder("approach", "rollout");
    }
}
