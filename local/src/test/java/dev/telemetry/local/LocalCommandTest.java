package dev.telemetry.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class LocalCommandTest {

    @Test
    void shouldDefaultToAModestSimulationWithEmbeddedServers() {
        LocalSettings settings = parse();

        assertThat(settings.input()).isEqualTo(LocalSettings.Input.SIMULATE);
        assertThat(settings.devicesPerFamily()).isEqualTo(5);
        assertThat(settings.rate()).isEqualTo(1.0);
        assertThat(settings.anomalyRate()).isEqualTo(60.0);
        assertThat(settings.badRate()).isEqualTo(0.01);
        assertThat(settings.summaryInterval()).isEqualTo(Duration.ofSeconds(5));
        assertThat(settings.duration()).isEmpty();
        assertThat(settings.bootstrapServers()).isEmpty();
        assertThat(settings.jdbcUrl()).isEmpty();
        assertThat(settings.flinkUiPort()).isEmpty();
        assertThat(settings.dataDir()).isEqualTo(LocalSettings.defaultDataDir());
        assertThat(settings.dataDir().toString()).startsWith(System.getProperty("java.io.tmpdir"));
    }

    @Test
    void shouldTakeExternalServersWithThePasswordFromTheEnvironment() {
        LocalSettings settings =
                parse(
                        Map.of("TELEMETRY_JDBC_PASSWORD", "s3cret"),
                        "--bootstrap-servers",
                        "kafka:9092",
                        "--jdbc-url",
                        "jdbc:postgresql://db:5432/telemetry",
                        "--jdbc-user",
                        "writer",
                        "--duration",
                        "90s",
                        "--job-option",
                        "window.size=10s");

        assertThat(settings.bootstrapServers()).contains("kafka:9092");
        assertThat(settings.jdbcUrl()).contains("jdbc:postgresql://db:5432/telemetry");
        assertThat(settings.jdbcUser()).isEqualTo("writer");
        assertThat(settings.jdbcPassword().reveal()).isEqualTo("s3cret");
        assertThat(settings.duration()).contains(Duration.ofSeconds(90));
        assertThat(settings.jobOptions()).containsEntry("window.size", "10s");
    }

    @Test
    void shouldReplayAFileInsteadOfSimulating() {
        LocalSettings settings = parse("--replay", "run.jsonl", "--replay-speed", "10");

        assertThat(settings.input()).isEqualTo(LocalSettings.Input.REPLAY);
        assertThat(settings.replayFile()).contains(Path.of("run.jsonl"));
        assertThat(settings.replaySpeed()).isEqualTo(10.0);
    }

    @Test
    void shouldRejectInvalidValuesWithTheOptionName() {
        assertThatThrownBy(() -> parse("--bad-rate", "2"))
                .isInstanceOf(LocalModeException.class)
                .hasMessageContaining("--bad-rate");
        assertThatThrownBy(() -> parse("--devices", "0"))
                .isInstanceOf(LocalModeException.class)
                .hasMessageContaining("--devices");
        assertThatThrownBy(() -> parse("--replay", "x.jsonl", "--no-simulator"))
                .isInstanceOf(LocalModeException.class)
                .hasMessageContaining("--no-simulator");
    }

    @Test
    void shouldPrintHelpAndExitZero() {
        Run run = run("--help");

        assertThat(run.exit).isZero();
        assertThat(run.out).contains("--duration", "--replay", "--jdbc-url", "--bootstrap-servers");
        assertThat(run.err).isEmpty();
    }

    @Test
    void shouldReportABadCommandLineInOneLine() {
        Run run = run("--duration", "soon");

        assertThat(run.exit).isEqualTo(LocalMode.USAGE_ERROR);
        assertThat(run.err.lines()).hasSize(1);
        assertThat(run.err).startsWith("error: ").contains("soon").contains("--help");
    }

    private static LocalSettings parse(String... args) {
        return parse(Map.of(), args);
    }

    private static LocalSettings parse(Map<String, String> env, String... args) {
        LocalCommand command = new LocalCommand();
        new CommandLine(command).parseArgs(args);
        return command.settings(env);
    }

    private record Run(int exit, String out, String err) {}

    private static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit =
                new LocalMode(
                                new PrintStream(out, true, StandardCharsets.UTF_8),
                                new PrintStream(err, true, StandardCharsets.UTF_8),
                                Map.of())
                        .run(args);
        return new Run(
                exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
