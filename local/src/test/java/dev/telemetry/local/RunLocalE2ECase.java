package dev.telemetry.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.telemetry.infra.DirectoryTrees;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.assertj.core.api.SoftAssertions;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Runs {@code ./run-local} as the README does, in its own process, and checks what a user would:
 * the pipeline fills PostgreSQL (KPI windows, rejected records, and alerts within a minute), and
 * after {@code --duration} everything is gone again.
 */
class RunLocalE2ECase {

    /** How long local mode runs after it is up: the minute for alerts, plus some slack. */
    private static final Duration RUN_FOR = Duration.ofSeconds(70);

    private static final Duration ALERTS_WITHIN = Duration.ofSeconds(60);

    /** Start-up on a busy two-core machine: JVM, broker, database and Flink in parallel. */
    private static final Duration STARTUP_TIMEOUT = Duration.ofMinutes(3);

    private static final Pattern JDBC_URL = Pattern.compile("(jdbc:postgresql://\\S+)");
    private static final Pattern KAFKA = Pattern.compile("Kafka\\s+(\\S+:\\d+)");
    private static final Pattern FLINK_UI = Pattern.compile("Flink UI\\s+(http://\\S+)");

    private Path dataDir;

    @BeforeEach
    void createDataDir() throws IOException {
        // Under the temporary directory and traversable: as root PostgreSQL runs as uid 65534.
        dataDir =
                Files.createTempDirectory(
                        Path.of(System.getProperty("java.io.tmpdir")), "run-local-e2e-");
        Files.setPosixFilePermissions(dataDir, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    @AfterEach
    void deleteDataDir() {
        DirectoryTrees.deleteRecursively(dataDir);
    }

    @Test
    void shouldRaiseAlertsWithinAMinuteAndLeaveNothingRunning() throws Exception {
        try (RunLocalProcess run =
                RunLocalProcess.start(
                        "--duration",
                        RUN_FOR.toSeconds() + "s",
                        "--data-dir",
                        dataDir.toString(),
                        "--fresh",
                        // Short KPI windows, so KPI rows appear within seconds as well.
                        "--job-option",
                        "window.size=10s")) {
            await("local mode is up")
                    .atMost(STARTUP_TIMEOUT)
                    .pollInterval(Duration.ofMillis(200))
                    .failFast("run-local exited: \n" + run.transcript(), () -> !run.isAlive())
                    .until(() -> run.find(FLINK_UI).isPresent() && run.find(JDBC_URL).isPresent());
            String jdbcUrl = run.find(JDBC_URL).orElseThrow();
            InetSocketAddress kafka = address(run.find(KAFKA).orElseThrow());
            URI flinkUi = URI.create(run.find(FLINK_UI).orElseThrow());

            // Watch the tables for the first minute, remembering when each first had rows.
            FirstRows first = new FirstRows();
            try {
                await("alerts rows within " + ALERTS_WITHIN + " of start-up")
                        .atMost(ALERTS_WITHIN)
                        .pollInterval(Duration.ofSeconds(1))
                        .pollDelay(Duration.ZERO)
                        .pollInSameThread()
                        .until(
                                () -> {
                                    run.recordDescendants();
                                    counts(jdbcUrl).ifPresent(first::record);
                                    return first.alertsAt != null;
                                });
            } catch (ConditionTimeoutException e) {
                // Asserted below, together with the tables that did get rows.
            }
            run.recordDescendants();

            Optional<Integer> exit = run.awaitExit(RUN_FOR.plus(Duration.ofSeconds(90)));

            SoftAssertions softly = new SoftAssertions();
            softly.assertThat(run.descendantsSeen())
                    .as("PostgreSQL runs as child processes")
                    .isNotEmpty();
            softly.assertThat(first.kpisAt).as("device_windows rows within a minute").isNotNull();
            softly.assertThat(first.rejectedAt)
                    .as("rejected_events rows within a minute")
                    .isNotNull();
            softly.assertThat(first.alertsAt)
                    .as("alerts rows within %s of start-up", ALERTS_WITHIN)
                    .isNotNull();
            softly.assertThat(exit).as("exit code after --duration").contains(0);
            softly.assertThat(run.err()).as("stderr").isEmpty();
            softly.assertThat(run.out()).as("stdout").contains("Stopped.");
            softly.assertThat(run.out())
                    .as("a summary every few seconds")
                    .filteredOn(line -> line.contains("produced"))
                    .hasSizeGreaterThan(5);
            softly.assertThat(run.descendantsSeen())
                    .as("child processes left behind")
                    .filteredOn(ProcessHandle::isAlive)
                    .isEmpty();
            softly.assertThat(processesMentioning(dataDir))
                    .as("processes still using the data directory")
                    .isEmpty();
            softly.assertThat(listening(kafka)).as("Kafka broker still listening").isFalse();
            softly.assertThat(listening(address(flinkUi.getAuthority())))
                    .as("Flink UI still listening")
                    .isFalse();
            softly.assertAll();
            assertThat(Files.readString(dataDir.resolve("log/local.log")))
                    .as("the log goes to the data directory")
                    .contains("Local mode stopped");
        }
    }

    /** When each watched table first had rows: device_windows, rejected_events, alerts. */
    private static final class FirstRows {
        private Instant kpisAt;
        private Instant rejectedAt;
        private Instant alertsAt;

        void record(long[] counts) {
            Instant now = Instant.now();
            kpisAt = counts[0] > 0 && kpisAt == null ? now : kpisAt;
            rejectedAt = counts[1] > 0 && rejectedAt == null ? now : rejectedAt;
            alertsAt = counts[2] > 0 && alertsAt == null ? now : alertsAt;
        }
    }

    /** Row counts of device_windows, rejected_events and alerts; empty while unreachable. */
    private static Optional<long[]> counts(String jdbcUrl) {
        try (Connection connection = DriverManager.getConnection(jdbcUrl, "postgres", "");
                Statement statement = connection.createStatement()) {
            statement.setQueryTimeout(5);
            long[] counts = new long[3];
            String[] tables = {"device_windows", "rejected_events", "alerts"};
            for (int i = 0; i < tables.length; i++) {
                try (ResultSet rs = statement.executeQuery("SELECT count(*) FROM " + tables[i])) {
                    rs.next();
                    counts[i] = rs.getLong(1);
                }
            }
            return Optional.of(counts);
        } catch (SQLException e) {
            return Optional.empty();
        }
    }

    private static List<ProcessHandle> processesMentioning(Path dir) {
        String path = dir.toString();
        return ProcessHandle.allProcesses()
                .filter(p -> p.info().commandLine().map(line -> line.contains(path)).orElse(false))
                .filter(p -> p.pid() != ProcessHandle.current().pid())
                .toList();
    }

    private static InetSocketAddress address(String hostPort) {
        int colon = hostPort.lastIndexOf(':');
        return new InetSocketAddress(
                hostPort.substring(0, colon), Integer.parseInt(hostPort.substring(colon + 1)));
    }

    private static boolean listening(InetSocketAddress address) {
        try (Socket socket = new Socket()) {
            socket.connect(address, 1_000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
