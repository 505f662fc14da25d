package dev.telemetry.reliability;

import static dev.telemetry.reliability.ReliabilityEnvironment.TIMEOUT;
import static dev.telemetry.reliability.ReliabilityReport.seconds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.telemetry.infra.EmbeddedKafka;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Restarts the Kafka broker (clean shutdown, then start on the same port and data) while the input
 * streams in and the job reads it and writes dead letters to Kafka, and checks that the tables end
 * up identical to the fault-free run's.
 */
@ExtendWith(ReliabilityEnvironment.Resolver.class)
class KafkaRestartE2ECase {

    private static final long SEED = 0x6b61666b61L;

    /** At most; once recovery is measured the rest of the input is sent at once. */
    private static final Duration PACE = Duration.ofSeconds(60);

    @Test
    void shouldWriteTheFaultFreeTablesAfterABrokerRestart(ReliabilityEnvironment env)
            throws Exception {
        long started = System.nanoTime();
        env.baseline();
        EmbeddedKafka kafka = env.kafka();
        Random random = new Random(SEED);
        TableDiff.Result diff;
        Duration at;
        long down;
        long resumed;
        long restartsDuring;
        int taskManagerExits;
        try (TaskManagerSupervisor supervisor = TaskManagerSupervisor.watch(env.cluster());
                PacedRun paced = PacedRun.start(env, "kafka_restart", env.postgres(), PACE)) {
            String jobId = paced.jobId();
            Thread.sleep(2_000 + random.nextInt(8_000));
            int failuresBefore = env.control().exceptions(jobId).size();
            at = paced.sinceProducing();
            // The test's own producer must not duplicate input; the job's clients face the restart.
            paced.producer().pauseAndFlush();
            long stopping = System.nanoTime();
            kafka.stop();
            kafka.start();
            long back = System.nanoTime();
            paced.producer().resume();
            down = back - stopping;
            // Recovered once a checkpoint covers records that were produced after the restart.
            Map<TopicPartition, Long> atRestart = env.endOffsets(paced.run());
            Map<TopicPartition, Long> later =
                    awaitMoreInput(env, paced, atRestart, Duration.ofSeconds(30));
            env.awaitCommitted(paced.run(), later, TIMEOUT);
            resumed = System.nanoTime() - back;
            paced.producer().hurry();
            restartsDuring = env.control().exceptions(jobId).size() - failuresBefore;
            diff = paced.finish();
            taskManagerExits = supervisor.restarts();
        }
        ReliabilityReport.section(
                "4 kafka",
                "## (c) Kafka broker restarted (`KafkaRestartE2ECase`)\n\n"
                        + ReliabilityReport.table(
                                List.of(
                                        "restarted at (into the input)",
                                        "broker stop + start",
                                        "job failovers (exception history)",
                                        "TaskManager JVM exits",
                                        "broker back → checkpoint covers new input"),
                                List.of(
                                        List.of(
                                                seconds(at),
                                                seconds(down),
                                                Long.toString(restartsDuring),
                                                Integer.toString(taskManagerExits),
                                                seconds(resumed))))
                        + "\nTables vs. fault-free run: "
                        + (diff.identical() ? "**identical**" : "**DIFFERENT**")
                        + " ("
                        + diff.expectedRows()
                        + " rows).\n\n```\n"
                        + diff.describe()
                        + "```\n\nCase duration: "
                        + seconds(System.nanoTime() - started)
                        + ".");

        assertThat(diff.identical())
                .as("tables after a broker restart vs. fault-free run:%n%s", diff.describe())
                .isTrue();
    }

    /**
     * End offsets once every partition has grown past {@code since}, or all input is written; fails
     * after {@code timeout} with the offsets last seen.
     */
    private static Map<TopicPartition, Long> awaitMoreInput(
            ReliabilityEnvironment env,
            PacedRun paced,
            Map<TopicPartition, Long> since,
            Duration timeout) {
        return await("input produced after the broker restart, past end offsets " + since)
                .atMost(timeout)
                .pollInterval(Duration.ofMillis(200))
                .pollDelay(Duration.ZERO)
                .until(
                        () -> env.endOffsets(paced.run()),
                        end ->
                                paced.producer().isDone()
                                        || since.entrySet().stream()
                                                .allMatch(e -> end.get(e.getKey()) > e.getValue()));
    }
}
