package dev.telemetry.reliability;

import static dev.telemetry.reliability.ReliabilityEnvironment.COMPARED_TABLES;
import static dev.telemetry.reliability.ReliabilityEnvironment.DB_USER;
import static dev.telemetry.reliability.ReliabilityEnvironment.TIMEOUT;
import static dev.telemetry.reliability.ReliabilityReport.seconds;
import static org.assertj.core.api.Assertions.assertThat;

import dev.telemetry.infra.EmbeddedPostgres;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Stops the job's PostgreSQL server for 30 s while the input streams in, then starts it again on
 * the same port and data, and checks that the tables end up identical to the fault-free run's and
 * that the TaskManager survived the failovers. The run has its own server, so the baseline's
 * database stays up.
 */
@ExtendWith(ReliabilityEnvironment.Resolver.class)
class PostgresOutageE2ECase {

    private static final long SEED = 0x70676f7574L;
    private static final Duration OUTAGE = Duration.ofSeconds(30);

    /** At most; once recovery is measured the rest of the input is sent at once. */
    private static final Duration PACE = Duration.ofSeconds(120);

    @Test
    void shouldWriteTheFaultFreeTablesAfterADatabaseOutage(ReliabilityEnvironment env)
            throws Exception {
        long started = System.nanoTime();
        env.baseline();
        Random random = new Random(SEED);
        TableDiff.Result diff;
        Duration at;
        long restartsDuring;
        int taskManagerExits;
        Optional<Long> written;
        // Only a safety net: a TaskManager exit fails the case below instead of leaving the cases
        // after it without slots.
        try (EmbeddedPostgres database = EmbeddedPostgres.builder().start();
                TaskManagerSupervisor supervisor = TaskManagerSupervisor.watch(env.cluster());
                PacedRun paced = PacedRun.start(env, "pg_outage", database, PACE)) {
            String jobId = paced.jobId();
            Thread.sleep(2_000 + random.nextInt(8_000));
            int failuresBefore = env.control().exceptions(jobId).size();
            at = paced.sinceProducing();
            long stopped = System.nanoTime();
            database.stop();
            Thread.sleep(
                    Math.max(0, OUTAGE.toMillis() - (System.nanoTime() - stopped) / 1_000_000));
            database.start();
            long back = System.nanoTime();
            WriteProbe probe = new WriteProbe(paced.run().jdbcUrl(), DB_USER, COMPARED_TABLES);
            written = probe.awaitWriteSince(probe.mark(), TIMEOUT).map(t -> t - back);
            env.cluster().awaitAllTasksRunning(jobId, TIMEOUT);
            paced.producer().hurry();
            restartsDuring = env.control().exceptions(jobId).size() - failuresBefore;
            diff = paced.finish();
            taskManagerExits = supervisor.restarts();
        }
        ReliabilityReport.section(
                "3 postgres",
                "## (b) PostgreSQL stopped for "
                        + seconds(OUTAGE)
                        + " (`PostgresOutageE2ECase`)\n\n"
                        + ReliabilityReport.table(
                                List.of(
                                        "stopped at (into the input)",
                                        "outage",
                                        "job failovers (exception history)",
                                        "TaskManager JVM exits",
                                        "PostgreSQL back → next row written"),
                                List.of(
                                        List.of(
                                                seconds(at),
                                                seconds(OUTAGE),
                                                Long.toString(restartsDuring),
                                                Integer.toString(taskManagerExits),
                                                written.map(ReliabilityReport::seconds)
                                                        .orElse("none"))))
                        + "\nThe JDBC sinks fail after their retries and the job restarts from its"
                        + " last checkpoint until the database answers again, on the same"
                        + " TaskManager: a failed JDBC writer no longer throws again while the"
                        + " task is cleaned up (`CloseSafeJdbcSink`), which Flink treated as fatal"
                        + " and ended the TaskManager JVM.\n\n"
                        + "Tables vs. fault-free run: "
                        + (diff.identical() ? "**identical**" : "**DIFFERENT**")
                        + " ("
                        + diff.expectedRows()
                        + " rows).\n\n```\n"
                        + diff.describe()
                        + "```\n\nCase duration: "
                        + seconds(System.nanoTime() - started)
                        + ".");

        assertThat(diff.identical())
                .as(
                        "tables after a %s database outage vs. fault-free run:%n%s",
                        OUTAGE, diff.describe())
                .isTrue();
        assertThat(written).as("a row written after the database came back").isPresent();
        assertThat(taskManagerExits)
                .as("TaskManager JVMs that exited (and were restarted by the supervisor)")
                .isZero();
    }
}
