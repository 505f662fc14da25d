package dev.telemetry.simulator.anomaly;

import static dev.telemetry.simulator.generator.CapturedRun.START;
import static dev.telemetry.simulator.generator.CapturedRun.options;
import static dev.telemetry.simulator.generator.ReadingSeries.mean;
import static org.assertj.core.api.Assertions.assertThat;

import dev.telemetry.model.Family;
import dev.telemetry.model.Metrics;
import dev.telemetry.model.TelemetryEvent;
import dev.telemetry.model.TelemetryJson;
import dev.telemetry.model.label.AnomalyType;
import dev.telemetry.model.label.BadDataType;
import dev.telemetry.model.label.GroundTruthLabel;
import dev.telemetry.simulator.generator.CapturedRun;
import dev.telemetry.simulator.generator.Geo;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AnomalyInjectionTest {

    private static final int FORCED = 3;
    private static final Duration DURATION = Duration.ofMinutes(5);

    private CapturedRun run;
    private Map<String, List<TelemetryEvent>> byDevice;

    @BeforeAll
    void simulateEveryType() {
        run =
                CapturedRun.of(
                        options(23, EnumSet.allOf(Family.class), 40, DURATION, 0, 0),
                        AnomalyPlan.everyType(FORCED),
                        EnumSet.noneOf(BadDataType.class));
        byDevice = run.normalEventsByDevice();
    }

    @Test
    void forcesEveryTypeInEveryFamilyItAppliesTo() {
        Map<String, Long> counts =
                run.anomalies().stream()
                        .collect(
                                Collectors.groupingBy(
                                        l -> l.family() + "/" + l.type(), Collectors.counting()));

        for (Family family : Family.values()) {
            for (AnomalyType type : AnomalyType.values()) {
                if (type.appliesTo(family)) {
                    assertThat(counts.get(family + "/" + type))
                            .as(family + "/" + type)
                            .isEqualTo(FORCED);
                }
            }
        }
        assertThat(run.anomalies())
                .hasSize(counts.values().stream().mapToInt(Long::intValue).sum());
    }

    @Test
    void labelsAreCompleteNameTheirMetricAndNeverOverlapOnADevice() {
        Map<String, List<GroundTruthLabel>> perDevice =
                run.anomalies().stream().collect(Collectors.groupingBy(GroundTruthLabel::deviceId));

        for (GroundTruthLabel label : run.anomalies()) {
            assertThat(label.onset())
                    .isGreaterThanOrEqualTo(START + 15_000)
                    .isLessThanOrEqualTo(label.end());
            assertThat(label.end()).isLessThan(START + DURATION.toMillis() - 1_000);
            if (label.anomalyType() == AnomalyType.SENSOR_DROPOUT) {
                assertThat(label.metric()).isNull();
            } else if (!TelemetryJson.POSITION.equals(label.metric())) {
                assertThat(Metrics.find(label.family(), label.metric())).isPresent();
            }
        }
        perDevice
                .values()
                .forEach(
                        labels -> {
                            for (int i = 1; i < labels.size(); i++) {
                                assertThat(labels.get(i).onset() - labels.get(i - 1).end())
                                        .isGreaterThanOrEqualTo(60_000);
                            }
                        });
    }

    @Test
    void pressureSpikeRaisesChamberPressureByMoreThanThirtyPercent() {
        for (GroundTruthLabel label : labels(AnomalyType.PRESSURE_SPIKE)) {
            double baseline = mean(before(label, 10), Metrics.CHAMBER_PRESSURE_BAR);
            assertThat(window(label))
                    .hasSizeGreaterThanOrEqualTo(2)
                    .allMatch(e -> e.metric(Metrics.CHAMBER_PRESSURE_BAR) >= 1.3 * baseline);
            assertThat(after(label).metric(Metrics.CHAMBER_PRESSURE_BAR))
                    .isLessThan(1.05 * baseline);
            assertThat(window(label)).allMatch(e -> e.phase().equals("mainstage"));
        }
    }

    @Test
    void temperatureRunawayRisesSteadilyFarBeyondSteadyState() {
        for (GroundTruthLabel label : labels(AnomalyType.TEMPERATURE_RUNAWAY)) {
            String metric = label.metric();
            double baseline = mean(before(label, 10), metric);
            List<TelemetryEvent> window = window(label);
            double peak = window.stream().mapToDouble(e -> e.metric(metric)).max().orElseThrow();
            assertThat(peak).isGreaterThan(Math.max(baseline + 400, 1_000));
            int rising = 0;
            for (int i = 1;
                    i < window.size()
                            && window.get(i).metric(metric) > window.get(i - 1).metric(metric);
                    i++) {
                rising++;
            }
            assertThat(rising).isGreaterThanOrEqualTo(25);
            assertThat(window).allMatch(e -> e.metric(metric) > baseline);
        }
    }

    @Test
    void fuelSystemFailureCutsFuelAndPressureAndLeavesTheMixtureBand() {
        for (GroundTruthLabel label : labels(AnomalyType.FUEL_SYSTEM_FAILURE)) {
            double fuel = mean(before(label, 10), Metrics.FUEL_FLOW_KG_S);
            double pressure = mean(before(label, 10), Metrics.CHAMBER_PRESSURE_BAR);
            assertThat(window(label))
                    .hasSizeGreaterThanOrEqualTo(3)
                    .allSatisfy(
                            e -> {
                                assertThat(e.metric(Metrics.FUEL_FLOW_KG_S)).isLessThan(0.7 * fuel);
                                assertThat(e.metric(Metrics.CHAMBER_PRESSURE_BAR))
                                        .isLessThan(0.8 * pressure);
                                assertThat(e.metric(Metrics.MIXTURE_RATIO)).isGreaterThan(3.5);
                            });
        }
    }

    @Test
    void batteryThermalRunawayHeatsAtLeastHalfADegreePerSecond() {
        for (GroundTruthLabel label : labels(AnomalyType.BATTERY_THERMAL_RUNAWAY)) {
            String metric = label.metric();
            List<TelemetryEvent> window = window(label);
            double baseline = before(label, 1).get(0).metric(metric);
            double rate = (window.get(10).metric(metric) - window.get(0).metric(metric)) / 10;
            assertThat(rate).isGreaterThanOrEqualTo(0.45);
            assertThat(window.stream().mapToDouble(e -> e.metric(metric)).max().orElseThrow())
                    .isGreaterThan(baseline + 10);
        }
    }

    @Test
    void socCollapseDropsTheChargeByTwentyPointsInSeconds() {
        for (GroundTruthLabel label : labels(AnomalyType.SOC_COLLAPSE)) {
            String metric = label.metric();
            double before = before(label, 1).get(0).metric(metric);
            List<TelemetryEvent> window = window(label);
            double lost = before - window.get(window.size() - 1).metric(metric);
            double seconds = window.size();
            assertThat(lost).isGreaterThan(19.5);
            assertThat(lost / seconds).isGreaterThan(1.2);
        }
    }

    @Test
    void overPowerExceedsTheRatingByHalf() {
        for (GroundTruthLabel label : labels(AnomalyType.OVER_POWER)) {
            double rating = label.family() == Family.VEHICLE ? 150 : 2_000_000;
            assertThat(window(label))
                    .hasSizeGreaterThanOrEqualTo(2)
                    .allMatch(e -> Math.abs(e.metric(label.metric())) > 1.45 * rating);
        }
    }

    @Test
    void rapidDescentSinksAtFortyMetresPerSecondOutsideTheLandingPhase() {
        for (GroundTruthLabel label : labels(AnomalyType.RAPID_DESCENT)) {
            List<TelemetryEvent> window = window(label);
            assertThat(window)
                    .allSatisfy(
                            e -> {
                                assertThat(e.metric(Metrics.VERTICAL_RATE_MS)).isLessThan(-19);
                                assertThat(e.phase()).isIn("climb", "cruise");
                            });
            assertThat(
                            window.stream()
                                    .mapToDouble(e -> e.metric(Metrics.VERTICAL_RATE_MS))
                                    .min()
                                    .orElseThrow())
                    .isLessThanOrEqualTo(-40);
            double lost =
                    before(label, 1).get(0).metric(Metrics.BARO_ALTITUDE_M)
                            - window.get(window.size() - 1).metric(Metrics.BARO_ALTITUDE_M);
            assertThat(lost).isGreaterThan(600);
        }
    }

    @Test
    void impossibleJumpMovesFartherOrFasterThanAnAircraftCan() {
        for (GroundTruthLabel label : labels(AnomalyType.IMPOSSIBLE_JUMP)) {
            List<TelemetryEvent> readings = new ArrayList<>(before(label, 1));
            readings.addAll(window(label));
            double worstSpeed = 0;
            double worstVelocityChange = 0;
            for (int i = 1; i < readings.size(); i++) {
                TelemetryEvent a = readings.get(i - 1);
                TelemetryEvent b = readings.get(i);
                double seconds = (b.eventTime() - a.eventTime()) / 1000.0;
                worstSpeed =
                        Math.max(
                                worstSpeed,
                                Geo.distance(
                                                a.position().lat(),
                                                a.position().lon(),
                                                b.position().lat(),
                                                b.position().lon())
                                        / seconds);
                worstVelocityChange =
                        Math.max(
                                worstVelocityChange,
                                Math.abs(
                                                b.metric(Metrics.VELOCITY_MS)
                                                        - a.metric(Metrics.VELOCITY_MS))
                                        / seconds);
            }
            if (TelemetryJson.POSITION.equals(label.metric())) {
                assertThat(worstSpeed).isGreaterThan(25_000);
            } else {
                assertThat(worstVelocityChange).isGreaterThan(100);
            }
        }
    }

    @Test
    void sensorDropoutSendsNothingForTwentySecondsOrMore() {
        for (GroundTruthLabel label : labels(AnomalyType.SENSOR_DROPOUT)) {
            assertThat(
                            run.records().stream()
                                    .filter(
                                            r ->
                                                    r.key().equals(label.deviceId())
                                                            && r.timestamp() >= label.onset()
                                                            && r.timestamp() <= label.end()))
                    .isEmpty();
            long silence = after(label).eventTime() - before(label, 1).get(0).eventTime();
            assertThat(silence).isGreaterThan(20_000);
        }
    }

    @Test
    void frozenSensorRepeatsOneValueForAtLeastTenReadings() {
        for (GroundTruthLabel label : labels(AnomalyType.FROZEN_SENSOR)) {
            List<TelemetryEvent> window = window(label);
            double value = window.get(0).metric(label.metric());
            assertThat(window)
                    .hasSizeGreaterThanOrEqualTo(10)
                    .allMatch(e -> e.metric(label.metric()) == value);
            assertThat(after(label).metric(label.metric())).isNotEqualTo(value);
        }
    }

    @Test
    void metricsThatCanFreezeNeverRepeatAValueInNormalReadings() {
        CapturedRun clean =
                CapturedRun.of(
                        options(43, EnumSet.allOf(Family.class), 30, Duration.ofMinutes(10), 0, 0));

        clean.normalEventsByDevice()
                .forEach(
                        (device, events) -> {
                            Family family = events.get(0).family();
                            for (String metric : AnomalyInjector.frozenCandidates(family)) {
                                int repeats = 0;
                                for (int i = 2; i < events.size(); i++) {
                                    double value = events.get(i).metric(metric);
                                    if (value == events.get(i - 1).metric(metric)
                                            && value == events.get(i - 2).metric(metric)
                                            && !isIdleEngine(events.get(i))) {
                                        repeats++;
                                    }
                                }
                                assertThat(repeats).as(device + " " + metric).isZero();
                            }
                        });
    }

    /** Engines only freeze in mainstage: in standby their sensors legitimately rest. */
    private static boolean isIdleEngine(TelemetryEvent event) {
        return event.family() == Family.ENGINE && !event.phase().equals("mainstage");
    }

    @Test
    void randomAnomaliesArriveAtAboutTheRequestedRate() {
        double perDeviceHour = 6;
        CapturedRun hour =
                CapturedRun.of(
                        options(
                                29,
                                EnumSet.allOf(Family.class),
                                40,
                                Duration.ofHours(1),
                                perDeviceHour,
                                0));

        // 160 device-hours; the 60 s quiet gap after each anomaly costs about 15 %.
        assertThat(hour.anomalies()).hasSizeBetween(700, 1_000);
        assertThat(hour.anomalies().stream().map(GroundTruthLabel::anomalyType).distinct())
                .containsExactlyInAnyOrder(AnomalyType.values());
    }

    @Test
    void injectsOnlyTheEnabledTypes() {
        EnumSet<AnomalyType> enabled =
                EnumSet.of(AnomalyType.PRESSURE_SPIKE, AnomalyType.SENSOR_DROPOUT);
        CapturedRun only =
                CapturedRun.of(
                        options(31, EnumSet.allOf(Family.class), 20, Duration.ofMinutes(20), 60, 0),
                        AnomalyPlan.only(enabled),
                        EnumSet.noneOf(BadDataType.class));

        assertThat(only.anomalies()).isNotEmpty().allMatch(l -> enabled.contains(l.anomalyType()));
    }

    private List<GroundTruthLabel> labels(AnomalyType type) {
        List<GroundTruthLabel> labels =
                run.anomalies().stream().filter(l -> l.anomalyType() == type).toList();
        assertThat(labels).isNotEmpty();
        return labels;
    }

    private List<TelemetryEvent> window(GroundTruthLabel label) {
        return byDevice.get(label.deviceId()).stream()
                .filter(e -> e.eventTime() >= label.onset() && e.eventTime() <= label.end())
                .toList();
    }

    private List<TelemetryEvent> before(GroundTruthLabel label, int count) {
        List<TelemetryEvent> earlier =
                byDevice.get(label.deviceId()).stream()
                        .filter(e -> e.eventTime() < label.onset())
                        .toList();
        return earlier.subList(earlier.size() - count, earlier.size());
    }

    private TelemetryEvent after(GroundTruthLabel label) {
        return byDevice.get(label.deviceId()).stream()
                .filter(e -> e.eventTime() > label.end())
                .findFirst()
                .orElseThrow();
    }
}
