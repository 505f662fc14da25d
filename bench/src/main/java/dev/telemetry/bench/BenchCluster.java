package dev.telemetry.bench;

import dev.telemetry.job.TelemetryAnomalyJob;
import dev.telemetry.job.config.JobConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.core.execution.CheckpointType;
import org.apache.flink.runtime.checkpoint.AbstractCheckpointStats;
import org.apache.flink.runtime.checkpoint.CompletedCheckpointStats;
import org.apache.flink.runtime.checkpoint.TaskStateStats;
import org.apache.flink.runtime.dispatcher.UnavailableDispatcherOperationException;
import org.apache.flink.runtime.execution.ExecutionState;
import org.apache.flink.runtime.executiongraph.AccessExecutionGraph;
import org.apache.flink.runtime.executiongraph.AccessExecutionJobVertex;
import org.apache.flink.runtime.executiongraph.AccessExecutionVertex;
import org.apache.flink.runtime.jobgraph.JobGraph;
import org.apache.flink.runtime.jobmaster.JobResult;
import org.apache.flink.runtime.messages.FlinkJobTerminatedWithoutCancellationException;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.minicluster.MiniClusterConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.ExceptionUtils;

/**
 * A Flink MiniCluster in this JVM running the production topology ({@link
 * TelemetryAnomalyJob#buildProductionJob}) with the hashmap state backend and file checkpoints, as
 * a TaskManager would; one per measurement so that runs do not share warm state.
 */
final class BenchCluster implements AutoCloseable {

    private static final Duration TIMEOUT = Duration.ofMinutes(5);

    /**
     * Experiment switch ({@code --no-object-reuse}): every job of the run with Flink's object reuse
     * off, as the job ran before it turned it on, for before/after comparisons.
     */
    static volatile boolean disableObjectReuse;

    private final MiniCluster cluster;
    private final Path checkpointDir;

    private BenchCluster(MiniCluster cluster, Path checkpointDir) {
        this.cluster = cluster;
        this.checkpointDir = checkpointDir;
    }

    static BenchCluster start(int slots, Path workDir) throws Exception {
        Path checkpoints = workDir.resolve("checkpoints");
        Configuration conf = new Configuration();
        conf.set(TaskManagerOptions.NUM_TASK_SLOTS, slots);
        conf.set(CoreOptions.TMP_DIRS, workDir.resolve("flink-tmp").toString());
        conf.set(CoreOptions.CHECK_LEAKED_CLASSLOADER, false);
        conf.set(RestOptions.BIND_PORT, "0");
        conf.set(StateBackendOptions.STATE_BACKEND, "hashmap");
        conf.set(CheckpointingOptions.CHECKPOINT_STORAGE, "filesystem");
        conf.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, checkpoints.toUri().toString());
        MiniCluster cluster =
                new MiniCluster(
                        new MiniClusterConfiguration.Builder()
                                .setConfiguration(conf)
                                .setNumTaskManagers(1)
                                .setNumSlotsPerTaskManager(slots)
                                .build());
        cluster.start();
        return new BenchCluster(cluster, checkpoints);
    }

    /**
     * Builds the production job for {@code config}, lets {@code tune} adjust the environment (e.g.
     * the watermark interval), submits it and returns its id.
     */
    JobID submit(JobConfig config, Consumer<StreamExecutionEnvironment> tune) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        TelemetryAnomalyJob.buildProductionJob(env, config);
        if (disableObjectReuse) {
            env.getConfig().disableObjectReuse();
        }
        tune.accept(env);
        JobGraph graph = env.getStreamGraph().getJobGraph();
        return await(cluster.submitJob(graph)).getJobID();
    }

    /**
     * Waits until no task is still being scheduled or deployed; finished tasks count as started.
     */
    void awaitStarted(JobID job) throws Exception {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            AccessExecutionGraph graph = executionGraph(job);
            if (graph == null) {
                Thread.sleep(20); // the JobMaster is still initializing
                continue;
            }
            if (graph.getState().isGloballyTerminalState()) {
                throw new IllegalStateException(
                        "job ended while starting: " + graph.getState() + failure(graph));
            }
            // An initializing job reports a placeholder graph without vertices.
            boolean started = graph.getState() == JobStatus.RUNNING;
            for (AccessExecutionVertex v : graph.getAllExecutionVertices()) {
                ExecutionState s = v.getExecutionState();
                started &= s == ExecutionState.RUNNING || s == ExecutionState.FINISHED;
            }
            if (started) {
                return;
            }
            Thread.sleep(20);
        }
        throw new IllegalStateException("job " + job + " did not start within " + TIMEOUT);
    }

    /** The job's execution graph, or null while its JobMaster is still initializing. */
    private AccessExecutionGraph executionGraph(JobID job) throws Exception {
        try {
            return await(cluster.getExecutionGraph(job));
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UnavailableDispatcherOperationException) {
                return null;
            }
            throw e;
        }
    }

    /** Waits for a bounded job to finish; throws if it failed. */
    void awaitFinished(JobID job, Duration timeout) throws Exception {
        if (!awaitFinishedWithin(job, timeout)) {
            throw new IllegalStateException("job " + job + " did not finish within " + timeout);
        }
    }

    /** Waits up to {@code timeout} for a bounded job to finish; false if it is still running. */
    boolean awaitFinishedWithin(JobID job, Duration timeout) throws Exception {
        JobResult result;
        try {
            result = cluster.requestJobResult(job).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            return false;
        }
        if (!result.isSuccess()) {
            throw new IllegalStateException(
                    "job failed",
                    result.getSerializedThrowable()
                            .map(t -> t.deserializeError(getClass().getClassLoader()))
                            .orElse(null));
        }
        return true;
    }

    /**
     * The completion time (epoch ms) of the job's latest completed checkpoint, or -1 if none has
     * completed yet.
     */
    long latestCheckpointCompletion(JobID job) throws Exception {
        CompletedCheckpointStats latest =
                executionGraph(job)
                        .getCheckpointStatsSnapshot()
                        .getHistory()
                        .getLatestCompletedCheckpoint();
        return latest == null ? -1 : latest.getLatestAckTimestamp();
    }

    /** Completed checkpoints so far and the latest one's size and duration, for the record. */
    Map<String, Object> checkpointSummary(JobID job) throws Exception {
        AccessExecutionGraph graph = executionGraph(job);
        Map<String, Object> summary = new LinkedHashMap<>();
        if (graph == null || graph.getCheckpointStatsSnapshot() == null) {
            return summary;
        }
        var snapshot = graph.getCheckpointStatsSnapshot();
        summary.put("completed", snapshot.getCounts().getNumberOfCompletedCheckpoints());
        CompletedCheckpointStats latest = snapshot.getHistory().getLatestCompletedCheckpoint();
        if (latest != null) {
            summary.put("latest_state_bytes", latest.getStateSize());
            summary.put("latest_duration_ms", latest.getEndToEndDuration());
        }
        return summary;
    }

    void cancel(JobID job) throws Exception {
        try {
            await(cluster.cancelJob(job));
        } catch (ExecutionException e) {
            // A bounded job may reach its end between the decision to cancel and the cancel call.
            if (ExceptionUtils.findThrowable(
                            e, FlinkJobTerminatedWithoutCancellationException.class)
                    .isEmpty()) {
                throw e;
            }
        }
        cluster.requestJobResult(job).get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Triggers a checkpoint, waits until it completed and returns its statistics. */
    CheckpointResult checkpoint(JobID job) throws Exception {
        long id = await(cluster.triggerCheckpoint(job, CheckpointType.FULL));
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            AccessExecutionGraph graph = executionGraph(job);
            for (AbstractCheckpointStats stats :
                    graph.getCheckpointStatsSnapshot().getHistory().getCheckpoints()) {
                if (stats.getCheckpointId() == id
                        && stats instanceof CompletedCheckpointStats done) {
                    return new CheckpointResult(
                            id,
                            done.getEndToEndDuration(),
                            done.getStateSize(),
                            done.getCheckpointedSize(),
                            FileSizes.directorySize(checkpointDir, "chk-" + id),
                            largestVertices(graph, done));
                }
            }
            Thread.sleep(20);
        }
        throw new IllegalStateException("checkpoint " + id + " statistics did not appear");
    }

    /** State size per job vertex (operator chain), largest first. */
    private static List<Map.Entry<String, Long>> largestVertices(
            AccessExecutionGraph graph, CompletedCheckpointStats stats) {
        List<Map.Entry<String, Long>> sizes = new ArrayList<>();
        for (AccessExecutionJobVertex vertex : graph.getVerticesTopologically()) {
            TaskStateStats task = stats.getTaskStateStats(vertex.getJobVertexId());
            if (task != null && task.getStateSize() > 0) {
                sizes.add(Map.entry(vertex.getName(), task.getStateSize()));
            }
        }
        sizes.sort(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder()));
        return sizes;
    }

    private static String failure(AccessExecutionGraph graph) {
        return graph.getFailureInfo() == null
                ? ""
                : ": " + graph.getFailureInfo().getExceptionAsString();
    }

    private static <T> T await(CompletableFuture<T> future) throws Exception {
        return future.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() throws Exception {
        cluster.close();
    }

    /**
     * Statistics of one completed checkpoint.
     *
     * @param durationMs trigger to completion
     * @param stateSize full state size as reported by Flink
     * @param checkpointedSize bytes persisted by this checkpoint
     * @param directoryBytes size of the checkpoint's {@code chk-N} directory on disk
     * @param vertices state size per operator chain, largest first
     */
    record CheckpointResult(
            long id,
            long durationMs,
            long stateSize,
            long checkpointedSize,
            long directoryBytes,
            List<Map.Entry<String, Long>> vertices) {}
}
