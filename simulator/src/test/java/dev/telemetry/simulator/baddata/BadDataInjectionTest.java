package dev.telemetry.simulator.baddata;

import static dev.telemetry.simulator.generator.CapturedRun.START;
import static dev.telemetry.simulator.generator.CapturedRun.options;
import static org.assertj.core.api.Assertions.assertThat;

import dev.telemetry.model.DecodeResult;
import dev.telemetry.model.EventValidator;
import dev.telemetry.model.Family;
import dev.telemetry.model.Rejection;
import dev.telemetry.model.TelemetryEvent;
import dev.telemetry.model.TelemetryJson;
import dev.telemetry.model.label.AnomalyType;
import dev.telemetry.model.label.BadDataType;
import dev.telemetry.model.label.GroundTruthLabel;
import dev.telemetry.model.label.Outcome;
import dev.telemetry.simulator.SimRecord;
import dev.telemetry.simulator.anomaly.AnomalyPlan;
import dev.telemetry.simulator.generator.CapturedRun;
import dev.telemetry.simulator.generator.CapturedRun.BadRecord;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BadDataInjectionTest {

    private static final double BAD_RATE = 0.05;

    private CapturedRun run;

    @BeforeAll
    void simulate() {
        // 4 families x 40 devices x 10 min = 96,000 readings, with anomalies as well.
        run =
                CapturedRun.of(
                        options(
                                37,
                                EnumSet.allOf(Family.class),
                                40,
                                Duration.ofMinutes(10),
                                30,
                                BAD_RATE));
    }

    @Test
    void producesEveryBadDataType() {
        Set<BadDataType> types =
                run.badRecords().stream()
                        .map(b -> b.label().badDataType())
                        .collect(Collectors.toSet());

        assertThat(types).containsExactlyInAnyOrder(BadDataType.values());
    }

    @Test
    void corruptsTheRequestedFractionOfRecords() {
        double rate = (double) run.badRecords().size() / run.records().size();

        assertThat(run.records().size()).isGreaterThan(90_000);
        assertThat(rate).isBetween(BAD_RATE - 0.005, BAD_RATE + 0.005);
    }

    @Test
    void everyBadRecordDecodesAndValidatesToItsLabelledOutcome() {
        EventValidator validator = EventValidator.withDefaults();
        for (BadRecord bad : run.badRecords()) {
            GroundTruthLabel label = bad.label();
            SimRecord record = bad.record();
            assertThat(record.key()).isEqualTo(label.deviceId());
            assertThat(record.timestamp()).isEqualTo(label.onset());
            DecodeResult decoded = TelemetryJson.decode(record.payload());
            Rejection rejection =
                    decoded.isOk()
                            ? validator.validate(decoded.event(), label.onset())
                            : decoded.rejection();
            if (label.outcome() == Outcome.REJECTED) {
                assertThat(rejection).as("%s %s", label, new String(record.payload())).isNotNull();
                assertThat(rejection.reason()).as("%s", label).isEqualTo(label.reason());
            } else {
                assertThat(rejection).as("%s", label).isNull();
                assertThat(decoded.event().seq()).isEqualTo(label.seq());
                assertThat(decoded.event().eventTime()).isEqualTo(label.onset());
            }
        }
    }

    @Test
    void duplicatesRepeatAnEarlierPayloadExactly() {
        Map<String, List<SimRecord>> earlier = new TreeMap<>();
        Map<Integer, BadRecord> badAt = new TreeMap<>();
        run.badRecords().forEach(b -> badAt.put(b.index(), b));
        List<SimRecord> records = run.records();
        int duplicates = 0;
        for (int i = 0; i < records.size(); i++) {
            SimRecord record = records.get(i);
            BadRecord bad = badAt.get(i);
            if (bad != null && bad.label().badDataType() == BadDataType.DUPLICATE) {
                duplicates++;
                assertThat(earlier.get(record.key()))
                        .anyMatch(r -> Arrays.equals(r.payload(), record.payload()));
            }
            earlier.computeIfAbsent(record.key(), k -> new ArrayList<>()).add(record);
        }
        assertThat(duplicates).isPositive();
    }

    @Test
    void outOfOrderRecordsLagOneToTwoSecondsAndVeryLateOnesThreeMinutes() {
        long streamTime = Long.MIN_VALUE;
        Map<Integer, BadRecord> badAt = new TreeMap<>();
        run.badRecords().forEach(b -> badAt.put(b.index(), b));
        List<SimRecord> records = run.records();
        for (int i = 0; i < records.size(); i++) {
            long time = records.get(i).timestamp();
            BadRecord bad = badAt.get(i);
            BadDataType type = bad == null ? null : bad.label().badDataType();
            if (type == BadDataType.OUT_OF_ORDER) {
                // Sent after newer records, well inside a 5 s out-of-orderness bound.
                assertThat(streamTime - time).isBetween(1L, 2_100L);
            } else if (type == BadDataType.VERY_LATE) {
                assertThat(streamTime).isGreaterThanOrEqualTo(START + 20_000);
                assertThat(streamTime - time).isGreaterThanOrEqualTo(180_000);
            } else if (type == BadDataType.DUPLICATE) {
                assertThat(streamTime - time).isBetween(0L, 1_600L);
            } else {
                assertThat(time).isGreaterThanOrEqualTo(streamTime);
            }
            streamTime = Math.max(streamTime, time);
        }
    }

    @Test
    void negativePowerOnlyHitsEnergySitesAndMissingFieldsKeepTheKey() {
        for (BadRecord bad : run.badRecords()) {
            if (bad.label().badDataType() == BadDataType.NEGATIVE_POWER) {
                assertThat(bad.label().family()).isEqualTo(Family.ENERGY);
            }
        }
        assertThat(run.badRecords())
                .filteredOn(b -> b.label().badDataType() == BadDataType.MISSING_FIELD)
                .isNotEmpty()
                .allMatch(b -> b.record().key().equals(b.label().deviceId()));
    }

    @Test
    void leavesAnomalyWindowsClean() {
        List<GroundTruthLabel> anomalies = run.anomalies();
        assertThat(anomalies).hasSizeGreaterThan(50);
        for (BadRecord bad : run.badRecords()) {
            GroundTruthLabel label = bad.label();
            assertThat(anomalies)
                    .as("%s", label)
                    .noneMatch(
                            a ->
                                    a.deviceId().equals(label.deviceId())
                                            && label.onset() >= a.onset()
                                            && label.onset() <= a.end());
        }
    }

    @Test
    void neverSilencesADeviceForMoreThanOneReading() {
        Set<String> dropped = new HashSet<>();
        run.anomalies().stream()
                .filter(a -> a.anomalyType() == AnomalyType.SENSOR_DROPOUT)
                .forEach(a -> dropped.add(a.deviceId() + "@" + a.onset()));
        EventValidator validator = EventValidator.withDefaults();
        Map<String, List<Long>> acceptedTimes = new TreeMap<>();
        for (SimRecord record : run.records()) {
            DecodeResult decoded = TelemetryJson.decode(record.payload());
            if (decoded.isOk() && validator.validate(decoded.event(), record.timestamp()) == null) {
                TelemetryEvent event = decoded.event();
                acceptedTimes
                        .computeIfAbsent(event.deviceId(), k -> new ArrayList<>())
                        .add(event.eventTime());
            }
        }
        Map<String, List<GroundTruthLabel>> dropouts =
                run.anomalies().stream()
                        .filter(a -> a.anomalyType() == AnomalyType.SENSOR_DROPOUT)
                        .collect(Collectors.groupingBy(GroundTruthLabel::deviceId));
        acceptedTimes.forEach(
                (device, times) -> {
                    List<Long> sorted =
                            times.stream().filter(t -> t >= START).sorted().distinct().toList();
                    for (int i = 1; i < sorted.size(); i++) {
                        long gapStart = sorted.get(i - 1);
                        long gapEnd = sorted.get(i);
                        boolean inDropout =
                                dropouts.getOrDefault(device, List.of()).stream()
                                        .anyMatch(d -> d.onset() > gapStart && d.end() < gapEnd);
                        if (!inDropout) {
                            assertThat(gapEnd - gapStart).as(device).isLessThanOrEqualTo(2_000);
                        }
                    }
                });
    }

    @Test
    void injectsOnlyTheEnabledTypes() {
        EnumSet<BadDataType> enabled = EnumSet.of(BadDataType.NAN, BadDataType.VERY_LATE);
        CapturedRun only =
                CapturedRun.of(
                        options(41, EnumSet.of(Family.VEHICLE), 30, Duration.ofMinutes(2), 0, 0.1),
                        AnomalyPlan.random(),
                        enabled);

        assertThat(only.badRecords())
                .isNotEmpty()
                .allMatch(b -> enabled.contains(b.label().badDataType()));
        double rate = (double) only.badRecords().size() / only.records().size();
        assertThat(rate).isBetween(0.085, 0.115);
    }
}
