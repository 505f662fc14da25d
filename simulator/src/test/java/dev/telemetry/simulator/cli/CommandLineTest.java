package dev.telemetry.simulator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.telemetry.simulator.SimulatorApp;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CommandLineTest {

    @TempDir Path dir;

    @Test
    void shouldPrintUsageForHelpOnEveryCommand() {
        for (String[] args :
                new String[][] {
                    {"--help"},
                    {"simulate", "--help"},
                    {"record", "--help"},
                    {"replay", "--help"},
                    {"import", "--help"},
                    {"import", "nab", "--help"},
                    {"import", "opensky", "--help"}
                }) {
            CliRun run = CliRun.run(args);
            assertThat(run.exitCode()).as(String.join(" ", args)).isZero();
            assertThat(run.out()).as(String.join(" ", args)).startsWith("Usage: simulator");
        }
    }

    @Test
    void shouldReportAnUnknownOptionInOneLineWithAHint() {
        CliRun run = CliRun.run("replay", "--xyz", "file.jsonl");

        assertThat(run.exitCode()).isEqualTo(SimulatorApp.EXIT_USAGE);
        assertThat(run.errLines())
                .containsExactly(
                        "simulator replay: Unknown option: '--xyz'",
                        "Try 'simulator replay --help' for more information.");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void shouldReportAnInvalidDurationInOneLine() {
        CliRun run =
                CliRun.run(
                        "record", "--bootstrap-servers", "x:1", "--out", "f", "--duration", "soon");

        assertThat(run.exitCode()).isEqualTo(SimulatorApp.EXIT_USAGE);
        assertThat(run.errLines().get(0))
                .startsWith("simulator record: Invalid value for option '--duration'")
                .contains("'soon' is not a duration");
        assertThat(run.errLines()).hasSize(2);
    }

    @Test
    void shouldRequireACommand() {
        CliRun run = CliRun.run();

        assertThat(run.exitCode()).isEqualTo(SimulatorApp.EXIT_USAGE);
        assertThat(run.errLines().get(0)).contains("missing command");
    }

    @Test
    void shouldRejectConflictingSpeedOptions() throws IOException {
        Path file = Files.writeString(dir.resolve("f.jsonl"), "{}\n");

        CliRun run =
                CliRun.run(
                        "replay",
                        file.toString(),
                        "--bootstrap-servers",
                        "localhost:1",
                        "--speed",
                        "2",
                        "--max-speed");

        assertThat(run.exitCode()).isEqualTo(SimulatorApp.EXIT_USAGE);
        assertThat(run.errLines().get(0)).contains("mutually exclusive");
    }

    @Test
    void shouldReportAMissingReplayFileInOneLine() {
        Path missing = dir.resolve("missing.jsonl");

        CliRun run = CliRun.run("replay", missing.toString(), "--bootstrap-servers", "localhost:1");

        assertThat(run.exitCode()).isEqualTo(SimulatorApp.EXIT_FAILURE);
        assertThat(run.errLines()).containsExactly("simulator replay: no such file: " + missing);
    }

    @Test
    void shouldFailWithinSecondsInOneLineWhenTheBrokerIsUnreachable() throws IOException {
        Path file =
                Files.writeString(
                        dir.resolve("f.jsonl"), "{\"device_id\":\"a\",\"event_time\":1}\n");
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }

        long started = System.nanoTime();
        CliRun run =
                CliRun.run(
                        "replay",
                        file.toString(),
                        "--bootstrap-servers",
                        "127.0.0.1:" + closedPort);
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(run.exitCode()).isEqualTo(SimulatorApp.EXIT_FAILURE);
        assertThat(run.errLines()).hasSize(1);
        assertThat(run.errLines().get(0))
                .startsWith("simulator replay: cannot reach Kafka at 127.0.0.1:" + closedPort);
        // The check gives up after KafkaClients.CONNECT_TIMEOUT (8 s); without it the clients would
        // wait for Kafka's 60 s default API timeout. The margin is for JVM start on a loaded
        // machine.
        assertThat(took).isLessThan(Duration.ofSeconds(45));
    }

    @Test
    void shouldRequireExactlyOneOutputForImports() throws IOException {
        Path csv = Files.writeString(dir.resolve("s.csv"), "time,icao24\n");

        CliRun none = CliRun.run("import", "opensky", "--file", csv.toString());
        CliRun both =
                CliRun.run(
                        "import",
                        "opensky",
                        "--file",
                        csv.toString(),
                        "--out",
                        "x.jsonl",
                        "--bootstrap-servers",
                        "localhost:1");

        assertThat(none.exitCode()).isEqualTo(SimulatorApp.EXIT_USAGE);
        assertThat(none.errLines().get(0)).contains("either --out FILE or --bootstrap-servers");
        assertThat(both.exitCode()).isEqualTo(SimulatorApp.EXIT_USAGE);
    }

    @Test
    void shouldNameTheValidMetricsWhenTheMetricIsNotInTheFamily() {
        CliRun run =
                CliRun.run(
                        "import",
                        "nab",
                        "--file",
                        "x.csv",
                        "--device",
                        "d1",
                        "--family",
                        "energy",
                        "--metric",
                        "speed_kmh",
                        "--out",
                        "x.jsonl");

        assertThat(run.exitCode()).isEqualTo(SimulatorApp.EXIT_USAGE);
        assertThat(run.errLines().get(0))
                .contains("family energy has no metric 'speed_kmh'")
                .contains("temperature_c");
    }

    @Test
    void shouldReportAnUnknownFamilyInOneLine() {
        CliRun run =
                CliRun.run(
                        "import",
                        "nab",
                        "--file",
                        "x.csv",
                        "--device",
                        "d1",
                        "--family",
                        "boat",
                        "--metric",
                        "x",
                        "--out",
                        "x.jsonl");

        assertThat(run.exitCode()).isEqualTo(SimulatorApp.EXIT_USAGE);
        assertThat(run.errLines().get(0)).contains("unknown family 'boat'");
    }
}
