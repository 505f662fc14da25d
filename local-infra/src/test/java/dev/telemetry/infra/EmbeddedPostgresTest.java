package dev.telemetry.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.telemetry.infra.junit.PostgresExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class EmbeddedPostgresTest {

    /** For tests that only need a running server; lifecycle tests build their own. */
    @RegisterExtension static final PostgresExtension SHARED = PostgresExtension.perClass();

    @Test
    void shouldAcceptSqlInANewDatabase() throws SQLException {
        EmbeddedPostgres postgres = SHARED.postgres();
        postgres.createDatabase("telemetry");
        postgres.execute("telemetry", "CREATE TABLE t (id int PRIMARY KEY, name text)");
        postgres.execute("telemetry", "INSERT INTO t VALUES (1, 'pump-1'), (2, 'valve-7')");

        assertThat(queryNames(postgres, "telemetry")).containsExactly("pump-1", "valve-7");
        assertThat(postgres.jdbcUrl("telemetry"))
                .isEqualTo("jdbc:postgresql://127.0.0.1:" + postgres.port() + "/telemetry");
    }

    @Test
    void shouldUseUtf8AndTheCLocale() throws SQLException {
        try (Connection connection = SHARED.postgres().connect("postgres");
                Statement statement = connection.createStatement();
                ResultSet rs =
                        statement.executeQuery(
                                "SELECT pg_encoding_to_char(encoding), datcollate FROM pg_database"
                                        + " WHERE datname = 'postgres'")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("UTF8");
            assertThat(rs.getString(2)).isEqualTo("C");
        }
    }

    @Test
    void shouldKeepDataAndPortWhenStoppedAndStartedAgain() throws SQLException {
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().start()) {
            int port = postgres.port();
            postgres.execute("CREATE TABLE t (id int PRIMARY KEY, name text)");
            postgres.execute("INSERT INTO t VALUES (1, 'kept')");

            postgres.stop();
            assertThat(postgres.isRunning()).isFalse();
            assertThatThrownBy(() -> postgres.connect("postgres")).isInstanceOf(SQLException.class);

            postgres.start();
            assertThat(postgres.port()).isEqualTo(port);
            assertThat(queryNames(postgres, "postgres")).containsExactly("kept");
        }
    }

    @Test
    void shouldLeaveNoProcessOrDirectoryAfterClose() throws SQLException {
        EmbeddedPostgres postgres = EmbeddedPostgres.builder().start();
        Path instanceDir = postgres.instanceDir();
        List<ProcessHandle> processes = new ArrayList<>();
        // An open session has its own backend process, which must end too.
        try (Connection session = postgres.connect("postgres")) {
            assertThat(session.isValid(5)).isTrue();
            ProcessHandle postmaster = postgres.postmasterProcess().orElseThrow();
            processes.add(postmaster);
            postmaster.descendants().forEach(processes::add);
            assertThat(processes).hasSizeGreaterThan(1);

            postgres.close();
        }

        assertThat(processes).noneMatch(ProcessHandle::isAlive);
        assertThat(instanceDir).doesNotExist();
        assertThat(postgres.postmasterProcess()).isEmpty();
    }

    @Test
    void shouldKeepAGivenDataDirectoryAcrossInstances() throws Exception {
        // Traversable by others: as root the server runs as another uid that must reach it.
        Path parent = Files.createTempDirectory("durable-pg-");
        Files.setPosixFilePermissions(parent, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path dataDir = parent.resolve("data");
        try {
            try (EmbeddedPostgres first = EmbeddedPostgres.builder().dataDir(dataDir).start()) {
                first.execute("CREATE TABLE t (id int PRIMARY KEY, name text)");
                first.execute("INSERT INTO t VALUES (1, 'durable')");
            }
            assertThat(dataDir.resolve("PG_VERSION")).exists();

            try (EmbeddedPostgres second = EmbeddedPostgres.builder().dataDir(dataDir).start()) {
                assertThat(queryNames(second, "postgres")).containsExactly("durable");
            }
        } finally {
            DirectoryTrees.deleteRecursively(parent);
        }
    }

    @Test
    void shouldRemoveStaleInstanceDirectoryWhoseJvmIsDead() throws Exception {
        Path instances = InfraDirectories.defaultBaseDir().resolve("pg");
        Path stale = instances.resolve(pidOfFinishedProcess() + "-5999");
        Files.createDirectories(stale.resolve("data"));
        Files.writeString(stale.resolve("data").resolve("PG_VERSION"), "18\n");

        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().start()) {
            assertThat(stale).doesNotExist();
            assertThat(postgres.instanceDir()).exists();
        }
    }

    @Test
    void shouldReplaceALeftoverDirectoryNamedAfterThisJvmAndPort() throws Exception {
        // Pids repeat across container restarts, so an earlier JVM may have used this name.
        int port = FreePorts.pick();
        Path leftover =
                InfraDirectories.defaultBaseDir()
                        .resolve("pg")
                        .resolve(ProcessHandle.current().pid() + "-" + port);
        Files.createDirectories(leftover);
        Files.writeString(leftover.resolve("postgres.log"), "from an earlier JVM\n");

        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().port(port).start()) {
            assertThat(postgres.instanceDir()).isEqualTo(leftover);
            assertThat(leftover.resolve("postgres.log")).content().doesNotContain("earlier JVM");
        }
    }

    @Test
    void shouldRefuseASecondServerOnAPortThisJvmAlreadyUses() {
        EmbeddedPostgres first = SHARED.postgres();
        EmbeddedPostgres second = EmbeddedPostgres.builder().port(first.port()).build();

        assertThatThrownBy(second::start).hasMessageContaining("already used");
        assertThat(first.instanceDir()).isDirectory();
        first.execute("SELECT 1");
    }

    private static long pidOfFinishedProcess() throws Exception {
        Process process = new ProcessBuilder("true").start();
        long pid = process.pid();
        process.waitFor();
        await().atMost(Duration.ofSeconds(5)).until(() -> !InfraDirectories.isAlive(pid));
        return pid;
    }

    private static List<String> queryNames(EmbeddedPostgres postgres, String database)
            throws SQLException {
        List<String> names = new ArrayList<>();
        try (Connection connection = postgres.connect(database);
                Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery("SELECT name FROM t ORDER BY id")) {
            while (rs.next()) {
                names.add(rs.getString(1));
            }
        }
        return names;
    }
}
