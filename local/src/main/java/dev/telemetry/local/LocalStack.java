package dev.telemetry.local;

import dev.telemetry.infra.EmbeddedKafka;
import dev.telemetry.infra.EmbeddedPostgres;
import dev.telemetry.job.config.InvalidConfigException;
import dev.telemetry.job.config.JobConfig;
import dev.telemetry.job.config.JobConfig.DatabaseConfig;
import dev.telemetry.job.config.JobOptions;
import dev.telemetry.job.config.Secret;
import dev.telemetry.job.migrate.SchemaMigrator;
import dev.telemetry.local.EmbeddedServers.Ports;
import dev.telemetry.local.EmbeddedServers.TopicSpec;
import dev.telemetry.local.SummaryCollector.FeedCounters;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.runtime.jobgraph.JobGraph;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whole pipeline on this machine: Kafka, PostgreSQL with the migrated schema, the production
 * Flink job on a MiniCluster with the web UI, and the simulator or a replay feeding it. What {@code
 * ./run-local} runs, as an API for tests:
 *
 * <pre>{@code
 * try (LocalStack stack = LocalStack.start(LocalSettings.builder().dataDir(dir).build())) {
 *     await().until(() -> stack.summary().alertsRaised() > 0);
 *     try (Connection c = DriverManager.getConnection(stack.jdbcUrl(), stack.jdbcUser(), "")) {
 *         ...
 *     }
 * }
 * }</pre>
 *
 * <p>{@link #start} starts everything or, failing that, stops what it started and throws a {@link
 * LocalModeException} with a one-line message; {@link #stop()} stops the feed, cancels the job,
 * stops the MiniCluster, then the embedded broker and database.
 */
public final class LocalStack implements AutoCloseable {

    /**
     * Rule updates for the job's broadcast rules (the job's {@code Topics.RULES}); created up front
     * so that the job's source finds it.
     */
    public static final String RULES_TOPIC = "telemetry-rules";

    private static final Logger LOG = LoggerFactory.getLogger(LocalStack.class);

    private static final int TELEMETRY_PARTITIONS = 2;
    private static final Duration KAFKA_RETENTION = Duration.ofDays(1);
    private static final String GRAFANA_PASSWORD_ENV = "GRAFANA_DB_PASSWORD";

    private final LocalSettings settings;
    private final Clock clock;
    private final Instant startedAt;
    private final Deque<AutoCloseable> started = new ArrayDeque<>();
    private DataDirectory data;
    private EmbeddedKafka kafka;
    private EmbeddedPostgres postgres;
    private JobConfig jobConfig;
    private LocalFlinkCluster flink;
    private JobGraph jobGraph;
    private TelemetryFeed feed;
    private SummaryCollector collector;
    private boolean stopped;

    private LocalStack(LocalSettings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
        this.startedAt = clock.instant();
    }

    /**
     * Starts everything.
     *
     * @throws LocalModeException with a one-line message if anything cannot start; what did start
     *     is stopped again
     */
    public static LocalStack start(LocalSettings settings) {
        return start(settings, DataDirectory.open(settings.dataDir(), settings.fresh()));
    }

    /** As {@link #start(LocalSettings)}, with the data directory already open and locked. */
    static LocalStack start(LocalSettings settings, DataDirectory data) {
        LocalStack stack = new LocalStack(settings, Clock.systemUTC());
        stack.data = data;
        try {
            stack.startAll();
            return stack;
        } catch (RuntimeException e) {
            try {
                stack.stop();
            } catch (RuntimeException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }

    private synchronized void startAll() {
        Path replay = settings.replayFile().orElse(null);
        if (replay != null && !Files.isReadable(replay)) {
            throw new LocalModeException("--replay " + replay + ": no such readable file");
        }
        PortAllocator allocator = new PortAllocator();
        Ports ports =
                new Ports(
                        settings.bootstrapServers().isPresent()
                                ? 0
                                : allocator.preferredOrFree(data.savedPort("kafka")),
                        settings.bootstrapServers().isPresent()
                                ? 0
                                : allocator.preferredOrFree(data.savedPort("kafka.controller")),
                        settings.jdbcUrl().isPresent()
                                ? 0
                                : allocator.preferredOrFree(data.savedPort("postgres")));
        List<Integer> uiPorts =
                settings.flinkUiPort().isPresent()
                        ? List.of(
                                allocator.exactly(
                                        settings.flinkUiPort().getAsInt(), "--flink-ui-port"))
                        : List.of(
                                allocator.preferredOrFree(
                                        OptionalInt.of(LocalSettings.DEFAULT_FLINK_UI_PORT)),
                                allocator.preferredOrFree(OptionalInt.empty()));

        // Everything is validated before anything starts.
        String bootstrapServers = settings.bootstrapServers().orElse("127.0.0.1:" + ports.kafka());
        DatabaseConfig database =
                settings.jdbcUrl().isPresent()
                        ? externalDatabase()
                        : EmbeddedServers.embeddedDatabase(ports.postgres());
        jobConfig = jobConfig(bootstrapServers, database);
        List<TopicSpec> topics =
                List.of(
                        new TopicSpec(jobConfig.topic(), TELEMETRY_PARTITIONS, Map.of()),
                        new TopicSpec(jobConfig.deadLetterTopic(), 1, Map.of()),
                        // The latest update of each rule is what counts.
                        new TopicSpec(RULES_TOPIC, 1, Map.of("cleanup.policy", "compact")));

        if (settings.jdbcUrl().isPresent()) {
            Preflight.checkDatabase(database);
        }
        if (settings.bootstrapServers().isPresent()) {
            Preflight.checkKafka(bootstrapServers, topics.stream().map(TopicSpec::name).toList());
        }

        startServersAndCluster(ports, topics, uiPorts);
        migrate(database);
        collector =
                register(
                        new SummaryCollector(
                                database,
                                bootstrapServers,
                                jobConfig.topic(),
                                jobConfig.groupId(),
                                startedAt.truncatedTo(ChronoUnit.SECONDS),
                                FeedCounters.NONE,
                                this::jobStatus,
                                clock));
        flink.submit(jobGraph);
        switch (settings.input()) {
            case SIMULATE ->
                    feed =
                            register(
                                    TelemetryFeed.simulate(
                                            settings, bootstrapServers, jobConfig.topic(), clock));
            case REPLAY ->
                    feed =
                            register(
                                    TelemetryFeed.replay(
                                            replay,
                                            settings.replaySpeed(),
                                            bootstrapServers,
                                            jobConfig.topic(),
                                            clock));
            case NONE -> feed = null;
        }
        if (feed != null) {
            collector.feed(
                    new FeedCounters(
                            feed::produced, feed::deliveryFailures, feed::anomaliesInjected));
        }
        LOG.info(
                "Local mode started: Kafka {}, PostgreSQL {}, Flink UI {}",
                bootstrapServers,
                database,
                flink.webUi());
    }

    /**
     * Starts the embedded servers and the Flink cluster, and builds the job graph, in parallel: on
     * a small machine most of the start-up is waiting for disks and sockets.
     */
    private void startServersAndCluster(
            Ports ports, List<TopicSpec> topics, List<Integer> uiPorts) {
        ExecutorService starter =
                Executors.newFixedThreadPool(
                        4,
                        task -> {
                            Thread thread = new Thread(task, "local-mode-start");
                            thread.setDaemon(true);
                            return thread;
                        });
        try {
            CompletableFuture<EmbeddedPostgres> postgresStarted =
                    settings.jdbcUrl().isPresent()
                            ? CompletableFuture.completedFuture(null)
                            : CompletableFuture.supplyAsync(
                                    () -> EmbeddedServers.startPostgres(data, ports), starter);
            CompletableFuture<EmbeddedKafka> kafkaStarted =
                    settings.bootstrapServers().isPresent()
                            ? CompletableFuture.completedFuture(null)
                            : CompletableFuture.supplyAsync(
                                    () ->
                                            EmbeddedServers.startKafka(
                                                    data, ports, topics, KAFKA_RETENTION),
                                    starter);
            CompletableFuture<LocalFlinkCluster> flinkStarted =
                    CompletableFuture.supplyAsync(
                            () ->
                                    LocalFlinkCluster.start(
                                            uiPorts, settings.parallelism(), data.flinkTmp()),
                            starter);
            CompletableFuture<JobGraph> graphBuilt =
                    CompletableFuture.supplyAsync(
                            () -> LocalFlinkCluster.jobGraph(jobConfig), starter);

            // Registered in this order, stopped in reverse: cluster, broker, database.
            RuntimeException failure = null;
            try {
                postgres = register(postgresStarted.join());
            } catch (CompletionException e) {
                failure = unwrap(e);
            }
            try {
                kafka = register(kafkaStarted.join());
            } catch (CompletionException e) {
                failure = first(failure, unwrap(e));
            }
            try {
                flink = register(flinkStarted.join());
            } catch (CompletionException e) {
                failure = first(failure, unwrap(e));
            }
            try {
                jobGraph = graphBuilt.join();
            } catch (CompletionException e) {
                failure = first(failure, unwrap(e));
            }
            if (failure != null) {
                throw failure;
            }
            if (kafka != null || postgres != null) {
                savePorts(ports);
            }
        } finally {
            starter.shutdownNow();
        }
    }

    private static RuntimeException unwrap(CompletionException e) {
        Throwable cause = e.getCause() != null ? e.getCause() : e;
        if (cause instanceof RuntimeException runtime) {
            return runtime;
        }
        return new LocalModeException(String.valueOf(cause.getMessage()), cause);
    }

    private static RuntimeException first(RuntimeException first, RuntimeException next) {
        if (first == null) {
            return next;
        }
        first.addSuppressed(next);
        return first;
    }

    private DatabaseConfig externalDatabase() {
        Map<String, String> options = new HashMap<>();
        options.put(JobOptions.JDBC_URL.key(), settings.jdbcUrl().orElseThrow());
        options.put(JobOptions.JDBC_USER.key(), settings.jdbcUser());
        try {
            return DatabaseConfig.from(
                    Configuration.fromMap(options),
                    Map.of(
                            JobOptions.JDBC_PASSWORD_ENV.defaultValue(),
                            settings.jdbcPassword().reveal()));
        } catch (InvalidConfigException e) {
            throw new LocalModeException(e.getMessage(), e);
        }
    }

    /** The job's configuration: defaults, local mode's choices, then the user's job options. */
    private JobConfig jobConfig(String bootstrapServers, DatabaseConfig database) {
        Map<String, String> options = new HashMap<>();
        options.put(JobOptions.KAFKA_BOOTSTRAP_SERVERS.key(), bootstrapServers);
        options.put(JobOptions.JDBC_URL.key(), database.url());
        options.put(JobOptions.JDBC_USER.key(), database.user());
        options.put(JobOptions.PARALLELISM.key(), Integer.toString(settings.parallelism()));
        // Sinks flush and offsets are committed on checkpoints: often, for a lively summary.
        options.put(JobOptions.CHECKPOINT_INTERVAL.key(), "5 s");
        options.putAll(settings.jobOptions());
        Map<String, String> env =
                Map.of(JobOptions.JDBC_PASSWORD_ENV.defaultValue(), database.password().reveal());
        try {
            JobConfig config = JobConfig.from(Configuration.fromMap(options), env);
            if (!config.database().url().equals(database.url())
                    || !config.database().user().equals(database.user())) {
                throw new LocalModeException(
                        "set the database with --jdbc-url and --jdbc-user, not --job-option");
            }
            if (!config.bootstrapServers().equals(bootstrapServers)) {
                throw new LocalModeException(
                        "set the brokers with --bootstrap-servers, not --job-option");
            }
            return config;
        } catch (InvalidConfigException e) {
            throw new LocalModeException(e.getMessage(), e);
        }
    }

    private void migrate(DatabaseConfig database) {
        Optional<Secret> grafana =
                Optional.ofNullable(System.getenv(GRAFANA_PASSWORD_ENV))
                        .filter(s -> !s.isEmpty())
                        .map(Secret::new);
        try {
            int applied = SchemaMigrator.migrate(database, grafana);
            LOG.info("{} migration(s) applied to {}", applied, database);
        } catch (Exception e) {
            throw new LocalModeException(
                    "migrating " + database + " failed: " + Preflight.firstLine(rootMessage(e)), e);
        }
    }

    private void savePorts(Ports ports) {
        Properties saved = new Properties();
        if (ports.kafka() != 0) {
            saved.setProperty("kafka", Integer.toString(ports.kafka()));
            saved.setProperty("kafka.controller", Integer.toString(ports.kafkaController()));
        }
        if (ports.postgres() != 0) {
            saved.setProperty("postgres", Integer.toString(ports.postgres()));
        }
        data.savePorts(saved);
    }

    /** Remembers a started resource for {@link #stop()}; null (not started) is ignored. */
    private <T extends AutoCloseable> T register(T resource) {
        if (resource != null) {
            started.push(resource);
        }
        return resource;
    }

    /** JDBC URL of the database the job writes to. */
    public String jdbcUrl() {
        return jobConfig.database().url();
    }

    /** Database user; {@code postgres} (no password) for the embedded server. */
    public String jdbcUser() {
        return jobConfig.database().user();
    }

    /** Database password; empty for the embedded server. */
    public Secret jdbcPassword() {
        return jobConfig.database().password();
    }

    /** Kafka bootstrap servers. */
    public String bootstrapServers() {
        return jobConfig.bootstrapServers();
    }

    /** The Flink web UI (and REST API), e.g. {@code http://localhost:8081}. */
    public URI flinkUiUrl() {
        return flink.webUi();
    }

    /** The job's configuration, e.g. for topic names. */
    public JobConfig jobConfig() {
        return jobConfig;
    }

    public LocalSettings settings() {
        return settings;
    }

    public Path dataDir() {
        return data.root();
    }

    /** The log file of local mode when run from the command line. */
    public Path logFile() {
        return data.logFile();
    }

    public boolean embeddedKafka() {
        return kafka != null;
    }

    public boolean embeddedDatabase() {
        return postgres != null;
    }

    /** The embedded PostgreSQL server's postmaster, while it runs. */
    public Optional<ProcessHandle> postgresProcess() {
        return postgres == null ? Optional.empty() : postgres.postmasterProcess();
    }

    /** What feeds the telemetry topic, or empty if nothing does. */
    public Optional<String> feedDescription() {
        return Optional.ofNullable(feed).map(TelemetryFeed::description);
    }

    /** How the feed ended (a replay finishes; a failed producer stops), if it has. */
    public Optional<String> feedOutcome() {
        return Optional.ofNullable(feed).flatMap(TelemetryFeed::outcome);
    }

    /** The Flink job's status, e.g. {@code RUNNING}, or {@code UNKNOWN}. */
    public String jobStatus() {
        return flink == null ? "STARTING" : flink.status().map(JobStatus::name).orElse("UNKNOWN");
    }

    /** A fresh look at counters, offsets and tables; never throws for an unreadable part. */
    public PipelineSummary summary() {
        return collector.collect(startedAt);
    }

    /** When this stack started. */
    public Instant startedAt() {
        return startedAt;
    }

    /**
     * Stops the feed, cancels the job, stops the MiniCluster, the embedded broker and database, and
     * releases the data directory (deleting it if so configured). Idempotent.
     */
    public synchronized void stop() {
        if (stopped) {
            return;
        }
        stopped = true;
        RuntimeException failure = null;
        while (!started.isEmpty()) {
            AutoCloseable resource = started.pop();
            try {
                resource.close();
            } catch (Exception e) {
                LOG.warn("Stopping {} failed", resource.getClass().getSimpleName(), e);
                if (failure == null) {
                    failure = new LocalModeException("stopping failed: " + e.getMessage(), e);
                }
            }
        }
        if (data != null) {
            if (settings.deleteDataOnStop()) {
                data.closeAndDelete();
            } else {
                data.close();
            }
        }
        LOG.info("Local mode stopped");
        if (failure != null) {
            throw failure;
        }
    }

    /** Same as {@link #stop()}. */
    @Override
    public void close() {
        stop();
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() != null ? root.getMessage() : root.toString();
    }
}
