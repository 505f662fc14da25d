package dev.telemetry.cluster;

import dev.telemetry.cluster.JvmCommands.ResourceParams;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;

/**
 * A real Flink session cluster on this machine: one JobManager and one or more TaskManagers, each
 * its own JVM started from the Flink jars in {@link FlinkLibraries}, with checkpoints in a local
 * directory. Jobs are submitted as jars through the REST API, as on any production cluster.
 *
 * <pre>{@code
 * try (StandaloneCluster cluster = StandaloneCluster.builder(dir).build().start()) {
 *     String jobId = cluster.submitJar(jar, "com.example.Job", List.of("--arg", "x"), 2);
 *     cluster.awaitAllTasksRunning(jobId, Duration.ofSeconds(60));
 *     cluster.awaitCheckpoints(jobId, stats -> stats.completed() >= 1, Duration.ofSeconds(30));
 *     long restoredBefore = cluster.checkpointStats(jobId).restored();
 *     cluster.killTaskManager();   // SIGKILL
 *     cluster.startTaskManager();  // a replacement
 *     cluster.awaitRecovery(jobId, restoredBefore, Duration.ofSeconds(60));
 * }
 * }</pre>
 *
 * <p>Layout of the base directory: {@code conf/} (config.yaml, log4j.properties), {@code log/} (one
 * {@code .log} and {@code .out} per process), {@code checkpoints/} (unless another checkpoint
 * directory is configured), {@code tmp/}, {@code web-upload/} and {@code cluster.pids}.
 *
 * <p>{@link #close()} stops every process the cluster started, also from a JVM shutdown hook. A
 * start in a base directory whose previous owner died without closing first kills that run's
 * leftover JobManager and TaskManagers. A base directory serves one cluster at a time.
 *
 * <p>Thread safety: all methods may be called from any thread; waits are bounded by the given
 * timeouts and end early if the JobManager dies or the cluster is closed.
 */
public final class StandaloneCluster implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(StandaloneCluster.class.getName());

    private static final Duration STOP_GRACE = Duration.ofSeconds(15);
    private static final Duration KILL_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration RESOURCE_PARAMS_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration CANCEL_TIMEOUT = Duration.ofSeconds(60);

    private final Path baseDir;
    private final Path confDir;
    private final Path logDir;
    private final FlinkLibraries libraries;
    private final int requestedRestPort;
    private final int slots;
    private final URI checkpointDir;
    private final Duration checkpointInterval;
    private final Duration heartbeatInterval;
    private final Duration heartbeatTimeout;
    private final int restartAttempts;
    private final Duration restartDelay;
    private final Duration startTimeout;
    private final Map<String, String> extraConfig;
    private final JvmCommands commands;

    /** Base directories of the clusters started and not yet closed in this JVM. */
    private static final Set<Path> BASE_DIRS_IN_USE = ConcurrentHashMap.newKeySet();

    private final AtomicBoolean startCalled = new AtomicBoolean();
    private final AtomicBoolean ownsBaseDir = new AtomicBoolean();
    private final Thread shutdownHook = new Thread(this::close, "flink-cluster-shutdown");

    // Guarded by "this": the processes, the pid file, the closed flag and the launch parameters.
    private final List<FlinkProcess> processes = new ArrayList<>();
    private boolean closed;
    private PidFile pidFile;
    private FlinkProcess jobManager;
    private ResourceParams taskManagerResources;
    private int taskManagersStarted;

    private volatile FlinkRestClient rest;
    private volatile Map<String, String> effectiveConfig = Map.of();
    private volatile Duration startupTime;

    private StandaloneCluster(Builder builder) {
        this.baseDir = builder.baseDir.toAbsolutePath().normalize();
        this.confDir = baseDir.resolve("conf");
        this.logDir = baseDir.resolve("log");
        this.libraries = builder.libraries != null ? builder.libraries : FlinkLibraries.locate();
        this.requestedRestPort = builder.restPort;
        this.slots = builder.slots;
        this.checkpointDir =
                builder.checkpointDir != null
                        ? builder.checkpointDir
                        : baseDir.resolve("checkpoints").toUri();
        this.checkpointInterval = builder.checkpointInterval;
        this.heartbeatInterval = builder.heartbeatInterval;
        this.heartbeatTimeout = builder.heartbeatTimeout;
        this.restartAttempts = builder.restartAttempts;
        this.restartDelay = builder.restartDelay;
        this.startTimeout = builder.startTimeout;
        this.extraConfig = Collections.unmodifiableMap(new LinkedHashMap<>(builder.extraConfig));
        this.commands =
                new JvmCommands(JvmCommands.currentJavaBinary(), libraries.classpath(), confDir);
    }

    /**
     * A builder for a cluster that keeps its configuration, logs and state under {@code baseDir}.
     */
    public static Builder builder(Path baseDir) {
        return new Builder(baseDir);
    }

    /**
     * Writes the configuration, starts the JobManager and one TaskManager and waits until the REST
     * API reports the TaskManager with all its slots. On failure everything started is stopped.
     *
     * @return this cluster
     * @throws ClusterException if a process dies during start, or (as {@link
     *     ClusterTimeoutException}) the cluster is not up within the start timeout
     */
    public StandaloneCluster start() {
        if (!startCalled.compareAndSet(false, true)) {
            throw new IllegalStateException("start() may be called once");
        }
        long begin = System.nanoTime();
        try {
            if (!BASE_DIRS_IN_USE.add(baseDir)) {
                throw new ClusterException(
                        "Another cluster of this JVM runs in " + baseDir + "; close it first");
            }
            ownsBaseDir.set(true);
            createDirectories();
            // First, so that the leftovers of a crashed run free their ports.
            synchronized (this) {
                ensureOpen();
                pidFile =
                        PidFile.claim(
                                baseDir.resolve("cluster.pids"),
                                confDir,
                                List.of(
                                        JvmCommands.JOB_MANAGER_MAIN,
                                        JvmCommands.TASK_MANAGER_MAIN));
                Runtime.getRuntime().addShutdownHook(shutdownHook);
            }
            int restPort = requestedRestPort != 0 ? requireFree(requestedRestPort) : freePort();
            int rpcPort = freePort();
            Map<String, String> config = buildConfig(restPort, rpcPort);
            ConfigFiles.write(confDir, config);
            commands.writeArgFile();
            effectiveConfig = Collections.unmodifiableMap(config);
            rest = new FlinkRestClient(URI.create("http://localhost:" + restPort));

            // Both memory computations are separate short JVMs; run them side by side.
            Process jmParams = startResourceParams("GET_JM_RESOURCE_PARAMS", "jobmanager");
            Process tmParams = startResourceParams("GET_TM_RESOURCE_PARAMS", "taskmanager");
            ResourceParams jmResources =
                    awaitResourceParams(jmParams, "GET_JM_RESOURCE_PARAMS", "jobmanager");
            ResourceParams tmResources =
                    awaitResourceParams(tmParams, "GET_TM_RESOURCE_PARAMS", "taskmanager");

            synchronized (this) {
                taskManagerResources = tmResources;
                jobManager = launch("jobmanager", JvmCommands.JOB_MANAGER_MAIN, jmResources);
                launchTaskManager();
            }
            Polling.await(
                    "1 TaskManager with " + slots + " slots at " + rest.baseUri() + "/overview",
                    startTimeout,
                    rest::overview,
                    o -> o.taskManagers() >= 1 && o.slotsTotal() >= slots,
                    Object::toString,
                    this::ensureProcessesAlive);
            requireOwnJobManager(rpcPort);
            startupTime = Duration.ofNanos(System.nanoTime() - begin);
            LOG.log(
                    Level.INFO,
                    "Flink {0} session cluster up in {1}: web UI {2}, logs in {3}",
                    FlinkLibraries.flinkVersion(),
                    Polling.format(startupTime),
                    rest.baseUri(),
                    logDir);
            return this;
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /** The REST API base URL, which also serves the web UI. Available once started. */
    public URI restUrl() {
        return restClient().baseUri();
    }

    /** A REST client for this cluster. Available once started. */
    public FlinkRestClient restClient() {
        FlinkRestClient client = rest;
        if (client == null) {
            throw new IllegalStateException("The cluster has not been started");
        }
        return client;
    }

    /**
     * Uploads {@code jar} and runs {@code entryClass} (null for the manifest's Main-Class) with
     * {@code args} at {@code parallelism}.
     *
     * @return the job id
     */
    public String submitJar(Path jar, String entryClass, List<String> args, int parallelism) {
        return submitJar(jar, JarRun.of(entryClass, args, parallelism));
    }

    /** Uploads {@code jar} and runs it as described, e.g. from a savepoint; returns the job id. */
    public String submitJar(Path jar, JarRun run) {
        String jobId;
        try {
            jobId = restClient().submitJar(jar, run);
        } catch (FlinkRestException e) {
            throw withJobOutput(e);
        }
        LOG.log(Level.INFO, "Submitted {0} as job {1}", jar.getFileName(), jobId);
        return jobId;
    }

    /** The job's state and every task's state, right now. */
    public JobStatus jobStatus(String jobId) {
        return restClient().jobStatus(jobId);
    }

    /** The job's checkpoint counters and latest completed and restored checkpoints, right now. */
    public CheckpointStats checkpointStats(String jobId) {
        return restClient().checkpointStats(jobId);
    }

    /**
     * Waits until the job is RUNNING and every one of its tasks is RUNNING. Right after a failure
     * the JobManager may not have noticed it yet, so to wait for recovery use {@link
     * #awaitRecovery}.
     *
     * @throws ClusterException at once if the job ends (FAILED, CANCELED, FINISHED), with its
     *     latest failure
     * @throws ClusterTimeoutException at the deadline, with the last task states seen
     */
    public JobStatus awaitAllTasksRunning(String jobId, Duration timeout) {
        FlinkRestClient client = restClient();
        return Polling.await(
                "all tasks of job " + jobId + " to be RUNNING",
                timeout,
                () -> client.jobStatus(jobId),
                status -> {
                    if (status.isGloballyTerminal()) {
                        throw new ClusterException(
                                "Job " + jobId + " is " + status.state() + latestFailure(jobId));
                    }
                    return status.allTasksRunning();
                },
                JobStatus::describe,
                this::ensureJobManagerAlive);
    }

    /**
     * Waits until the job's checkpoint statistics satisfy {@code condition}, e.g. {@code s ->
     * s.completed() >= 1}.
     */
    public CheckpointStats awaitCheckpoints(
            String jobId, Predicate<CheckpointStats> condition, Duration timeout) {
        FlinkRestClient client = restClient();
        return Polling.await(
                "checkpoints of job " + jobId + " to reach the expected state",
                timeout,
                () -> client.checkpointStats(jobId),
                condition,
                Object::toString,
                this::ensureJobManagerAlive);
    }

    /**
     * Waits until the job has restored from a checkpoint more often than {@code restoredBefore}
     * (read {@link CheckpointStats#restored()} before causing the failure) and all its tasks are
     * RUNNING again.
     *
     * @return the checkpoint statistics after recovery
     */
    public CheckpointStats awaitRecovery(String jobId, long restoredBefore, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        awaitCheckpoints(jobId, s -> s.restored() > restoredBefore, timeout);
        awaitAllTasksRunning(jobId, Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
        return checkpointStats(jobId);
    }

    /** Cancels the job and waits until it has ended; returns its final status. */
    public JobStatus cancel(String jobId) {
        FlinkRestClient client = restClient();
        client.cancel(jobId);
        return Polling.await(
                "job " + jobId + " to be canceled",
                CANCEL_TIMEOUT,
                () -> client.jobStatus(jobId),
                JobStatus::isGloballyTerminal,
                JobStatus::describe,
                this::ensureJobManagerAlive);
    }

    /**
     * Kills the longest-running live TaskManager with SIGKILL, as a machine failure would, and
     * waits until its JVM is gone. The JobManager notices through missed heartbeats.
     *
     * @return the killed process id
     * @throws IllegalStateException if no TaskManager started by this cluster is alive
     */
    public long killTaskManager() {
        FlinkProcess victim;
        synchronized (this) {
            victim =
                    processes.stream()
                            .filter(p -> p != jobManager && p.isAlive())
                            .findFirst()
                            .orElseThrow(
                                    () -> new IllegalStateException("No live TaskManager to kill"));
        }
        victim.kill(KILL_TIMEOUT);
        LOG.log(
                Level.INFO,
                "Killed {0} (pid {1}) with SIGKILL",
                victim.name(),
                Long.toString(victim.pid()));
        return victim.pid();
    }

    /**
     * Starts another TaskManager JVM, e.g. to replace a killed one. Returns once the process is
     * launched; it registers with the JobManager a few seconds later.
     *
     * @return the new process id
     */
    public synchronized long startTaskManager() {
        ensureOpen();
        if (jobManager == null) {
            throw new IllegalStateException("The cluster has not been started");
        }
        return launchTaskManager().pid();
    }

    /** How many TaskManagers the JobManager has registered; a killed one counts until timed out. */
    public int taskManagerCount() {
        return restClient().overview().taskManagers();
    }

    /** The JobManager's process id. */
    public synchronized long jobManagerPid() {
        if (jobManager == null) {
            throw new IllegalStateException("The cluster has not been started");
        }
        return jobManager.pid();
    }

    /** Process ids of the live TaskManagers this cluster started, oldest first. */
    public synchronized List<Long> taskManagerPids() {
        return processes.stream()
                .filter(p -> p != jobManager && p.isAlive())
                .map(FlinkProcess::pid)
                .toList();
    }

    public Path baseDir() {
        return baseDir;
    }

    /** Where each process writes {@code <name>.log} (Flink log) and {@code <name>.out}. */
    public Path logDir() {
        return logDir;
    }

    public URI checkpointDir() {
        return checkpointDir;
    }

    /** The configuration written to config.yaml. Available once started. */
    public Map<String, String> config() {
        return effectiveConfig;
    }

    /** How long {@link #start()} took until the TaskManager's slots were registered. */
    public Duration startupTime() {
        if (startupTime == null) {
            throw new IllegalStateException("The cluster has not started");
        }
        return startupTime;
    }

    /**
     * Stops every process this cluster started (SIGTERM, then SIGKILL after a grace period) and
     * waits until they are gone. Idempotent; also runs from a JVM shutdown hook.
     */
    @Override
    public void close() {
        List<FlinkProcess> toStop;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            toStop = processes.stream().filter(FlinkProcess::isAlive).toList();
        }
        if (Thread.currentThread() != shutdownHook) {
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException | IllegalArgumentException e) {
                // The JVM is shutting down already, or start() never registered the hook.
            }
        }
        toStop.forEach(FlinkProcess::requestStop);
        long deadline = System.nanoTime() + STOP_GRACE.toNanos();
        List<String> survivors = new ArrayList<>();
        for (FlinkProcess process : toStop) {
            Duration left = Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
            if (!process.awaitExit(left)) {
                LOG.log(
                        Level.WARNING,
                        "{0} (pid {1}) ignored SIGTERM for {2}; killing it",
                        process.name(),
                        Long.toString(process.pid()),
                        Polling.format(STOP_GRACE));
                try {
                    process.kill(KILL_TIMEOUT);
                } catch (ClusterException e) {
                    survivors.add(e.getMessage());
                }
            }
        }
        synchronized (this) {
            if (pidFile != null && survivors.isEmpty()) {
                pidFile.delete();
            }
        }
        if (ownsBaseDir.getAndSet(false)) {
            BASE_DIRS_IN_USE.remove(baseDir);
        }
        if (!toStop.isEmpty()) {
            LOG.log(Level.INFO, "Stopped Flink cluster in {0}", baseDir);
        }
        if (!survivors.isEmpty()) {
            throw new ClusterException(String.join("; ", survivors));
        }
    }

    // ---------------------------------------------------------------------------------------------

    private Map<String, String> buildConfig(int restPort, int rpcPort) {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("jobmanager.rpc.address", "localhost");
        config.put("jobmanager.rpc.port", Integer.toString(rpcPort));
        config.put("jobmanager.bind-host", "localhost");
        config.put("taskmanager.host", "localhost");
        config.put("taskmanager.bind-host", "localhost");
        config.put("rest.address", "localhost");
        config.put("rest.bind-address", "localhost");
        config.put("rest.port", Integer.toString(restPort));
        config.put("blob.server.port", "0");
        config.put("taskmanager.numberOfTaskSlots", Integer.toString(slots));
        config.put("jobmanager.memory.process.size", "768m");
        config.put("taskmanager.memory.process.size", "1g");
        // Without a fixed managed size the task heap of a 1g TaskManager is only ~26 MB.
        config.put("taskmanager.memory.managed.size", "64m");
        config.put("state.backend.type", "hashmap");
        config.put("execution.checkpointing.dir", checkpointDir.toString());
        config.put("execution.checkpointing.interval", millis(checkpointInterval));
        // Short heartbeats: a killed TaskManager is detected in seconds rather than 50 s.
        config.put("heartbeat.interval", millis(heartbeatInterval));
        config.put("heartbeat.timeout", millis(heartbeatTimeout));
        config.put("restart-strategy.type", "fixed-delay");
        config.put("restart-strategy.fixed-delay.attempts", Integer.toString(restartAttempts));
        config.put("restart-strategy.fixed-delay.delay", millis(restartDelay));
        // A job's main() runs inside the JobManager on REST submission: its System.exit must fail
        // the submission, not end the JobManager.
        config.put("cluster.intercept-user-system-exit", "THROW");
        config.put("web.upload.dir", baseDir.resolve("web-upload").toString());
        config.put("io.tmp.dirs", baseDir.resolve("tmp").toString());
        config.putAll(extraConfig);
        return config;
    }

    private static String millis(Duration duration) {
        return duration.toMillis() + " ms";
    }

    private void createDirectories() {
        try {
            for (Path dir :
                    List.of(
                            baseDir,
                            confDir,
                            logDir,
                            baseDir.resolve("tmp"),
                            baseDir.resolve("web-upload"))) {
                Files.createDirectories(dir);
            }
            if ("file".equals(checkpointDir.getScheme())) {
                Files.createDirectories(Path.of(checkpointDir));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "Cannot create the cluster directories in " + baseDir, e);
        }
    }

    private Process startResourceParams(String command, String role) {
        Path out = logDir.resolve(role + "-resources.out");
        try {
            return new ProcessBuilder(commands.resourceParams(command))
                    .directory(baseDir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(out.toFile())
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot run BashJavaUtils " + command, e);
        }
    }

    private ResourceParams awaitResourceParams(Process process, String command, String role) {
        Path out = logDir.resolve(role + "-resources.out");
        try {
            if (!process.waitFor(RESOURCE_PARAMS_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new ClusterTimeoutException(
                        "BashJavaUtils " + command + " did not finish; see " + out);
            }
            String output = Files.readString(out, StandardCharsets.UTF_8);
            if (process.exitValue() != 0) {
                String printed = output.strip().replaceAll("\\s*\\R\\s*", " | ");
                throw new ClusterException(
                        "BashJavaUtils "
                                + command
                                + " failed with exit code "
                                + process.exitValue()
                                + ": "
                                + (printed.length() > 300
                                        ? "…" + printed.substring(printed.length() - 300)
                                        : printed));
            }
            return ResourceParams.parse(output);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new ClusterException("Interrupted while computing Flink memory settings", e);
        }
    }

    /** Caller holds the lock. */
    private FlinkProcess launchTaskManager() {
        taskManagersStarted++;
        return launch(
                "taskmanager-" + taskManagersStarted,
                JvmCommands.TASK_MANAGER_MAIN,
                taskManagerResources);
    }

    /** Caller holds the lock, so close() cannot miss a process started concurrently. */
    private FlinkProcess launch(String name, String mainClass, ResourceParams resources) {
        ensureOpen();
        List<String> command =
                commands.entryPoint(mainClass, resources, FlinkProcess.logFile(logDir, name));
        FlinkProcess process =
                FlinkProcess.start(
                        name,
                        command,
                        baseDir,
                        logDir,
                        Map.of(
                                "FLINK_CONF_DIR",
                                confDir.toString(),
                                "FLINK_LOG_DIR",
                                logDir.toString()));
        processes.add(process);
        pidFile.add(name, process.handle());
        LOG.log(
                Level.INFO,
                "Started {0} (pid {1}), log {2}",
                name,
                Long.toString(process.pid()),
                process.logFile());
        return process;
    }

    private synchronized void ensureOpen() {
        if (closed) {
            throw new ClusterException("The cluster in " + baseDir + " has been closed");
        }
    }

    /** Start-up guard: the JobManager and every TaskManager started so far must be alive. */
    private synchronized void ensureProcessesAlive() {
        ensureOpen();
        for (FlinkProcess process : processes) {
            if (!process.isAlive()) {
                throw new ClusterException(
                        "Flink process exited during start: " + process.exitDescription());
            }
        }
    }

    private synchronized void ensureJobManagerAlive() {
        ensureOpen();
        if (jobManager != null && !jobManager.isAlive()) {
            throw new ClusterException("The JobManager died: " + jobManager.exitDescription());
        }
    }

    /**
     * The job's main() runs inside the JobManager, and its System.exit is intercepted; what it
     * printed before, usually the actual reason, is only in the JobManager's stdout.
     */
    private FlinkRestException withJobOutput(FlinkRestException e) {
        FlinkProcess jm;
        synchronized (this) {
            jm = jobManager;
        }
        if (jm == null || !String.valueOf(e.getMessage()).contains("UserSystemExitException")) {
            return e;
        }
        return new FlinkRestException(
                e.statusCode(),
                "The job's main() called System.exit; it printed: "
                        + jm.outputTail(3)
                        + " ("
                        + e.getMessage()
                        + ")");
    }

    private String latestFailure(String jobId) {
        try {
            return rest.latestFailure(jobId).map(f -> ": " + f).orElse("");
        } catch (FlinkRestException e) {
            return "";
        }
    }

    /**
     * Guards against a leftover cluster that still serves the REST port: its /overview would look
     * like ours.
     */
    private void requireOwnJobManager(int rpcPort) {
        String answered = rest.jobManagerConfig().get("jobmanager.rpc.port");
        if (!Integer.toString(rpcPort).equals(answered)) {
            throw new ClusterException(
                    "Another Flink cluster answers at "
                            + rest.baseUri()
                            + " (RPC port "
                            + answered
                            + ")");
        }
    }

    private static int requireFree(int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            return port;
        } catch (IOException e) {
            throw new ClusterException(
                    "REST port " + port + " is in use, perhaps by another Flink cluster");
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot find a free port", e);
        }
    }

    /** Settings of a {@link StandaloneCluster}; every one has a default suited to local testing. */
    public static final class Builder {
        private final Path baseDir;
        private FlinkLibraries libraries;
        private int restPort;
        private int slots = 2;
        private URI checkpointDir;
        private Duration checkpointInterval = Duration.ofSeconds(10);
        private Duration heartbeatInterval = Duration.ofSeconds(2);
        private Duration heartbeatTimeout = Duration.ofSeconds(10);
        private int restartAttempts = Integer.MAX_VALUE;
        private Duration restartDelay = Duration.ofSeconds(1);
        private Duration startTimeout = Duration.ofSeconds(120);
        private final Map<String, String> extraConfig = new LinkedHashMap<>();

        private Builder(Path baseDir) {
            this.baseDir = Objects.requireNonNull(baseDir, "baseDir");
        }

        /** The Flink jars to run; default {@link FlinkLibraries#locate()}. */
        public Builder libraries(FlinkLibraries libraries) {
            this.libraries = Objects.requireNonNull(libraries);
            return this;
        }

        /** The REST and web UI port; default 0, a free port. */
        public Builder restPort(int restPort) {
            if (restPort < 0 || restPort > 65535) {
                throw new IllegalArgumentException("Invalid REST port: " + restPort);
            }
            this.restPort = restPort;
            return this;
        }

        /** Task slots per TaskManager; default 2. */
        public Builder slots(int slots) {
            if (slots < 1) {
                throw new IllegalArgumentException("slots must be at least 1: " + slots);
            }
            this.slots = slots;
            return this;
        }

        /**
         * Where checkpoints go, e.g. {@code file:///var/flink/checkpoints}; default {@code
         * <base>/checkpoints}.
         */
        public Builder checkpointDir(URI checkpointDir) {
            if (checkpointDir.getScheme() == null) {
                throw new IllegalArgumentException(
                        "Checkpoint directory needs a scheme such as file://: " + checkpointDir);
            }
            this.checkpointDir = checkpointDir;
            return this;
        }

        /** Checkpoint interval for jobs that do not set their own; default 10 s. */
        public Builder checkpointInterval(Duration interval) {
            this.checkpointInterval = positive(interval, "checkpoint interval");
            return this;
        }

        /** Heartbeat interval; default 2 s (Flink's is 10 s). */
        public Builder heartbeatInterval(Duration interval) {
            this.heartbeatInterval = positive(interval, "heartbeat interval");
            return this;
        }

        /** Heartbeat timeout, which bounds failure detection; default 10 s (Flink's is 50 s). */
        public Builder heartbeatTimeout(Duration timeout) {
            this.heartbeatTimeout = positive(timeout, "heartbeat timeout");
            return this;
        }

        /** Fixed-delay restart strategy; default unlimited attempts, 1 s apart. */
        public Builder restartStrategy(int attempts, Duration delay) {
            if (attempts < 0) {
                throw new IllegalArgumentException("restart attempts must be >= 0: " + attempts);
            }
            this.restartAttempts = attempts;
            this.restartDelay = Objects.requireNonNull(delay);
            return this;
        }

        /**
         * How long {@link StandaloneCluster#start()} may take; default 120 s (a loaded machine is
         * slow).
         */
        public Builder startTimeout(Duration timeout) {
            this.startTimeout = positive(timeout, "start timeout");
            return this;
        }

        /** Any Flink option, written to config.yaml after (and so overriding) the defaults. */
        public Builder config(String key, String value) {
            extraConfig.put(Objects.requireNonNull(key), Objects.requireNonNull(value));
            return this;
        }

        /** Several Flink options; see {@link #config(String, String)}. */
        public Builder config(Map<String, String> options) {
            options.forEach(this::config);
            return this;
        }

        public StandaloneCluster build() {
            if (heartbeatTimeout.compareTo(heartbeatInterval) <= 0) {
                throw new IllegalArgumentException(
                        "heartbeat timeout ("
                                + heartbeatTimeout
                                + ") must be longer than the interval ("
                                + heartbeatInterval
                                + ")");
            }
            return new StandaloneCluster(this);
        }

        private static Duration positive(Duration duration, String what) {
            if (duration.isZero() || duration.isNegative()) {
                throw new IllegalArgumentException(what + " must be positive: " + duration);
            }
            return duration;
        }
    }
}
