package dev.telemetry.simulator.generator;

import static dev.telemetry.simulator.generator.ReadingSeries.forConsecutive;
import static dev.telemetry.simulator.generator.ReadingSeries.mean;
import static dev.telemetry.simulator.generator.ReadingSeries.stretches;
import static org.assertj.core.api.Assertions.assertThat;

import dev.telemetry.model.Family;
import dev.telemetry.model.Metrics;
import dev.telemetry.model.TelemetryEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EngineModelTest {

    private static final Set<String> NEXT_PHASE_PAIRS =
            Set.of(
                    "standby>ignition",
                    "ignition>mainstage",
                    "mainstage>shutdown",
                    "shutdown>standby");

    private Map<String, List<TelemetryEvent>> engines;

    @BeforeAll
    void simulate() {
        engines =
                CapturedRun.clean(Family.ENGINE, 30, Duration.ofMinutes(30)).normalEventsByDevice();
    }

    @Test
    void cyclesThroughStandbyIgnitionMainstageAndShutdown() {
        List<String> changes = new ArrayList<>();
        forConsecutive(
                engines,
                (a, b) -> {
                    if (!a.phase().equals(b.phase())) {
                        changes.add(a.phase() + ">" + b.phase());
                    }
                });

        assertThat(changes).hasSizeGreaterThan(100);
        assertThat(Set.copyOf(changes)).isEqualTo(NEXT_PHASE_PAIRS);
        for (List<TelemetryEvent> events : engines.values()) {
            for (List<TelemetryEvent> stretch : stretches(events)) {
                boolean complete = stretch.get(0) != events.get(0) && last(stretch) != last(events);
                if (complete && stretch.get(0).phase().equals("ignition")) {
                    assertThat(stretch).hasSizeBetween(2, 3);
                }
                if (complete && stretch.get(0).phase().equals("mainstage")) {
                    assertThat(stretch).hasSizeBetween(89, 241);
                }
            }
        }
    }

    @Test
    void holdsChamberPressureAndMixtureNearNominalInMainstage() {
        for (List<TelemetryEvent> events : engines.values()) {
            for (List<TelemetryEvent> stretch : stretches(events)) {
                if (!stretch.get(0).phase().equals("mainstage")) {
                    continue;
                }
                for (TelemetryEvent e : stretch) {
                    assertThat(e.metric(Metrics.CHAMBER_PRESSURE_BAR)).isBetween(94.0, 106.0);
                    assertThat(e.metric(Metrics.MIXTURE_RATIO)).isBetween(2.45, 2.65);
                    assertThat(e.metric(Metrics.PERFORMANCE_SCORE)).isGreaterThan(90);
                    assertThat(e.metric(Metrics.VIBRATION_G)).isBetween(1.5, 2.6);
                    assertThat(e.metric(Metrics.CHAMBER_TEMP_K)).isBetween(3200.0, 3400.0);
                    assertThat(e.metric(Metrics.TURBOPUMP_TEMP_K)).isLessThan(660);
                }
            }
        }
    }

    @Test
    void rampsUpDuringIgnitionWithoutOvershootAndIsColdInStandby() {
        forConsecutive(
                engines,
                (a, b) -> {
                    if (b.phase().equals("ignition") && a.phase().equals("ignition")) {
                        assertThat(b.metric(Metrics.CHAMBER_PRESSURE_BAR))
                                .isGreaterThan(a.metric(Metrics.CHAMBER_PRESSURE_BAR));
                    }
                    if (b.phase().equals("ignition") || b.phase().equals("shutdown")) {
                        assertThat(b.metric(Metrics.CHAMBER_PRESSURE_BAR)).isLessThan(107);
                        if (b.metric(Metrics.FUEL_FLOW_KG_S) > 1) {
                            assertThat(b.metric(Metrics.MIXTURE_RATIO)).isBetween(2.2, 2.9);
                        }
                    }
                    if (b.phase().equals("standby")) {
                        assertThat(b.metric(Metrics.FUEL_FLOW_KG_S)).isZero();
                        assertThat(b.metric(Metrics.CHAMBER_PRESSURE_BAR)).isLessThan(1.1);
                        assertThat(b.metric(Metrics.PERFORMANCE_SCORE)).isZero();
                    }
                });
    }

    @Test
    void temperaturesShowThermalInertia() {
        forConsecutive(
                engines,
                (a, b) -> {
                    if (a.phase().equals("shutdown") && b.phase().equals("standby")) {
                        // The chamber wall cools over seconds, the turbopump over minutes.
                        assertThat(b.metric(Metrics.CHAMBER_TEMP_K)).isGreaterThan(1000);
                        assertThat(b.metric(Metrics.TURBOPUMP_TEMP_K)).isGreaterThan(550);
                    }
                    if (a.phase().equals("ignition") && b.phase().equals("mainstage")) {
                        assertThat(b.metric(Metrics.TURBOPUMP_TEMP_K)).isLessThan(580);
                    }
                });
    }

    @Test
    void normalMainstageNeverLooksLikeASpikeARunawayOrAFuelFailure() {
        for (List<TelemetryEvent> events : engines.values()) {
            for (List<TelemetryEvent> stretch : stretches(events)) {
                if (!stretch.get(0).phase().equals("mainstage")) {
                    continue;
                }
                for (int i = 10; i < stretch.size(); i++) {
                    double pressure =
                            mean(stretch.subList(i - 10, i), Metrics.CHAMBER_PRESSURE_BAR);
                    double fuel = mean(stretch.subList(i - 10, i), Metrics.FUEL_FLOW_KG_S);
                    TelemetryEvent e = stretch.get(i);
                    assertThat(e.metric(Metrics.CHAMBER_PRESSURE_BAR))
                            .isBetween(0.95 * pressure, 1.05 * pressure);
                    assertThat(e.metric(Metrics.FUEL_FLOW_KG_S)).isGreaterThan(0.95 * fuel);
                    double tenSecondsAgo = stretch.get(i - 10).metric(Metrics.CHAMBER_TEMP_K);
                    assertThat(e.metric(Metrics.CHAMBER_TEMP_K) - tenSecondsAgo).isLessThan(60);
                }
            }
        }
    }

    private static <T> T last(List<T> list) {
        return list.get(list.size() - 1);
    }
}
