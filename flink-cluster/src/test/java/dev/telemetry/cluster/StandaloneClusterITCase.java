package dev.telemetry.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.telemetry.cluster.testjob.CountingJob;
import dev.telemetry.cluster.testjob.ExitingJob;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Starts a real standalone cluster (JobManager and TaskManager JVMs), runs a checkpointing job from
 * a jar, kills the TaskManager with SIGKILL and checks that a replacement TaskManager picks the job
 * up from its latest checkpoint.
 */
class StandaloneClusterITCase {

    // Generous: on a loaded 2-core machine a JVM start alone can take many seconds.
    private static final Duration TIMEOUT = Duration.ofSeconds(120);

    @TempDir Path dir;

    @Test
    void shouldRestoreCheckpointOnReplacementTaskManagerAfterSigkill() throws Exception {
        Path jar = TestJobJar.build(CountingJob.class, dir.resolve("counting-job.jar"));
        Path baseDir = dir.resolve("cluster");
        List<Long> pids = new ArrayList<>();

        try (StandaloneCluster cluster =
                StandaloneCluster.builder(baseDir)
                        .checkpointInterval(Duration.ofMillis(500))
                        .startTimeout(TIMEOUT)
                        .build()) {
            cluster.start();
            pids.add(cluster.jobManagerPid());
            pids.addAll(cluster.taskManagerPids());
            ClusterOverview overview = cluster.restClient().overview();
            assertThat(overview.taskManagers()).isEqualTo(1);
            assertThat(overview.slotsTotal()).isEqualTo(2);
            assertThat(overview.flinkVersion()).isEqualTo(FlinkLibraries.flinkVersion());

            assertThatThrownBy(
                            () -> cluster.submitJar(jar, ExitingJob.class.getName(), List.of(), 1))
                    .isInstanceOf(FlinkRestException.class)
                    .hasMessageContaining("ExitingJob: bad arguments");
            assertThat(ProcessHandle.of(cluster.jobManagerPid()).filter(ProcessHandle::isAlive))
                    .as("a System.exit in a job's main() leaves the JobManager running")
                    .isPresent();

            long submitted = System.nanoTime();
            String jobId = cluster.submitJar(jar, CountingJob.class.getName(), List.of("50"), 2);
            JobStatus running = cluster.awaitAllTasksRunning(jobId, TIMEOUT);
            Duration submitToRunning = since(submitted);
            assertThat(running.vertices()).hasSize(2).allMatch(v -> v.parallelism() == 2);

            CheckpointStats beforeKill =
                    cluster.awaitCheckpoints(jobId, s -> s.completed() >= 2, TIMEOUT);
            assertThat(beforeKill.restored()).isZero();

            long killedAt = System.nanoTime();
            long killed = cluster.killTaskManager();
            assertThat(ProcessHandle.of(killed).filter(ProcessHandle::isAlive)).isEmpty();
            pids.add(cluster.startTaskManager());

            CheckpointStats recovered =
                    cluster.awaitRecovery(jobId, beforeKill.restored(), TIMEOUT);
            Duration recovery = since(killedAt);

            assertThat(recovered.restored()).isGreaterThanOrEqualTo(1);
            assertThat(recovered.latestRestoredId()).isPresent();
            assertThat(recovered.latestRestoredId().getAsLong())
                    .isGreaterThanOrEqualTo(beforeKill.latestCompletedId().orElseThrow());
            assertThat(cluster.jobStatus(jobId).allTasksRunning()).isTrue();
            assertThat(cluster.taskManagerPids()).hasSize(1).doesNotContain(killed);

            System.out.printf(
                    Locale.ROOT,
                    "Cluster up in %s; submit to all tasks RUNNING %s; SIGKILL of the TaskManager"
                            + " to all tasks RUNNING on the replacement %s (restored checkpoint"
                            + " %d)%n",
                    Polling.format(cluster.startupTime()),
                    Polling.format(submitToRunning),
                    Polling.format(recovery),
                    recovered.latestRestoredId().getAsLong());

            assertThat(cluster.cancel(jobId).state()).isEqualTo("CANCELED");
        }

        assertThat(pids)
                .allSatisfy(
                        pid ->
                                assertThat(ProcessHandle.of(pid).filter(ProcessHandle::isAlive))
                                        .isEmpty());
        String confDir = baseDir.resolve("conf").toString();
        assertThat(
                        ProcessHandle.allProcesses()
                                .filter(p -> p.info().commandLine().orElse("").contains(confDir)))
                .isEmpty();
        assertThat(baseDir.resolve("cluster.pids")).doesNotExist();
        assertThat(baseDir.resolve("log/jobmanager.log")).isNotEmptyFile();
        assertThat(baseDir.resolve("log/taskmanager-2.log")).isNotEmptyFile();
    }

    private static Duration since(long nanoTime) {
        return Duration.ofNanos(System.nanoTime() - nanoTime);
    }
}
