package dev.telemetry.simulator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.telemetry.infra.junit.KafkaExtension;
import dev.telemetry.simulator.SimulatorApp;
import dev.telemetry.simulator.io.PayloadFields;
import dev.telemetry.simulator.kafka.TopicReader;
import dev.telemetry.simulator.replay.FakeTicker;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code simulate} into a real in-process Kafka broker. */
class SimulateToKafkaITCase {

    @RegisterExtension static final KafkaExtension KAFKA = KafkaExtension.sharedPerJvm();

    @TempDir Path dir;

    @Test
    void shouldSendTheSameRecordsAsTheFileKeyedByDeviceAndStampedWithEventTime() throws Exception {
        String topic = "simulated";
        KAFKA.kafka().createTopic(topic, 3);
        String start = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(600).toString();
        String[] options = {
            "--seed",
            "11",
            "--start",
            start,
            "--duration",
            "5m",
            "--devices",
            "3",
            "--bad-rate",
            "0.02"
        };
        Path file = dir.resolve("expected.jsonl");
        assertThat(
                        CliRun.run(
                                        concat(
                                                new String[] {"simulate", "--out", file.toString()},
                                                options))
                                .exitCode())
                .isZero();
        List<String> expected = Files.readAllLines(file, StandardCharsets.UTF_8);

        CliRun run =
                CliRun.run(
                        concat(
                                new String[] {
                                    "simulate",
                                    "--max-speed",
                                    "--bootstrap-servers",
                                    KAFKA.bootstrapServers(),
                                    "--topic",
                                    topic
                                },
                                options));

        assertThat(run.exitCode()).as(run.err()).isZero();
        List<ConsumerRecord<String, byte[]>> records =
                TopicReader.readAll(KAFKA.bootstrapServers(), topic, expected.size());
        assertThat(records)
                .extracting(r -> new String(r.value(), StandardCharsets.UTF_8))
                .containsExactlyInAnyOrderElementsOf(expected);
        for (ConsumerRecord<String, byte[]> record : records) {
            PayloadFields fields = PayloadFields.scan(record.value());
            if (fields.deviceId() != null) {
                assertThat(record.key()).isEqualTo(fields.deviceId());
            }
            if (fields.eventTime() != null) {
                assertThat(record.timestamp()).isEqualTo(fields.eventTime());
            }
        }
    }

    @Test
    void shouldSendInRealTimeUnlessMaxSpeed() throws Exception {
        String topic = "simulated-paced";
        FakeTicker ticker = new FakeTicker(0);
        Clock clock = Clock.fixed(Instant.now().truncatedTo(ChronoUnit.SECONDS), ZoneOffset.UTC);

        CliRun run =
                CliRun.run(
                        new SimulatorApp(clock, ticker, Duration.ZERO),
                        "simulate",
                        "--duration",
                        "30s",
                        "--rate",
                        "2",
                        "--families",
                        "vehicle",
                        "--devices",
                        "2",
                        "--bootstrap-servers",
                        KAFKA.bootstrapServers(),
                        "--topic",
                        topic);

        assertThat(run.exitCode()).as(run.err()).isZero();
        // Two readings per device per second over 30 s of event time, starting at --start: the
        // last is due between 29.5 s and 30 s after the start.
        assertThat(Duration.ofNanos(ticker.nanoTime()))
                .isBetween(Duration.ofMillis(29_500), Duration.ofMillis(30_000));
        assertThat(TopicReader.readAll(KAFKA.bootstrapServers(), topic, 120))
                .hasSizeGreaterThanOrEqualTo(120);
    }

    private static String[] concat(String[] first, String[] second) {
        String[] all = new String[first.length + second.length];
        System.arraycopy(first, 0, all, 0, first.length);
        System.arraycopy(second, 0, all, first.length, second.length);
        return all;
    }
}
