package dev.telemetry.job.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class JobCommandLineTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final AtomicReference<JobConfig> started = new AtomicReference<>();

    private int run(String... args) throws Exception {
        return new JobCommandLine(
                        Map.of("TELEMETRY_JDBC_PASSWORD", "pw"),
                        new PrintStream(out, true, StandardCharsets.UTF_8),
                        new PrintStream(err, true, StandardCharsets.UTF_8))
                .execute(args, started::set);
    }

    private String stderr() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void shouldStartJobWithOptionsFromCommandLine() throws Exception {
        int exit =
                run(
                        "--kafka.bootstrap-servers", "broker:9092",
                        "--window.size", "30 s",
                        "--kafka.bounded", "true",
                        "--job.parallelism", "4");

        assertThat(exit).isZero();
        assertThat(started.get().bootstrapServers()).isEqualTo("broker:9092");
        assertThat(started.get().windowSize()).isEqualTo(Duration.ofSeconds(30));
        assertThat(started.get().bounded()).isTrue();
        assertThat(started.get().parallelism()).hasValue(4);
        assertThat(started.get().database().password().reveal()).isEqualTo("pw");
    }

    @Test
    void shouldAcceptTheShortAliasesOfTheDeploymentFiles() throws Exception {
        int exit =
                run(
                        "--bootstrap-servers", "kafka:9092",
                        "--telemetry-topic", "t",
                        "--dlq-topic", "t-dlq",
                        "--jdbc-url", "jdbc:postgresql://postgres:5432/telemetry",
                        "--jdbc-user", "telemetry");

        assertThat(exit).isZero();
        assertThat(started.get().bootstrapServers()).isEqualTo("kafka:9092");
        assertThat(started.get().topic()).isEqualTo("t");
        assertThat(started.get().deadLetterTopic()).isEqualTo("t-dlq");
        assertThat(started.get().database().url())
                .isEqualTo("jdbc:postgresql://postgres:5432/telemetry");
    }

    @Test
    void shouldAnswerUnknownOptionWithOneLineAndUsageExitCode() throws Exception {
        int exit = run("--kafka.bootstrap", "x:1");

        assertThat(exit).isEqualTo(JobCommandLine.USAGE_ERROR);
        assertThat(started.get()).isNull();
        assertThat(stderr()).startsWith("error: ").contains("--kafka.bootstrap");
        assertThat(stderr().strip()).doesNotContain("\n").doesNotContain("Exception");
    }

    @Test
    void shouldAnswerInvalidValueWithOneLine() throws Exception {
        int exit = run("--window.size", "sometimes");

        assertThat(exit).isEqualTo(JobCommandLine.USAGE_ERROR);
        assertThat(stderr().strip())
                .isEqualTo(
                        "error: invalid value 'sometimes' for window.size: expected a duration"
                                + " such as 500 ms, 5 s, 1 min or 1 h (try --help)");
    }

    @Test
    void shouldAnswerMissingValueWithOneLine() throws Exception {
        int exit = run("--window.size");

        assertThat(exit).isEqualTo(JobCommandLine.USAGE_ERROR);
        assertThat(stderr().strip()).startsWith("error: ").doesNotContain("\n");
    }

    @Test
    void shouldListEveryOptionWithDefaultInHelp() throws Exception {
        int exit = run("--help");

        String help = out.toString(StandardCharsets.UTF_8);
        assertThat(exit).isZero();
        assertThat(started.get()).isNull();
        for (var option : JobOptions.ALL) {
            assertThat(help).contains("--" + option.key());
        }
        assertThat(help).contains("(default: 1 min)").contains("migrate");
    }

    @Test
    void shouldRejectJobOptionsOnMigrate() throws Exception {
        int exit = run("migrate", "--window.size", "1 min");

        assertThat(exit).isEqualTo(JobCommandLine.USAGE_ERROR);
        assertThat(stderr()).contains("--window.size");
    }

    @Test
    void shouldReportUnreachableDatabaseOnMigrateInOneLine() throws Exception {
        int exit = run("migrate", "--jdbc-url", "jdbc:postgresql://127.0.0.1:1/none");

        assertThat(exit).isEqualTo(JobCommandLine.MIGRATE_FAILED);
        assertThat(stderr().strip()).startsWith("migrate failed: ").doesNotContain("\n");
    }
}
