package dev.telemetry.simulator;

import static dev.telemetry.simulator.generator.CapturedRun.START;
import static dev.telemetry.simulator.generator.CapturedRun.options;
import static org.assertj.core.api.Assertions.assertThat;

import dev.telemetry.model.Family;
import dev.telemetry.model.TelemetryEvent;
import dev.telemetry.model.TelemetryJson;
import dev.telemetry.model.label.AnomalyType;
import dev.telemetry.model.label.BadDataType;
import dev.telemetry.model.label.GroundTruthLabel;
import dev.telemetry.simulator.generator.CapturedRun;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class SimulationTest {

    private static final EnumSet<Family> ALL = EnumSet.allOf(Family.class);

    @Test
    void sameOptionsGiveByteIdenticalRecordsAndLabels() {
        SimulationOptions options = options(42, ALL, 20, Duration.ofSeconds(90), 60, 0.05);

        CapturedRun first = CapturedRun.of(options);
        CapturedRun second = CapturedRun.of(options);

        assertThat(first.records().size()).isGreaterThan(6_000);
        assertThat(first.anomalies()).isNotEmpty();
        assertThat(first.badRecords()).isNotEmpty();
        assertThat(second.recordBytes()).isEqualTo(first.recordBytes());
        assertThat(second.labelLines()).isEqualTo(first.labelLines());
    }

    @Test
    void differentSeedsGiveDifferentRecordsAndLabels() {
        CapturedRun first = CapturedRun.of(options(1, ALL, 20, Duration.ofSeconds(60), 60, 0.05));
        CapturedRun second = CapturedRun.of(options(2, ALL, 20, Duration.ofSeconds(60), 60, 0.05));

        assertThat(second.recordBytes()).isNotEqualTo(first.recordBytes());
        assertThat(second.labelLines()).isNotEqualTo(first.labelLines());
    }

    @Test
    void aDeviceBehavesTheSameWhateverElseIsSimulated() {
        CapturedRun alone =
                CapturedRun.of(
                        options(5, EnumSet.of(Family.ENGINE), 3, Duration.ofSeconds(60), 0, 0));
        CapturedRun crowded = CapturedRun.of(options(5, ALL, 10, Duration.ofSeconds(60), 0, 0));

        List<String> engine1Alone = payloadsOf(alone, "TRE-002");
        assertThat(engine1Alone).hasSize(60);
        assertThat(payloadsOf(crowded, "TRE-002")).isEqualTo(engine1Alone);
    }

    @Test
    void everyDeviceReadsAtTheConfiguredRateWithSeqCountingFromOne() {
        SimulationOptions options =
                new SimulationOptions(3, ALL, 15, 4.0, Duration.ofSeconds(10), START, 0, 0);

        Map<String, List<TelemetryEvent>> byDevice = CapturedRun.of(options).normalEventsByDevice();

        assertThat(byDevice).hasSize(60);
        byDevice.forEach(
                (device, events) -> {
                    assertThat(events).as(device).hasSize(40);
                    for (int i = 0; i < events.size(); i++) {
                        assertThat(events.get(i).seq()).isEqualTo(i + 1);
                        assertThat(events.get(i).eventTime())
                                .isBetween(START + 250L * i, START + 250L * (i + 1) - 1);
                    }
                });
    }

    @Test
    void devicesInterleaveAndRecordsLeaveInEventTimeOrder() {
        CapturedRun run = CapturedRun.of(options(9, ALL, 25, Duration.ofSeconds(30), 0, 0));

        List<SimRecord> records = run.records();
        for (int i = 1; i < records.size(); i++) {
            assertThat(records.get(i).timestamp())
                    .isGreaterThanOrEqualTo(records.get(i - 1).timestamp());
        }
        List<String> firstSecond =
                records.stream()
                        .filter(r -> r.timestamp() < START + 1_000)
                        .map(SimRecord::key)
                        .toList();
        assertThat(firstSecond).hasSize(100).doesNotHaveDuplicates();
        Map<Family, Long> familiesInFirstTwenty =
                run.normalEvents().stream()
                        .filter(e -> e.seq() == 1)
                        .sorted((a, b) -> Long.compare(a.eventTime(), b.eventTime()))
                        .limit(20)
                        .collect(
                                Collectors.groupingBy(
                                        TelemetryEvent::family, Collectors.counting()));
        assertThat(familiesInFirstTwenty).hasSizeGreaterThanOrEqualTo(3);
    }

    @Test
    void emissionTimesNeverDecreaseAndNormalRecordsAreSentAtTheirEventTime() throws IOException {
        SimulationOptions options = options(11, ALL, 20, Duration.ofSeconds(60), 30, 0.1);
        List<Long> announced = new ArrayList<>();
        List<long[]> sent = new ArrayList<>(); // {emission time, record timestamp}
        RecordSink sink =
                new RecordSink() {
                    @Override
                    public void send(SimRecord record) {
                        sent.add(
                                new long[] {
                                    announced.get(announced.size() - 1), record.timestamp()
                                });
                    }

                    @Override
                    public void close() {}
                };
        List<GroundTruthLabel> badLabels = new ArrayList<>();

        new Simulation(options)
                .run(
                        sink,
                        label -> {
                            if (label.category() == GroundTruthLabel.Category.BAD_DATA) {
                                badLabels.add(label);
                            }
                        },
                        announced::add);

        for (int i = 1; i < announced.size(); i++) {
            assertThat(announced.get(i)).isGreaterThan(announced.get(i - 1));
        }
        long delayed = sent.stream().filter(s -> s[0] != s[1]).count();
        long delayedTypes =
                badLabels.stream()
                        .map(GroundTruthLabel::badDataType)
                        .filter(
                                t ->
                                        t == BadDataType.DUPLICATE
                                                || t == BadDataType.OUT_OF_ORDER
                                                || t == BadDataType.VERY_LATE)
                        .count();
        assertThat(delayed).isPositive().isEqualTo(delayedTypes);
        assertThat(sent).allSatisfy(s -> assertThat(s[0]).isGreaterThanOrEqualTo(s[1]));
    }

    @Test
    void payloadsAreExactlyWhatTheModelsWriterProducesOnOneLine() {
        CapturedRun run = CapturedRun.of(options(13, ALL, 25, Duration.ofSeconds(120), 30, 0.05));
        Set<Integer> bad =
                run.badRecords().stream()
                        .map(CapturedRun.BadRecord::index)
                        .collect(Collectors.toSet());

        List<SimRecord> records = run.records();
        assertThat(records.size()).isGreaterThan(10_000);
        for (int i = 0; i < records.size(); i++) {
            String payload = new String(records.get(i).payload(), StandardCharsets.UTF_8);
            assertThat(payload).doesNotContain("\n", "\r");
            if (!bad.contains(i)) {
                TelemetryEvent event = TelemetryJson.decode(payload).event();
                assertThat(TelemetryJson.toJson(event)).isEqualTo(payload);
            }
        }
    }

    @Test
    void statsCountWhatWasSent() {
        CapturedRun run = CapturedRun.of(options(17, ALL, 20, Duration.ofSeconds(90), 60, 0.05));

        SimulationStats stats = run.stats();

        assertThat(stats.records()).isEqualTo(run.records().size());
        assertThat(stats.recordsPerFamily().values().stream().mapToLong(Long::longValue).sum())
                .isEqualTo(stats.records());
        assertThat(stats.badRecordsTotal()).isEqualTo(run.badRecords().size());
        assertThat(stats.anomaliesTotal()).isEqualTo(run.anomalies().size());
        for (AnomalyType type : AnomalyType.values()) {
            assertThat(stats.anomalies().get(type))
                    .isEqualTo(
                            run.anomalies().stream().filter(l -> l.anomalyType() == type).count());
        }
    }

    @Test
    void streamsHundredThousandDevicesPerFamilyWithoutGrowingTheHeap() throws IOException {
        int devices = 100_000;
        SimulationOptions options = options(21, ALL, devices, Duration.ofSeconds(3), 10, 0.05);
        long expected = 4L * devices * 3;
        long baseline = liveHeapAfterGc();
        long[] liveHeap = new long[2];
        long[] count = new long[1];
        RecordSink countingSink =
                new RecordSink() {
                    @Override
                    public void send(SimRecord record) {
                        count[0]++;
                        if (count[0] == expected / 3) {
                            liveHeap[0] = liveHeapAfterGc();
                        } else if (count[0] == expected * 9 / 10) {
                            liveHeap[1] = liveHeapAfterGc();
                        }
                    }

                    @Override
                    public void close() {}
                };

        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long cpuStarted = threads.getCurrentThreadCpuTime();
        SimulationStats stats = new Simulation(options).run(countingSink, label -> {});
        double cpuSeconds = (threads.getCurrentThreadCpuTime() - cpuStarted) / 1e9;

        System.out.printf(
                "%,d records from %,d devices in %.1f s of CPU (%,.0f records/s incl. set-up and two"
                        + " GCs); simulation state %d MB, then %d MB%n",
                count[0],
                4 * devices,
                cpuSeconds,
                count[0] / cpuSeconds,
                (liveHeap[0] - baseline) >> 20,
                (liveHeap[1] - baseline) >> 20);
        // Every reading once, give or take duplicates, dropped readings of dropouts.
        assertThat(count[0])
                .isEqualTo(stats.records())
                .isBetween(expected * 99 / 100, expected * 101 / 100);
        // Device state is all that is kept: it does not grow with the number of records sent.
        assertThat(liveHeap[0] - baseline).isLessThan(300L << 20);
        assertThat(liveHeap[1] - liveHeap[0]).isLessThan(64L << 20);
    }

    private static long liveHeapAfterGc() {
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static List<String> payloadsOf(CapturedRun run, String device) {
        return run.records().stream()
                .filter(r -> r.key().equals(device))
                .map(r -> new String(r.payload()))
                .toList();
    }
}
