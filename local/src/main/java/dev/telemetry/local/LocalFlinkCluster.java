package dev.telemetry.local;

import dev.telemetry.job.TelemetryAnomalyJob;
import dev.telemetry.job.config.JobConfig;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.configuration.WebOptions;
import org.apache.flink.runtime.jobgraph.JobGraph;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.minicluster.MiniClusterConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.graph.StreamGraph;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Flink MiniCluster with the web UI on localhost, running the production job.
 *
 * <p>Graph and cluster are prepared while the broker and database start; the job is submitted once
 * they run.
 *
 * <p>The cluster is created here rather than by {@code
 * StreamExecutionEnvironment.createLocalEnvironmentWithWebUI}, which shuts its cluster down in the
 * background once the job ends: owning it lets {@link #close()} cancel the job and then wait until
 * the cluster has really stopped.
 */
final class LocalFlinkCluster implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LocalFlinkCluster.class);

    private static final Duration SUBMIT_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration CANCEL_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(60);

    private final MiniCluster cluster;
    private final URI webUi;
    private volatile JobID jobId;
    private boolean closed;

    private LocalFlinkCluster(MiniCluster cluster, URI webUi) {
        this.cluster = cluster;
        this.webUi = webUi;
    }

    /**
     * Starts the cluster, without a job yet.
     *
     * @param uiPorts the REST and web UI port on localhost, and ports to fall back to if it is
     *     taken by the time the cluster binds it
     * @param slots task slots, at least the job's parallelism
     * @param tmpDir Flink's temporary files
     */
    static LocalFlinkCluster start(List<Integer> uiPorts, int slots, Path tmpDir) {
        Configuration conf = new Configuration();
        conf.set(RestOptions.ADDRESS, "localhost");
        conf.set(RestOptions.BIND_ADDRESS, "localhost");
        conf.set(RestOptions.PORT, uiPorts.get(0));
        conf.set(
                RestOptions.BIND_PORT,
                uiPorts.stream().map(String::valueOf).collect(Collectors.joining(",")));
        conf.set(CoreOptions.TMP_DIRS, tmpDir.toString());
        conf.set(WebOptions.TMP_DIR, tmpDir.resolve("web").toString());
        // There is no jar to upload: the job is in this JVM.
        conf.set(WebOptions.SUBMIT_ENABLE, false);
        // Kafka client threads may outlive a cancelled task; that is no leak worth failing for.
        conf.set(CoreOptions.CHECK_LEAKED_CLASSLOADER, false);
        conf.set(TaskManagerOptions.NUM_TASK_SLOTS, slots);

        MiniCluster cluster =
                new MiniCluster(
                        new MiniClusterConfiguration.Builder()
                                .setConfiguration(conf)
                                .setNumTaskManagers(1)
                                .setNumSlotsPerTaskManager(slots)
                                .build());
        try {
            cluster.start();
            URI webUi = await(cluster.getRestAddress(), SUBMIT_TIMEOUT);
            LOG.info("Flink MiniCluster started; web UI at {}", webUi);
            return new LocalFlinkCluster(cluster, webUi);
        } catch (Exception e) {
            closeQuietly(cluster);
            throw new LocalModeException(
                    "the Flink cluster did not start: " + Preflight.firstLine(rootMessage(e)), e);
        }
    }

    /**
     * The job graph of {@link TelemetryAnomalyJob#buildProductionJob}; building it connects to
     * nothing, so it can be done while the servers start.
     */
    static JobGraph jobGraph(JobConfig config) {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        TelemetryAnomalyJob.buildProductionJob(env, config);
        StreamGraph graph = env.getStreamGraph();
        graph.setJobName(TelemetryAnomalyJob.JOB_NAME);
        return graph.getJobGraph();
    }

    /** Submits the job and returns once the cluster accepted it. */
    synchronized void submit(JobGraph job) {
        try {
            jobId = await(cluster.submitJob(job), SUBMIT_TIMEOUT).getJobID();
            LOG.info("Job {} submitted", jobId);
        } catch (Exception e) {
            throw new LocalModeException(
                    "the Flink job did not start: " + Preflight.firstLine(rootMessage(e)), e);
        }
    }

    /** The web UI (and REST API) address. */
    URI webUi() {
        return webUi;
    }

    /** The job's status, or empty before submission or if the cluster does not answer quickly. */
    Optional<JobStatus> status() {
        JobID jobId = this.jobId;
        if (jobId == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(cluster.getJobStatus(jobId).get(2, TimeUnit.SECONDS));
        } catch (Exception e) {
            return Optional.empty();
        }
    }

    /** Cancels the job, waits for it to end, then stops the cluster and waits for that too. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (jobId == null) {
            closeQuietly(cluster);
            return;
        }
        try {
            JobStatus status = status().orElse(JobStatus.RUNNING);
            if (!status.isGloballyTerminalState()) {
                await(cluster.cancelJob(jobId), CANCEL_TIMEOUT);
            }
            await(cluster.requestJobResult(jobId), CANCEL_TIMEOUT);
            LOG.info("Job {} ended", jobId);
        } catch (Exception e) {
            LOG.warn("Cancelling job {} failed; stopping the cluster anyway", jobId, e);
        }
        closeQuietly(cluster);
    }

    private static void closeQuietly(MiniCluster cluster) {
        try {
            await(cluster.closeAsync(), CLOSE_TIMEOUT);
            LOG.info("Flink MiniCluster stopped");
        } catch (Exception e) {
            LOG.warn("Stopping the Flink MiniCluster failed", e);
        }
    }

    private static <T> T await(Future<T> future, Duration timeout)
            throws InterruptedException, ExecutionException, TimeoutException {
        return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() != null ? root.getMessage() : root.toString();
    }
}
