package dev.telemetry.infra;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The lifecycle the embedded servers share: the first {@link #start()} fixes port and data
 * directory, {@link #stop()} and a later {@link #start()} bring the same server back on the same
 * port with its data, and {@link #close()} (also run by a shutdown hook) ends it for good and
 * deletes what it created.
 *
 * @param <S> the concrete server, returned by {@link #start()}
 */
abstract class EmbeddedServer<S extends EmbeddedServer<S>> implements AutoCloseable {

    /** The loopback address the servers listen on. */
    static final String HOST = "127.0.0.1";

    private static final Duration SHUTDOWN_HOOK_TIMEOUT = Duration.ofSeconds(30);

    /** Where {@link EmbeddedServer#prepare()} put the server; fixed for the object's life. */
    record Placement(int port, Path dataDir) {}

    // The builder's settings, for the subclasses.
    final Path baseDir;
    final int requestedPort;
    final Path configuredDataDir;
    final Duration startupTimeout;

    private final Logger log = LoggerFactory.getLogger(getClass());
    private final String name;
    private final String threadName;

    // Fixed by the first start(), so that a restart comes back on the same port and data.
    private Placement placement;

    private Thread shutdownHook;
    private boolean startedOnce;
    private boolean closed;

    /**
     * @param name for log messages, e.g. {@code "Kafka broker"}
     * @param threadName prefix of the names of the threads it starts, e.g. {@code "embedded-kafka"}
     */
    EmbeddedServer(String name, String threadName, Builder<?, S> builder) {
        this.name = name;
        this.threadName = threadName;
        this.baseDir = builder.baseDir;
        this.requestedPort = builder.port;
        this.configuredDataDir = builder.dataDir;
        this.startupTimeout = builder.startupTimeout;
    }

    /**
     * Picks the port and sets up the directories, once per object. Instance directories it claims
     * are for {@link #deleteDirectories()} to release, also if it fails half-way.
     */
    abstract Placement prepare();

    /** Starts the server process on the prepared port and data; returns once it is ready. */
    abstract void launch();

    /** Stops the server process if there is one, keeping its data; returns whether there was. */
    abstract boolean halt();

    /** Deletes what {@link #prepare()} created, except a data directory given to the builder. */
    abstract void deleteDirectories();

    public abstract boolean isRunning();

    /** Starts the server, or does nothing if it is running; returns once it accepts requests. */
    public synchronized S start() {
        if (closed) {
            throw new IllegalStateException("Closed; build a new " + getClass().getSimpleName());
        }
        if (isRunning()) {
            return self();
        }
        long started = System.nanoTime();
        try {
            if (placement == null) {
                placement = prepare();
            }
            if (shutdownHook == null) {
                shutdownHook =
                        ShutdownHooks.register(
                                threadName + "-shutdown-" + placement.port(),
                                this::close,
                                SHUTDOWN_HOOK_TIMEOUT);
            }
            launch();
        } catch (RuntimeException e) {
            if (startedOnce) {
                stop(); // keep the data for another attempt
            } else {
                close(); // nobody holds a reference to clean up a half-made instance
            }
            throw e;
        }
        startedOnce = true;
        log.info(
                "{} started on {}:{} (data {}) in {} ms",
                name,
                HOST,
                placement.port(),
                placement.dataDir(),
                (System.nanoTime() - started) / 1_000_000);
        return self();
    }

    /** Stops the server; a later {@link #start()} brings it back on the same port and data. */
    public synchronized void stop() {
        long started = System.nanoTime();
        if (halt()) {
            log.info(
                    "{} on port {} stopped in {} ms",
                    name,
                    placement.port(),
                    (System.nanoTime() - started) / 1_000_000);
        }
    }

    /**
     * Stops the server and deletes the directories it created, its data too unless the data
     * directory was given to the builder. Idempotent; also run by a shutdown hook.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            stop();
        } finally {
            deleteDirectories();
            if (shutdownHook != null) {
                ShutdownHooks.remove(shutdownHook);
            }
        }
    }

    /** The TCP port on {@value #HOST}; fixed by the first {@link #start()}. */
    public synchronized int port() {
        requireStartedOnce();
        return placement.port();
    }

    public synchronized Path dataDir() {
        requireStartedOnce();
        return placement.dataDir();
    }

    /** Fails unless {@link #prepare()} has run, i.e. before the first {@link #start()}. */
    final void requireStartedOnce() {
        if (placement == null) {
            throw new IllegalStateException("Not started yet");
        }
    }

    @SuppressWarnings("unchecked")
    private S self() {
        return (S) this;
    }

    /**
     * Configures an {@link EmbeddedServer}; every setting has a test-friendly default.
     *
     * @param <B> the concrete builder, returned by the setters
     * @param <S> the server it builds
     */
    abstract static class Builder<B extends Builder<B, S>, S extends EmbeddedServer<S>> {
        private Path baseDir = InfraDirectories.defaultBaseDir();
        private int port;
        private Path dataDir;
        private Duration startupTimeout = Duration.ofSeconds(60);

        Builder() {}

        /**
         * Where instance directories (and caches such as PostgreSQL's binaries) live; must be
         * traversable by uid 65534 when running as root, for PostgreSQL. Default {@code
         * $java.io.tmpdir/telemetry-infra-$user}, or the system property {@value
         * InfraDirectories#BASE_DIR_PROPERTY}.
         */
        public B baseDir(Path baseDir) {
            this.baseDir = Objects.requireNonNull(baseDir).toAbsolutePath().normalize();
            return self();
        }

        /**
         * A data directory that outlives this object (local mode): set up if empty, reused
         * otherwise, never deleted by {@link EmbeddedServer#close()}.
         */
        public B dataDir(Path dataDir) {
            this.dataDir = Objects.requireNonNull(dataDir);
            return self();
        }

        /** A fixed TCP port; default 0 picks a free one. */
        public B port(int port) {
            this.port = checkPort(port);
            return self();
        }

        public B startupTimeout(Duration startupTimeout) {
            this.startupTimeout = Objects.requireNonNull(startupTimeout);
            return self();
        }

        /** Builds an instance that is not started yet. */
        public abstract S build();

        /** Builds and starts. */
        public S start() {
            return build().start();
        }

        static int checkPort(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port " + port);
            }
            return port;
        }

        @SuppressWarnings("unchecked")
        final B self() {
            return (B) this;
        }
    }
}
