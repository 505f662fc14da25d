package dev.telemetry.simulator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.telemetry.model.TelemetryJson;
import dev.telemetry.model.label.LabelsJsonl;
import dev.telemetry.simulator.SimRecord;
import dev.telemetry.simulator.SimulatorApp;
import dev.telemetry.simulator.io.RecordFileReader;
import dev.telemetry.simulator.replay.Ticker;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SimulateCommandTest {

    private static final String START = "2024-03-01T08:00:00Z";

    @TempDir Path dir;

    private CliRun simulate(Path out, Path labels) {
        return simulate(7, out, labels);
    }

    private CliRun simulate(long seed, Path out, Path labels) {
        return CliRun.run(
                "simulate",
                "--seed",
                Long.toString(seed),
                "--start",
                START,
                "--duration",
                "2m",
                "--devices",
                "2",
                "--anomaly-rate",
                "60",
                "--bad-rate",
                "0.05",
                "--out",
                out.toString(),
                "--labels",
                labels.toString());
    }

    @Test
    void shouldWriteIdenticalBytesForTheSameSeedAndStart() throws Exception {
        CliRun first = simulate(dir.resolve("a.jsonl"), dir.resolve("a-labels.jsonl"));
        CliRun second = simulate(dir.resolve("b.jsonl"), dir.resolve("b-labels.jsonl"));

        assertThat(first.exitCode()).as(first.err()).isZero();
        assertThat(second.exitCode()).as(second.err()).isZero();
        byte[] bytes = Files.readAllBytes(dir.resolve("a.jsonl"));
        assertThat(bytes).isNotEmpty().isEqualTo(Files.readAllBytes(dir.resolve("b.jsonl")));
        assertThat(Files.readAllBytes(dir.resolve("a-labels.jsonl")))
                .isEqualTo(Files.readAllBytes(dir.resolve("b-labels.jsonl")));
    }

    @Test
    void shouldWriteDifferentDataForAnotherSeed() throws Exception {
        simulate(dir.resolve("a.jsonl"), dir.resolve("a-labels.jsonl"));
        simulate(8, dir.resolve("b.jsonl"), dir.resolve("b-labels.jsonl"));

        assertThat(Files.readAllBytes(dir.resolve("a.jsonl")))
                .isNotEqualTo(Files.readAllBytes(dir.resolve("b.jsonl")));
    }

    @Test
    void shouldWriteEveryFamilysDevicesAndReadableLabels() throws Exception {
        Path out = dir.resolve("sim.jsonl");
        Path labels = dir.resolve("labels.jsonl");

        CliRun run = simulate(out, labels);

        assertThat(run.exitCode()).as(run.err()).isZero();
        List<String> lines = Files.readAllLines(out, StandardCharsets.UTF_8);
        List<String> devices =
                lines.stream()
                        .map(TelemetryJson::decode)
                        .filter(d -> d.isOk())
                        .map(d -> d.event().deviceId())
                        .distinct()
                        .toList();
        assertThat(devices).hasSize(8);
        assertThat(LabelsJsonl.read(labels)).isNotEmpty();
        assertThat(run.errLines().get(run.errLines().size() - 1))
                .contains("records in")
                .contains("labels in " + labels);
    }

    @Test
    void shouldRoundTripGzipOutputThroughTheReplayReader() throws Exception {
        Path plain = dir.resolve("sim.jsonl");
        Path gzip = dir.resolve("sim.jsonl.gz");
        simulate(plain, dir.resolve("l1.jsonl"));
        simulate(gzip, dir.resolve("l2.jsonl"));

        List<String> lines = Files.readAllLines(plain, StandardCharsets.UTF_8);
        List<String> fromGzip = new ArrayList<>();
        try (RecordFileReader reader = RecordFileReader.open(gzip, Clock.systemUTC())) {
            SimRecord record;
            while ((record = reader.next()) != null) {
                fromGzip.add(new String(record.payload(), StandardCharsets.UTF_8));
            }
        }
        assertThat(Files.readAllBytes(gzip)).startsWith((byte) 0x1f, (byte) 0x8b);
        assertThat(fromGzip).isEqualTo(lines);
    }

    @Test
    void shouldStartAtTheCurrentSecondByDefault() throws Exception {
        Clock clock = Clock.fixed(Instant.parse("2024-05-05T10:00:00.750Z"), ZoneOffset.UTC);
        Path out = dir.resolve("now.jsonl");

        CliRun run =
                CliRun.run(
                        new SimulatorApp(clock, Ticker.system(), Duration.ZERO),
                        "simulate",
                        "--duration",
                        "5s",
                        "--families",
                        "engine",
                        "--devices",
                        "1",
                        "--out",
                        out.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        long start = Instant.parse("2024-05-05T10:00:00Z").toEpochMilli();
        String first = Files.readAllLines(out).get(0);
        // Each device's first reading falls within its first period after the start.
        assertThat(TelemetryJson.decode(first).event().eventTime())
                .isGreaterThanOrEqualTo(start)
                .isLessThan(start + 1000);
    }

    @Test
    void shouldReportInvalidSimulationOptionsInOneLine() {
        CliRun devices = CliRun.run("simulate", "--devices", "0", "--out", "x.jsonl");
        CliRun badRate = CliRun.run("simulate", "--bad-rate", "1.5", "--out", "x.jsonl");
        CliRun families = CliRun.run("simulate", "--families", "engine,boat", "--out", "x.jsonl");

        assertThat(devices.exitCode()).isEqualTo(SimulatorApp.EXIT_USAGE);
        assertThat(devices.errLines().get(0))
                .isEqualTo("simulator simulate: devices per family must be at least 1");
        assertThat(badRate.errLines().get(0)).contains("bad rate must be within [0, 1]");
        assertThat(families.errLines().get(0)).contains("unknown family 'boat'");
        assertThat(families.errLines()).hasSize(2);
    }
}
