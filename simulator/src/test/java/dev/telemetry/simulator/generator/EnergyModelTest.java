package dev.telemetry.simulator.generator;

import static dev.telemetry.simulator.generator.ReadingSeries.forConsecutive;
import static dev.telemetry.simulator.generator.ReadingSeries.stretches;
import static org.assertj.core.api.Assertions.assertThat;

import dev.telemetry.model.Family;
import dev.telemetry.model.Metrics;
import dev.telemetry.model.TelemetryEvent;
import dev.telemetry.simulator.SimulationOptions;
import java.time.Duration;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EnergyModelTest {

    private Map<String, List<TelemetryEvent>> sites;

    @BeforeAll
    void simulateADay() {
        // One reading every 10 s for 24 hours.
        sites =
                CapturedRun.of(
                                new SimulationOptions(
                                        7,
                                        EnumSet.of(Family.ENERGY),
                                        30,
                                        0.1,
                                        Duration.ofHours(24),
                                        CapturedRun.START,
                                        0,
                                        0))
                        .normalEventsByDevice();
    }

    @Test
    void solarPowerFollowsTheSunAndIsZeroAtNight() {
        int night = 0;
        int day = 0;
        for (TelemetryEvent e : sites.values().stream().flatMap(List::stream).toList()) {
            double sun =
                    SolarGeometry.sinElevation(
                            e.position().lat(), e.position().lon(), e.eventTime());
            double solar = e.metric(Metrics.SOLAR_POWER_W);
            if (sun <= 0) {
                night++;
                assertThat(solar).isZero();
            } else if (sun > 0.2) {
                day++;
                assertThat(solar).isPositive();
            }
            if (sun > 0.9) {
                assertThat(solar).isGreaterThan(300_000);
            }
        }
        assertThat(night).isGreaterThan(50_000);
        assertThat(day).isGreaterThan(50_000);
    }

    @Test
    void stateOfChargeFollowsThePowerSign() {
        forConsecutive(
                sites,
                (a, b) -> {
                    double change = b.metric(Metrics.SOC_PERCENT) - a.metric(Metrics.SOC_PERCENT);
                    double power = b.metric(Metrics.POWER_W);
                    if (power > 0) {
                        assertThat(change).isLessThanOrEqualTo(0);
                    } else if (power < 0) {
                        assertThat(change).isGreaterThanOrEqualTo(0);
                    }
                    assertThat(Math.abs(power)).isLessThan(2_050_000);
                });
    }

    @Test
    void chargesFromTheSunDischargesInThePeaksAndIdlesOtherwise() {
        Set<String> seen = new HashSet<>();
        for (List<TelemetryEvent> events : sites.values()) {
            for (List<TelemetryEvent> stretch : stretches(events)) {
                String phase = stretch.get(0).phase();
                seen.add(phase);
                // After two minutes (τ = 20 s) the power has followed the phase.
                for (TelemetryEvent e :
                        stretch.subList(Math.min(12, stretch.size()), stretch.size())) {
                    double power = e.metric(Metrics.POWER_W);
                    switch (phase) {
                        case "charging" -> assertThat(power).isNegative();
                        case "discharging" -> assertThat(power).isGreaterThan(900_000);
                        default -> assertThat(Math.abs(power)).isLessThan(20_000);
                    }
                }
            }
        }
        assertThat(seen).containsExactlyInAnyOrder("charging", "discharging", "idle");
    }
}
