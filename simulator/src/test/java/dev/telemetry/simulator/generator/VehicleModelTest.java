package dev.telemetry.simulator.generator;

import static dev.telemetry.simulator.generator.ReadingSeries.forConsecutive;
import static dev.telemetry.simulator.generator.ReadingSeries.stretches;
import static org.assertj.core.api.Assertions.assertThat;

import dev.telemetry.model.Family;
import dev.telemetry.model.Metrics;
import dev.telemetry.model.TelemetryEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class VehicleModelTest {

    private Map<String, List<TelemetryEvent>> vehicles;

    @BeforeAll
    void simulate() {
        vehicles =
                CapturedRun.clean(Family.VEHICLE, 40, Duration.ofMinutes(60))
                        .normalEventsByDevice();
    }

    @Test
    void stateOfChargeFallsWithPositivePowerAndRisesWithNegativePower() {
        forConsecutive(
                vehicles,
                (a, b) -> {
                    double change =
                            b.metric(Metrics.BATTERY_SOC_PCT) - a.metric(Metrics.BATTERY_SOC_PCT);
                    double power = b.metric(Metrics.POWER_KW);
                    if (power > 0) {
                        assertThat(change).isLessThanOrEqualTo(0);
                    } else if (power < 0) {
                        assertThat(change).isGreaterThanOrEqualTo(0);
                    }
                });
    }

    @Test
    void chargingRaisesAndDrivingLowersTheStateOfCharge() {
        int charging = 0;
        int driving = 0;
        for (List<TelemetryEvent> events : vehicles.values()) {
            for (List<TelemetryEvent> stretch : stretches(events)) {
                if (stretch.size() < 120) {
                    continue;
                }
                double change =
                        stretch.get(stretch.size() - 1).metric(Metrics.BATTERY_SOC_PCT)
                                - stretch.get(0).metric(Metrics.BATTERY_SOC_PCT);
                switch (stretch.get(0).phase()) {
                    case "charging" -> {
                        charging++;
                        assertThat(change).isPositive();
                        assertThat(max(stretch, Metrics.POWER_KW)).isNegative();
                    }
                    case "driving" -> {
                        driving++;
                        assertThat(change).isNegative();
                        assertThat(max(stretch, Metrics.POWER_KW)).isLessThan(151);
                    }
                    default -> assertThat(max(stretch, Metrics.SPEED_KMH)).isZero();
                }
            }
        }
        assertThat(charging).isPositive();
        assertThat(driving).isPositive();
    }

    @Test
    void odometerAndPositionFollowTheSpeed() {
        List<Double> mismatches = new ArrayList<>();
        forConsecutive(
                vehicles,
                (a, b) -> {
                    double metres =
                            (b.metric(Metrics.ODOMETER_KM) - a.metric(Metrics.ODOMETER_KM)) * 1000;
                    double speed = b.metric(Metrics.SPEED_KMH) / 3.6;
                    assertThat(metres).isGreaterThanOrEqualTo(0);
                    double moved =
                            Geo.distance(
                                    a.position().lat(), a.position().lon(),
                                    b.position().lat(), b.position().lon());
                    assertThat(moved).isCloseTo(metres, org.assertj.core.data.Offset.offset(2.0));
                    if (Math.abs(metres - speed) > 1.5 + 0.05 * speed) {
                        mismatches.add(metres - speed);
                    }
                });
        assertThat(mismatches).isEmpty();
    }

    @Test
    void batteryWarmsFarSlowerThanAThermalRunaway() {
        for (List<TelemetryEvent> events : vehicles.values()) {
            for (int i = 10; i < events.size(); i++) {
                double perSecond =
                        (events.get(i).metric(Metrics.BATTERY_TEMP_C)
                                        - events.get(i - 10).metric(Metrics.BATTERY_TEMP_C))
                                / 10;
                assertThat(perSecond).isLessThan(0.05);
                assertThat(Math.abs(events.get(i).metric(Metrics.POWER_KW))).isLessThan(160);
            }
        }
    }

    private static double max(List<TelemetryEvent> events, String metric) {
        return events.stream().mapToDouble(e -> e.metric(metric)).max().orElseThrow();
    }
}
