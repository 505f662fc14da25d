package dev.telemetry.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.telemetry.infra.DirectoryTrees;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A wrong external address is one line on stderr and a non-zero exit within seconds, checked before
 * anything heavy starts: no stack trace, no broker, database or cluster started.
 */
class RunLocalPreflightITCase {

    private static final Duration EXIT_TIMEOUT = Duration.ofSeconds(90);

    private Path dataDir;

    @BeforeEach
    void createDataDir() throws IOException {
        dataDir =
                Files.createTempDirectory(
                        Path.of(System.getProperty("java.io.tmpdir")), "run-local-preflight-");
        Files.setPosixFilePermissions(dataDir, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    @AfterEach
    void deleteDataDir() {
        DirectoryTrees.deleteRecursively(dataDir);
    }

    @Test
    void shouldRefuseAJdbcUrlThatIsNotPostgres() throws Exception {
        String err = failingRun("--jdbc-url", "jdbc:mysql://localhost:3306/telemetry");

        assertThat(err).contains("jdbc.url must be a PostgreSQL JDBC URL");
    }

    @Test
    void shouldRefuseAJdbcUrlThatDoesNotParse() throws Exception {
        String err = failingRun("--jdbc-url", "jdbc:postgresql://localhost:notaport/telemetry");

        assertThat(err).contains("cannot connect to PostgreSQL").contains("not a valid URL");
    }

    @Test
    void shouldReportAnUnknownDatabaseHost() throws Exception {
        String err = failingRun("--jdbc-url", "jdbc:postgresql://no-such-host.invalid/telemetry");

        assertThat(err)
                .contains("cannot connect to PostgreSQL at")
                .contains("no-such-host.invalid");
    }

    @Test
    void shouldReportAnUnreachableBroker() throws Exception {
        // Port 1 on the loopback interface: nothing listens there.
        String err = failingRun("--bootstrap-servers", "127.0.0.1:1");

        assertThat(err).contains("Kafka at 127.0.0.1:1");
    }

    /** Runs {@code ./run-local args...}; expects a non-zero exit and one line on stderr. */
    private String failingRun(String... args) throws Exception {
        String[] all = new String[args.length + 2];
        all[0] = "--data-dir";
        all[1] = dataDir.toString();
        System.arraycopy(args, 0, all, 2, args.length);
        try (RunLocalProcess run = RunLocalProcess.start(all)) {
            Optional<Integer> exit = run.awaitExit(EXIT_TIMEOUT);

            assertThat(exit).as(run.transcript()).isPresent();
            assertThat(exit.get()).as(run.transcript()).isNotZero();
            assertThat(run.err()).as(run.transcript()).hasSize(1);
            assertThat(run.err().get(0)).startsWith("error: ").doesNotContain("Exception");
            assertThat(run.out())
                    .as("nothing was started")
                    .noneMatch(line -> line.contains("Local mode is running"));
            return run.err().get(0);
        }
    }
}
