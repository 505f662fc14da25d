package dev.telemetry.simulator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.telemetry.infra.junit.KafkaExtension;
import dev.telemetry.model.TelemetryJson;
import dev.telemetry.simulator.io.PayloadFields;
import dev.telemetry.simulator.kafka.TopicReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Replay, record and import against a real in-process Kafka broker. */
class KafkaRoundTripITCase {

    @RegisterExtension static final KafkaExtension KAFKA = KafkaExtension.sharedPerJvm();

    @TempDir Path dir;

    /** One record as Kafka holds it, comparable by value. */
    private record Stored(String key, long timestamp, String payload) {
        static Stored of(ConsumerRecord<String, byte[]> record) {
            return new Stored(
                    record.key(),
                    record.timestamp(),
                    new String(record.value(), StandardCharsets.UTF_8));
        }
    }

    private static String event(String device, long time, long seq, double value) {
        return "{\"schema_version\":1,\"device_id\":\""
                + device
                + "\",\"family\":\"energy\",\"event_time\":"
                + time
                + ",\"seq\":"
                + seq
                + ",\"metrics\":{\"temperature_c\":"
                + value
                + "}}";
    }

    /** Three sites, 100 ms apart, with bad data: truncated, unparseable and key-less lines. */
    private static List<String> sampleLines(long start) {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            String device = "site-" + (i % 3);
            long time = start + i * 100L;
            if (i == 10) {
                lines.add(event(device, time, i, 20.5).substring(0, 90));
            } else if (i == 20) {
                lines.add("@@ not json @@");
            } else if (i == 30) {
                lines.add(
                        "{\"schema_version\":1,\"family\":\"energy\",\"event_time\":" + time + "}");
            } else {
                lines.add(event(device, time, i, 20 + i / 10.0));
            }
        }
        return lines;
    }

    private static Map<String, List<Stored>> byKey(List<Stored> records) {
        Map<String, List<Stored>> byKey = new LinkedHashMap<>();
        for (Stored record : records) {
            byKey.computeIfAbsent(Objects.toString(record.key()), k -> new ArrayList<>())
                    .add(record);
        }
        return byKey;
    }

    @Test
    void shouldReplayRecordAndReplayAgainWithIdenticalPayloadsKeysAndTimestamps() throws Exception {
        String first = "replay-first";
        String second = "replay-second";
        KAFKA.kafka().createTopic(first, 3);
        KAFKA.kafka().createTopic(second, 3);
        long start = Instant.now().minusSeconds(60).toEpochMilli();
        List<String> lines = sampleLines(start);
        Path file = Files.write(dir.resolve("sample.jsonl"), lines, StandardCharsets.UTF_8);
        Path recording = dir.resolve("recording.jsonl.gz");

        CliRun replay =
                CliRun.run(
                        "replay",
                        file.toString(),
                        "--max-speed",
                        "--bootstrap-servers",
                        KAFKA.bootstrapServers(),
                        "--topic",
                        first);
        assertThat(replay.exitCode()).as(replay.err()).isZero();
        List<Stored> firstTopic =
                TopicReader.readAll(KAFKA.bootstrapServers(), first, lines.size()).stream()
                        .map(Stored::of)
                        .toList();

        CliRun record =
                CliRun.run(
                        "record",
                        "--bootstrap-servers",
                        KAFKA.bootstrapServers(),
                        "--topic",
                        first,
                        "--out",
                        recording.toString(),
                        "--idle",
                        "2s");
        assertThat(record.exitCode()).as(record.err()).isZero();
        assertThat(record.err()).contains("recorded 60 records");

        CliRun replayRecording =
                CliRun.run(
                        "replay",
                        recording.toString(),
                        "--speed",
                        "100",
                        "--bootstrap-servers",
                        KAFKA.bootstrapServers(),
                        "--topic",
                        second);
        assertThat(replayRecording.exitCode()).as(replayRecording.err()).isZero();
        List<Stored> secondTopic =
                TopicReader.readAll(KAFKA.bootstrapServers(), second, lines.size()).stream()
                        .map(Stored::of)
                        .toList();

        // Keys and timestamps come from the payloads, also for the bad lines.
        assertThat(firstTopic)
                .extracting(Stored::payload)
                .containsExactlyInAnyOrderElementsOf(lines);
        for (Stored stored : firstTopic) {
            PayloadFields fields =
                    PayloadFields.scan(stored.payload().getBytes(StandardCharsets.UTF_8));
            assertThat(stored.key()).isEqualTo(fields.deviceId());
        }
        assertThat(firstTopic)
                .filteredOn(s -> s.payload().equals("@@ not json @@"))
                .singleElement()
                .extracting(Stored::timestamp, Stored::key)
                .containsExactly(start + 1900, null);
        // The round trip through a recording changes nothing, and each device keeps its order.
        assertThat(secondTopic).containsExactlyInAnyOrderElementsOf(firstTopic);
        Map<String, List<Stored>> firstByKey = byKey(firstTopic);
        byKey(secondTopic)
                .forEach(
                        (key, records) -> {
                            if (!key.equals("null")) {
                                assertThat(records).isEqualTo(firstByKey.get(key));
                            }
                        });
    }

    @Test
    void shouldShiftATwoDayOldFileToNowWhenReplaying() throws Exception {
        String topic = "replay-shifted";
        KAFKA.kafka().createTopic(topic, 1);
        // Brokers reject timestamps more than an hour ahead, so "now" must be the real now.
        Clock clock = Clock.fixed(Instant.now().truncatedTo(ChronoUnit.SECONDS), ZoneOffset.UTC);
        long start = clock.millis() - 2 * 86_400_000L;
        List<String> lines = sampleLines(start);
        Path file = Files.write(dir.resolve("old.jsonl"), lines, StandardCharsets.UTF_8);

        CliRun replay =
                CliRun.run(
                        clock,
                        "replay",
                        file.toString(),
                        "--max-speed",
                        "--shift-to-now",
                        "--bootstrap-servers",
                        KAFKA.bootstrapServers(),
                        "--topic",
                        topic);

        assertThat(replay.exitCode()).as(replay.err()).isZero();
        List<Stored> stored =
                TopicReader.readAll(KAFKA.bootstrapServers(), topic, lines.size()).stream()
                        .map(Stored::of)
                        .toList();
        long now = clock.millis();
        for (int i = 0; i < lines.size(); i++) {
            Stored record = stored.get(i);
            // The unparseable line 20 takes the timestamp of line 19.
            long expectedOffset = (i == 20 ? 19 : i) * 100L;
            assertThat(record.timestamp()).isEqualTo(now + expectedOffset);
            PayloadFields fields =
                    PayloadFields.scan(record.payload().getBytes(StandardCharsets.UTF_8));
            if (fields.wellFormed()) {
                // Rewritten in place, even where the event itself is invalid (line 30).
                assertThat(fields.eventTime()).isEqualTo(record.timestamp());
                assertThat(record.payload())
                        .isEqualTo(
                                lines.get(i)
                                        .replace(
                                                "\"event_time\":" + (start + expectedOffset),
                                                "\"event_time\":" + (now + expectedOffset)));
            } else {
                assertThat(record.payload()).isEqualTo(lines.get(i));
            }
        }
    }

    @Test
    void shouldImportOpenSkyStatesStraightIntoKafkaKeyedByAircraft() throws Exception {
        String topic = "opensky-import";
        Path fixture = Path.of(getClass().getResource("/opensky/states_fixture.csv").toURI());

        CliRun run =
                CliRun.run(
                        "import",
                        "opensky",
                        "--file",
                        fixture.toString(),
                        "--bootstrap-servers",
                        KAFKA.bootstrapServers(),
                        "--topic",
                        topic);

        assertThat(run.exitCode()).as(run.err()).isZero();
        List<ConsumerRecord<String, byte[]>> records =
                TopicReader.readAll(KAFKA.bootstrapServers(), topic, 14);
        assertThat(records).hasSize(14);
        for (ConsumerRecord<String, byte[]> record : records) {
            var event = TelemetryJson.decode(record.value()).event();
            assertThat(record.key()).isEqualTo(event.deviceId());
            assertThat(record.timestamp()).isEqualTo(event.eventTime());
        }
    }

    @Test
    void shouldStopRecordingAtMaxRecords() throws Exception {
        String topic = "record-limit";
        KAFKA.kafka().createTopic(topic, 2);
        List<String> lines = sampleLines(Instant.now().toEpochMilli());
        Path file = Files.write(dir.resolve("in.jsonl"), lines, StandardCharsets.UTF_8);
        assertThat(
                        CliRun.run(
                                        "replay",
                                        file.toString(),
                                        "--max-speed",
                                        "--bootstrap-servers",
                                        KAFKA.bootstrapServers(),
                                        "--topic",
                                        topic)
                                .exitCode())
                .isZero();
        TopicReader.readAll(KAFKA.bootstrapServers(), topic, lines.size());
        Path out = dir.resolve("first10.jsonl");

        CliRun record =
                CliRun.run(
                        "record",
                        "--bootstrap-servers",
                        KAFKA.bootstrapServers(),
                        "--topic",
                        topic,
                        "--out",
                        out.toString(),
                        "--max-records",
                        "10");

        assertThat(record.exitCode()).as(record.err()).isZero();
        assertThat(record.err()).contains("stopped: max_records");
        assertThat(Files.readAllLines(out)).hasSize(10);
    }

    @Test
    void shouldRecordNothingOlderThanTheStartWithFromNow() throws Exception {
        String topic = "record-from-now";
        KAFKA.kafka().createTopic(topic, 2);
        List<String> lines = sampleLines(Instant.now().toEpochMilli());
        Path file = Files.write(dir.resolve("in.jsonl"), lines, StandardCharsets.UTF_8);
        assertThat(
                        CliRun.run(
                                        "replay",
                                        file.toString(),
                                        "--max-speed",
                                        "--bootstrap-servers",
                                        KAFKA.bootstrapServers(),
                                        "--topic",
                                        topic)
                                .exitCode())
                .isZero();
        TopicReader.readAll(KAFKA.bootstrapServers(), topic, lines.size());
        Path out = dir.resolve("new-only.jsonl");

        CliRun record =
                CliRun.run(
                        "record",
                        "--bootstrap-servers",
                        KAFKA.bootstrapServers(),
                        "--topic",
                        topic,
                        "--out",
                        out.toString(),
                        "--from-now",
                        "--idle",
                        "1s");

        assertThat(record.exitCode()).as(record.err()).isZero();
        assertThat(record.err()).contains("recorded 0 records").contains("stopped: idle");
        assertThat(Files.size(out)).isZero();
    }

    @Test
    void shouldReportAMissingTopicWhenRecording() {
        CliRun record =
                CliRun.run(
                        "record",
                        "--bootstrap-servers",
                        KAFKA.bootstrapServers(),
                        "--topic",
                        "no-such-topic",
                        "--out",
                        dir.resolve("x.jsonl").toString());

        assertThat(record.exitCode()).isEqualTo(1);
        assertThat(record.errLines())
                .containsExactly(
                        "simulator record: topic 'no-such-topic' does not exist on "
                                + KAFKA.bootstrapServers());
    }
}
