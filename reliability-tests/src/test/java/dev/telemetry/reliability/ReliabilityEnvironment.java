package dev.telemetry.reliability;

import static org.awaitility.Awaitility.await;

import dev.telemetry.cluster.FlinkLibraries;
import dev.telemetry.cluster.JarRun;
import dev.telemetry.cluster.JobStatus;
import dev.telemetry.cluster.StandaloneCluster;
import dev.telemetry.infra.EmbeddedKafka;
import dev.telemetry.infra.EmbeddedPostgres;
import dev.telemetry.job.TelemetryAnomalyJob;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * What the failure tests share, started once per JVM: a Kafka broker, a PostgreSQL server, a
 * standalone Flink cluster (JobManager and TaskManager JVMs) with the job jar uploaded, the
 * deterministic input and the fault-free baseline run over it. Test methods receive it as a
 * parameter through {@link Resolver}; it is closed when the test engine finishes.
 */
final class ReliabilityEnvironment implements AutoCloseable {

    static final int PARTITIONS = 3;
    static final int PARALLELISM = 2;
    static final String DB_USER = EmbeddedPostgres.SUPERUSER;

    /** Checkpoints often, so that a failure replays little input. */
    static final String CHECKPOINT_INTERVAL = "2 s";

    /**
     * A SIGKILLed TaskManager is declared lost after {@code heartbeat.rpc-failure-threshold} (2)
     * heartbeat RPCs to it failed, so the interval bounds detection: 1 s gives 2–4 s. The timeout
     * only matters for a TaskManager that is alive but silent, and a short one hurts: with 5 s, a
     * replacement TaskManager busy starting tasks on a loaded 2-core machine missed its heartbeats,
     * was disconnected and the job restarted again, several times per kill (recovery 26–64 s
     * instead of 13–23 s). Flink's defaults are 10 s / 50 s.
     */
    static final Duration HEARTBEAT_INTERVAL = Duration.ofSeconds(1);

    static final Duration HEARTBEAT_TIMEOUT = Duration.ofSeconds(15);
    static final Duration RESTART_DELAY = Duration.ofMillis(500);

    /** Bounds every wait; a loaded 2-core machine is slow, a hung run must still end. */
    static final Duration TIMEOUT = Duration.ofMinutes(4);

    /** The job's tables: data-quality, KPI, alert and dead-letter tables. */
    static final List<String> COMPARED_TABLES =
            List.of(
                    "rejected_events",
                    "late_events",
                    "duplicate_events",
                    "device_windows",
                    "device_metric_kpis",
                    "engine_kpis",
                    "engine_fleet_kpis",
                    "flight_fleet_kpis",
                    "flight_region_kpis",
                    "vehicle_kpis",
                    "energy_site_kpis",
                    "alerts",
                    "alert_events");

    /** Wall-clock columns, documented in flink-job/README.md; all other columns must match. */
    static final Set<String> WALL_CLOCK_COLUMNS = Set.of("rejected_events.ingested_at");

    private static RuntimeException startFailure;

    private final Path workDir;
    private final EmbeddedKafka kafka;
    private final EmbeddedPostgres postgres;
    private final StandaloneCluster cluster;
    private final JobControl control;
    private final JobJarCommands commands;
    private final String jarId;
    private final Duration clusterStartup;

    private ReferenceInput input;
    private JobRun baseline;
    private RuntimeException baselineFailure;

    private ReliabilityEnvironment(
            Path workDir,
            EmbeddedKafka kafka,
            EmbeddedPostgres postgres,
            StandaloneCluster cluster,
            JobJarCommands commands,
            String jarId) {
        this.workDir = workDir;
        this.kafka = kafka;
        this.postgres = postgres;
        this.cluster = cluster;
        this.control = new JobControl(cluster);
        this.commands = commands;
        this.jarId = jarId;
        this.clusterStartup = cluster.startupTime();
    }

    /** Provides the shared environment to test methods, starting it on first use. */
    static final class Resolver implements ParameterResolver {
        private static final ExtensionContext.Namespace NAMESPACE =
                ExtensionContext.Namespace.create(ReliabilityEnvironment.class);

        @Override
        public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
            return parameter.getParameter().getType() == ReliabilityEnvironment.class;
        }

        @Override
        public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
            return context.getRoot()
                    .getStore(NAMESPACE)
                    .getOrComputeIfAbsent(
                            ReliabilityEnvironment.class,
                            k -> startOnce(),
                            ReliabilityEnvironment.class);
        }
    }

    private static synchronized ReliabilityEnvironment startOnce() {
        if (startFailure != null) {
            throw new IllegalStateException("The environment failed to start", startFailure);
        }
        try {
            return start();
        } catch (RuntimeException e) {
            startFailure = e;
            throw e;
        }
    }

    private static ReliabilityEnvironment start() {
        Path jar = JobJar.locate();
        Path workDir =
                Path.of(System.getProperty("reliability.work-dir", "target/reliability"))
                        .toAbsolutePath();
        EmbeddedKafka kafka = null;
        EmbeddedPostgres postgres = null;
        StandaloneCluster cluster = null;
        JobJarCommands commands = null;
        try {
            Files.createDirectories(workDir);
            // A copy: another build may rewrite flink-job/target while the tests run.
            Path snapshot =
                    Files.copy(
                            jar,
                            workDir.resolve("flink-job.jar"),
                            StandardCopyOption.REPLACE_EXISTING);
            FlinkLibraries flink = FlinkLibraries.locate();
            commands = new JobJarCommands(snapshot, flink);
            kafka = EmbeddedKafka.builder().build().start();
            postgres = EmbeddedPostgres.builder().start();
            cluster =
                    StandaloneCluster.builder(workDir.resolve("cluster"))
                            .libraries(flink)
                            .slots(PARALLELISM)
                            .heartbeatInterval(HEARTBEAT_INTERVAL)
                            .heartbeatTimeout(HEARTBEAT_TIMEOUT)
                            .restartStrategy(Integer.MAX_VALUE, RESTART_DELAY)
                            .startTimeout(TIMEOUT)
                            // Fresh numRestarts figures from REST.
                            .config("metrics.fetcher.update-interval", "1000")
                            .build()
                            .start();
            String jarId = cluster.restClient().uploadJar(snapshot);
            ReliabilityEnvironment env =
                    new ReliabilityEnvironment(workDir, kafka, postgres, cluster, commands, jarId);
            env.reportSetup();
            return env;
        } catch (IOException e) {
            closeQuietly(cluster, kafka, postgres, commands);
            throw new IllegalStateException("Cannot prepare " + workDir, e);
        } catch (RuntimeException e) {
            closeQuietly(cluster, kafka, postgres, commands);
            throw e;
        }
    }

    EmbeddedKafka kafka() {
        return kafka;
    }

    EmbeddedPostgres postgres() {
        return postgres;
    }

    StandaloneCluster cluster() {
        return cluster;
    }

    JobControl control() {
        return control;
    }

    Path workDir() {
        return workDir;
    }

    /** The reference input, generated on first use. */
    synchronized ReferenceInput input() {
        if (input == null) {
            input = ReferenceInput.generate(ReferenceInput.defaultOptions());
        }
        return input;
    }

    /** A run with fresh topics and a fresh, migrated database on the shared PostgreSQL. */
    JobRun newRun(String name) {
        return newRun(name, postgres);
    }

    /**
     * A run with fresh topics and a fresh database on {@code server}, migrated by the job jar's own
     * {@code migrate} command.
     */
    JobRun newRun(String name, EmbeddedPostgres server) {
        ensureTaskManager(name);
        JobRun run = JobRun.named(name, server.createDatabase(name));
        // The input's timestamps are in the past: keep records regardless of age.
        Map<String, String> keep = Map.of("retention.ms", "-1");
        kafka.createTopic(run.topic(), PARTITIONS, keep);
        kafka.createTopic(run.deadLetterTopic(), 1, keep);
        commands.migrate(run.jdbcUrl(), DB_USER);
        return run;
    }

    /** Isolates the cases: one that left no TaskManager alive must not fail the next. */
    private void ensureTaskManager(String run) {
        if (cluster.taskManagerPids().isEmpty()) {
            System.err.println("No live TaskManager before run " + run + "; starting one");
            cluster.startTaskManager();
        }
    }

    /** Submits the job jar for {@code run}; returns the job id. */
    String submit(JobRun run, boolean bounded) {
        return cluster.restClient()
                .runJar(
                        jarId,
                        JarRun.of(
                                TelemetryAnomalyJob.class.getName(),
                                run.programArgs(
                                        kafka.bootstrapServers(),
                                        DB_USER,
                                        bounded,
                                        PARALLELISM,
                                        CHECKPOINT_INTERVAL),
                                PARALLELISM));
    }

    /**
     * The fault-free run: the whole input produced at once, then the job with {@code
     * --kafka.bounded true}, which finishes at the end of the input and flushes every window.
     * Computed once; every failure test compares its tables with this run's.
     */
    synchronized JobRun baseline() throws Exception {
        if (baselineFailure != null) {
            throw new IllegalStateException("The baseline run failed", baselineFailure);
        }
        if (baseline != null) {
            return baseline;
        }
        try {
            long started = System.nanoTime();
            ReferenceInput reference = input();
            JobRun run = newRun("baseline");
            InputProducer.writeAll(
                    kafka.bootstrapServers(), run.topic(), PARTITIONS, reference.records());
            long produced = System.nanoTime();
            String jobId = submit(run, true);
            JobStatus end = control.awaitTerminal(jobId, TIMEOUT);
            if (!"FINISHED".equals(end.state())) {
                throw new IllegalStateException("The bounded baseline job ended " + end.describe());
            }
            long finished = System.nanoTime();
            reportBaseline(reference, run, produced - started, finished - produced);
            baseline = run;
            return run;
        } catch (Exception | Error e) {
            baselineFailure = new IllegalStateException(e);
            throw e;
        }
    }

    /**
     * Waits until the run's consumer group has committed the end offset of every input partition: a
     * checkpoint has completed after the job read the whole input.
     */
    void awaitConsumed(JobRun run, Duration timeout) throws Exception {
        Map<TopicPartition, Long> end = endOffsets(run);
        awaitCommitted(run, end, timeout);
    }

    /** Waits until the run's consumer group has committed at least {@code offsets}. */
    void awaitCommitted(JobRun run, Map<TopicPartition, Long> offsets, Duration timeout)
            throws Exception {
        await("consumer group of run " + run.name() + " commits offsets " + offsets)
                .atMost(timeout)
                .pollInterval(Duration.ofMillis(250))
                .pollDelay(Duration.ZERO)
                .until(() -> committedOffsets(run), committed -> covers(committed, offsets));
    }

    private static boolean covers(
            Map<TopicPartition, Long> committed, Map<TopicPartition, Long> offsets) {
        return offsets.entrySet().stream()
                .allMatch(e -> committed.getOrDefault(e.getKey(), -1L) >= e.getValue());
    }

    /** The latest offset of every partition of the run's input topic. */
    Map<TopicPartition, Long> endOffsets(JobRun run) throws Exception {
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        for (int p = 0; p < PARTITIONS; p++) {
            latest.put(new TopicPartition(run.topic(), p), OffsetSpec.latest());
        }
        try (Admin admin = kafka.admin()) {
            return admin.listOffsets(latest).all().get(30, TimeUnit.SECONDS).entrySet().stream()
                    .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
        }
    }

    /** The offsets the run's job committed on its latest completed checkpoint. */
    Map<TopicPartition, Long> committedOffsets(JobRun run) throws Exception {
        try (Admin admin = kafka.admin()) {
            Map<TopicPartition, OffsetAndMetadata> committed =
                    admin.listConsumerGroupOffsets(run.groupId())
                            .partitionsToOffsetAndMetadata()
                            .get(30, TimeUnit.SECONDS);
            Map<TopicPartition, Long> offsets = new HashMap<>();
            committed.forEach(
                    (partition, offset) -> {
                        if (offset != null) {
                            offsets.put(partition, offset.offset());
                        }
                    });
            return offsets;
        }
    }

    /** Stops the run's job with a draining savepoint and checks that it finished. */
    void drain(JobRun run, String jobId) throws Exception {
        JobStatus end =
                control.stopWithDrain(
                        jobId, workDir.resolve("savepoints").resolve(run.name()), TIMEOUT);
        if (!"FINISHED".equals(end.state())) {
            throw new IllegalStateException(
                    "Job of run " + run.name() + " ended " + end.describe());
        }
    }

    /** Compares the run's tables with the baseline's, row by row. */
    TableDiff.Result compareWithBaseline(JobRun run) throws Exception {
        JobRun expected = baseline();
        return TableDiff.compare(
                expected.jdbcUrl(),
                run.jdbcUrl(),
                DB_USER,
                COMPARED_TABLES,
                WALL_CLOCK_COLUMNS,
                topicPlaceholder(expected),
                topicPlaceholder(run));
    }

    /** Each run reads its own topic, which rejected_events records; compare it as a placeholder. */
    private static UnaryOperator<String> topicPlaceholder(JobRun run) {
        return value -> value.equals(run.topic()) ? "<input topic>" : value;
    }

    @Override
    public void close() {
        closeQuietly(cluster, kafka, postgres, commands);
    }

    private static void closeQuietly(AutoCloseable... resources) {
        for (AutoCloseable resource : resources) {
            if (resource != null) {
                try {
                    resource.close();
                } catch (Exception e) {
                    System.err.println("Closing " + resource + " failed: " + e);
                }
            }
        }
    }

    private void reportSetup() {
        ReliabilityReport.section(
                "0 setup",
                "## Setup\n\n"
                        + ReliabilityReport.table(
                                List.of("what", "value"),
                                List.of(
                                        List.of(
                                                "Flink cluster",
                                                "standalone session cluster, JobManager + 1"
                                                        + " TaskManager JVM ("
                                                        + PARALLELISM
                                                        + " slots), Flink "
                                                        + FlinkLibraries.flinkVersion()),
                                        List.of(
                                                "cluster start (JVMs up, slots registered)",
                                                ReliabilityReport.seconds(clusterStartup)),
                                        List.of(
                                                "heartbeat interval / timeout",
                                                HEARTBEAT_INTERVAL.toMillis()
                                                        + " ms / "
                                                        + HEARTBEAT_TIMEOUT.toMillis()
                                                        + " ms"),
                                        List.of(
                                                "restart strategy",
                                                "fixed delay, unlimited, "
                                                        + RESTART_DELAY.toMillis()
                                                        + " ms"),
                                        List.of(
                                                "job",
                                                "flink-job.jar, parallelism "
                                                        + PARALLELISM
                                                        + ", checkpoints every "
                                                        + CHECKPOINT_INTERVAL
                                                        + ", "
                                                        + PARTITIONS
                                                        + " input partitions"))));
    }

    private void reportBaseline(
            ReferenceInput reference, JobRun run, long produceNanos, long jobNanos)
            throws SQLException {
        Map<String, Long> rows = TableDiff.rowCounts(run.jdbcUrl(), DB_USER, COMPARED_TABLES);
        List<List<String>> tableRows = new ArrayList<>();
        rows.forEach((table, count) -> tableRows.add(List.of(table, Long.toString(count))));
        String badData =
                reference.stats().badRecords().entrySet().stream()
                        .map(e -> e.getKey() + " " + e.getValue())
                        .collect(Collectors.joining(", "));
        ReliabilityReport.section(
                "1 baseline",
                "## Input and fault-free baseline\n\n"
                        + String.format(
                                "Input: simulator seed %d, %d devices (%d per family), %.1f"
                                        + " readings/s each, %s of event time from %s, %.0f %% bad"
                                        + " data: %d records (bad: %s; %d anomalies injected).%n%n",
                                reference.options().seed(),
                                reference.devices(),
                                reference.options().devicesPerFamily(),
                                reference.options().eventsPerDevicePerSecond(),
                                reference.options().duration(),
                                java.time.Instant.ofEpochMilli(ReferenceInput.START),
                                reference.options().badRate() * 100,
                                reference.records().size(),
                                badData,
                                reference.stats().anomaliesTotal())
                        + String.format(
                                "Baseline: input produced at once in %s, bounded job (`--kafka.bounded"
                                        + " true`) from submission to FINISHED in %s.%n%n",
                                ReliabilityReport.seconds(produceNanos),
                                ReliabilityReport.seconds(jobNanos))
                        + ReliabilityReport.table(List.of("table", "rows"), tableRows));
    }
}
