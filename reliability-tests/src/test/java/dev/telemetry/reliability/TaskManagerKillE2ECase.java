package dev.telemetry.reliability;

import static dev.telemetry.reliability.ReliabilityEnvironment.COMPARED_TABLES;
import static dev.telemetry.reliability.ReliabilityEnvironment.DB_USER;
import static dev.telemetry.reliability.ReliabilityEnvironment.TIMEOUT;
import static dev.telemetry.reliability.ReliabilityReport.seconds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.telemetry.cluster.CheckpointStats;
import dev.telemetry.cluster.JobStatus;
import dev.telemetry.cluster.StandaloneCluster;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Kills the TaskManager with SIGKILL three times at seeded random moments while the input streams
 * in, starts a replacement at once each time, then once more with a standby TaskManager for
 * comparison, and checks that the tables end up identical to the fault-free run's. Records each
 * recovery: kill → failure detected → replacement registered → all tasks RUNNING again → next row
 * written to PostgreSQL.
 */
@ExtendWith(ReliabilityEnvironment.Resolver.class)
class TaskManagerKillE2ECase {

    private static final long SEED = 0x6b696c6cL;
    private static final int KILLS = 3;

    /**
     * At most this long for the input, so that all kills hit a running stream even when recoveries
     * are slow; once the last recovery is measured the rest of the input is sent at once.
     */
    private static final Duration PACE = Duration.ofSeconds(240);

    /** The goal for kill → next row; reported, not asserted (shared CI machines vary). */
    static final Duration TARGET = Duration.ofSeconds(10);

    /** Asserted upper bound for kill → next row, override with -Dreliability.max-recovery. */
    static final Duration MAX_RECOVERY =
            Duration.ofSeconds(Long.getLong("reliability.max-recovery", 60));

    /** One kill and what followed, in nanoseconds after the kill. */
    record Recovery(
            int number,
            boolean standby,
            Duration at,
            long detected,
            long registered,
            long running,
            Optional<Long> written,
            long restoredCheckpoint,
            boolean inputStillFlowing) {}

    @Test
    void shouldWriteTheFaultFreeTablesAfterRepeatedTaskManagerKills(ReliabilityEnvironment env)
            throws Exception {
        long started = System.nanoTime();
        env.baseline();
        StandaloneCluster cluster = env.cluster();
        Random random = new Random(SEED);
        List<Recovery> recoveries = new ArrayList<>();
        TableDiff.Result diff;
        try (PacedRun paced = PacedRun.start(env, "tm_kills", env.postgres(), PACE)) {
            String jobId = paced.jobId();
            WriteProbe probe = new WriteProbe(paced.run().jdbcUrl(), DB_USER, COMPARED_TABLES);
            for (int i = 1; i <= KILLS; i++) {
                // Let the job make progress (a new checkpoint) before the next kill.
                long completed = cluster.checkpointStats(jobId).completed();
                cluster.awaitCheckpoints(jobId, s -> s.completed() > completed, TIMEOUT);
                Thread.sleep(1_000 + random.nextInt(5_000));
                recoveries.add(killAndRecover(env, paced, probe, i, false));
            }
            // For comparison: a standby TaskManager, registered before the kill, takes over.
            Set<String> running = env.control().taskManagerIds();
            cluster.startTaskManager();
            long completed = cluster.checkpointStats(jobId).completed();
            cluster.awaitCheckpoints(jobId, s -> s.completed() > completed, TIMEOUT);
            await("the standby TaskManager registers (running before: " + running + ")")
                    .atMost(TIMEOUT)
                    .pollInterval(Duration.ofMillis(100))
                    .pollDelay(Duration.ZERO)
                    .until(env.control()::taskManagerIds, ids -> !running.containsAll(ids));
            recoveries.add(killAndRecover(env, paced, probe, KILLS + 1, true));
            paced.producer().hurry();
            diff = paced.finish();
        }
        report(recoveries, diff, System.nanoTime() - started);

        assertThat(diff.identical())
                .as(
                        "tables after %d TaskManager kills vs. fault-free run:%n%s",
                        KILLS, diff.describe())
                .isTrue();
        assertThat(diff.expectedRows()).isPositive();
        assertThat(recoveries)
                .hasSize(KILLS + 1)
                .allSatisfy(
                        r ->
                                assertThat(r.inputStillFlowing())
                                        .as("kill %d hit a running stream", r.number())
                                        .isTrue())
                .allSatisfy(
                        r ->
                                assertThat(r.written())
                                        .as("kill %d: a row written after recovery", r.number())
                                        .hasValueSatisfying(
                                                nanos ->
                                                        assertThat(Duration.ofNanos(nanos))
                                                                .isLessThanOrEqualTo(
                                                                        MAX_RECOVERY)));
    }

    /**
     * Kills the TaskManager running the job and measures the recovery. Without {@code standby} a
     * replacement JVM is started right after the kill; with it, the caller has registered a second
     * TaskManager, which takes over.
     */
    private static Recovery killAndRecover(
            ReliabilityEnvironment env,
            PacedRun paced,
            WriteProbe probe,
            int number,
            boolean standby)
            throws Exception {
        StandaloneCluster cluster = env.cluster();
        String jobId = paced.jobId();
        long restoredBefore = cluster.checkpointStats(jobId).restored();
        Set<String> before = env.control().taskManagerIds();
        Duration at = paced.sinceProducing();
        boolean flowing = !paced.producer().isDone();
        long killed = System.nanoTime();
        // The oldest live TaskManager: the one running the job, not the standby.
        cluster.killTaskManager();
        if (!standby) {
            cluster.startTaskManager();
        }
        long mark = probe.mark();
        // Each time is taken right after the poll that saw the change: the poll interval bounds
        // its error.
        AtomicLong seen = new AtomicLong();
        await("kill " + number + ": the job notices the lost TaskManager")
                .atMost(TIMEOUT)
                .pollInterval(Duration.ofMillis(50))
                .pollDelay(Duration.ZERO)
                .untilAsserted(
                        () -> {
                            JobStatus status = cluster.jobStatus(jobId);
                            seen.set(System.nanoTime());
                            assertThat(status.allTasksRunning())
                                    .as("all tasks still RUNNING: %s", status.describe())
                                    .isFalse();
                        });
        long detected = seen.get() - killed;
        long registered = 0;
        if (!standby) {
            await("kill " + number + ": a replacement TaskManager registers")
                    .atMost(TIMEOUT)
                    .pollInterval(Duration.ofMillis(100))
                    .pollDelay(Duration.ZERO)
                    .untilAsserted(
                            () -> {
                                Set<String> ids = env.control().taskManagerIds();
                                seen.set(System.nanoTime());
                                assertThat(ids)
                                        .as(
                                                "registered TaskManagers %s, before the kill %s",
                                                ids, before)
                                        .anyMatch(id -> !before.contains(id));
                            });
            registered = seen.get() - killed;
        }
        CheckpointStats recovered = cluster.awaitRecovery(jobId, restoredBefore, TIMEOUT);
        long running = System.nanoTime() - killed;
        Optional<Long> written = probe.awaitWriteSince(mark, TIMEOUT).map(t -> t - killed);
        return new Recovery(
                number,
                standby,
                at,
                detected,
                registered,
                running,
                written,
                recovered.latestRestoredId().orElse(-1),
                flowing);
    }

    private static void report(List<Recovery> recoveries, TableDiff.Result diff, long nanos) {
        List<List<String>> rows = new ArrayList<>();
        for (Recovery r : recoveries) {
            rows.add(
                    List.of(
                            r.number() + (r.standby() ? " (standby TaskManager)" : ""),
                            seconds(r.at()),
                            seconds(r.detected()),
                            r.standby() ? "registered before" : seconds(r.registered()),
                            seconds(r.running()),
                            r.written().map(ReliabilityReport::seconds).orElse("none"),
                            r.written()
                                    .map(
                                            n ->
                                                    Duration.ofNanos(n).compareTo(TARGET) <= 0
                                                            ? "yes"
                                                            : "no")
                                    .orElse("no"),
                            Long.toString(r.restoredCheckpoint())));
        }
        ReliabilityReport.section(
                "2 kills",
                "## (a) TaskManager SIGKILL ×"
                        + (KILLS + 1)
                        + " (`TaskManagerKillE2ECase`)\n\n"
                        + "Kills 1–"
                        + KILLS
                        + " at seeded random moments (seed "
                        + SEED
                        + ") while the input streams in, a replacement TaskManager JVM started at"
                        + " once; kill "
                        + (KILLS + 1)
                        + " for comparison with a standby TaskManager registered before the kill."
                        + " Times after the kill.\n\n"
                        + ReliabilityReport.table(
                                List.of(
                                        "kill",
                                        "at (into the input)",
                                        "failure detected",
                                        "replacement registered",
                                        "all tasks RUNNING",
                                        "next row in PostgreSQL",
                                        "≤ " + seconds(TARGET),
                                        "restored checkpoint"),
                                rows)
                        + "\nTables vs. fault-free run: "
                        + (diff.identical() ? "**identical**" : "**DIFFERENT**")
                        + " ("
                        + diff.expectedRows()
                        + " rows in "
                        + diff.tables().size()
                        + " tables).\n\n```\n"
                        + diff.describe()
                        + "```\n\nCase duration: "
                        + seconds(nanos)
                        + " (including the baseline if it ran first).");
    }
}
