package dev.telemetry.reliability;

import static dev.telemetry.reliability.ReliabilityEnvironment.PARTITIONS;
import static dev.telemetry.reliability.ReliabilityEnvironment.TIMEOUT;

import dev.telemetry.infra.EmbeddedPostgres;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;

/**
 * A run of the unbounded job while the reference input is produced in real time, so that faults hit
 * a pipeline that is reading, checkpointing and writing. It ends the way the bounded baseline ends:
 * once a checkpoint covers the whole input, a draining stop fires every window; then its tables are
 * compared with the baseline's.
 */
final class PacedRun implements AutoCloseable {

    private final ReliabilityEnvironment env;
    private final JobRun run;
    private final String jobId;
    private final InputProducer producer;
    private final List<InputRecord> input;
    private final long producingSince;
    private boolean finished;

    private PacedRun(
            ReliabilityEnvironment env,
            JobRun run,
            String jobId,
            InputProducer producer,
            List<InputRecord> input,
            long producingSince) {
        this.env = env;
        this.run = run;
        this.jobId = jobId;
        this.producer = producer;
        this.input = input;
        this.producingSince = producingSince;
    }

    /**
     * Submits the job for a new run writing to {@code database}, waits until all its tasks run,
     * starts producing the input evenly over {@code pace} and returns after the first completed
     * checkpoint.
     */
    static PacedRun start(
            ReliabilityEnvironment env, String name, EmbeddedPostgres database, Duration pace)
            throws Exception {
        return start(env, name, database, env.input().records(), pace);
    }

    /** As {@link #start(ReliabilityEnvironment, String, EmbeddedPostgres, Duration)}, any input. */
    static PacedRun start(
            ReliabilityEnvironment env,
            String name,
            EmbeddedPostgres database,
            List<InputRecord> input,
            Duration pace)
            throws Exception {
        JobRun run = env.newRun(name, database);
        String jobId = env.submit(run, false);
        InputProducer producer = null;
        try {
            env.cluster().awaitAllTasksRunning(jobId, TIMEOUT);
            long since = System.nanoTime();
            producer =
                    InputProducer.paced(
                            env.kafka().bootstrapServers(), run.topic(), PARTITIONS, input, pace);
            env.cluster().awaitCheckpoints(jobId, s -> s.completed() >= 1, TIMEOUT);
            return new PacedRun(env, run, jobId, producer, input, since);
        } catch (Exception | Error e) {
            if (producer != null) {
                producer.close();
            }
            cancelQuietly(env, jobId);
            throw e;
        }
    }

    JobRun run() {
        return run;
    }

    String jobId() {
        return jobId;
    }

    InputProducer producer() {
        return producer;
    }

    /** Wall-clock time since the input started flowing. */
    Duration sinceProducing() {
        return Duration.ofNanos(System.nanoTime() - producingSince);
    }

    /**
     * Waits until the last record is acknowledged and a checkpoint covers the whole input.
     *
     * @return each input record's offset in its partition
     */
    long[] awaitInputConsumed() throws Exception {
        long[] offsets = producer.await(TIMEOUT);
        requireExactInput();
        env.awaitConsumed(run, TIMEOUT);
        return offsets;
    }

    /**
     * The comparison with the baseline assumes both topics hold the same records at the same
     * offsets; a producer that wrote a record twice would make the job look wrong.
     */
    private void requireExactInput() throws Exception {
        Map<TopicPartition, Long> expected = new HashMap<>();
        for (int p = 0; p < PARTITIONS; p++) {
            expected.put(new TopicPartition(run.topic(), p), 0L);
        }
        for (InputRecord record : input) {
            expected.merge(
                    new TopicPartition(run.topic(), record.partition(PARTITIONS)), 1L, Long::sum);
        }
        Map<TopicPartition, Long> actual = env.endOffsets(run);
        if (!actual.equals(expected)) {
            throw new IllegalStateException(
                    "The input topic "
                            + run.topic()
                            + " does not hold exactly the input: end offsets "
                            + actual
                            + ", expected "
                            + expected);
        }
    }

    /** Stops the job with a draining savepoint, which fires every window and timer. */
    void drain() throws Exception {
        env.drain(run, jobId);
        finished = true;
    }

    /**
     * Waits until the whole input is consumed, drains the job and compares its tables with the
     * baseline's.
     */
    TableDiff.Result finish() throws Exception {
        awaitInputConsumed();
        drain();
        return env.compareWithBaseline(run);
    }

    @Override
    public void close() {
        producer.close();
        if (!finished) {
            cancelQuietly(env, jobId);
        }
    }

    private static void cancelQuietly(ReliabilityEnvironment env, String jobId) {
        try {
            if (!env.cluster().jobStatus(jobId).isGloballyTerminal()) {
                env.cluster().cancel(jobId);
            }
        } catch (RuntimeException e) {
            System.err.println("Cannot cancel job " + jobId + ": " + e.getMessage());
        }
    }
}
