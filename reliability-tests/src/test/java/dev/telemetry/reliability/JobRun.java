package dev.telemetry.reliability;

import dev.telemetry.job.config.JobOptions;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.configuration.ConfigOption;

/**
 * One run of the job jar and where it reads and writes: its own input and dead-letter topics,
 * consumer group and database, so that runs never see each other's data. (Nothing writes to the
 * rules topic, so every run keeps the shipped detection rules.)
 *
 * @param name short name, also the database name
 * @param jdbcUrl the run's database
 */
record JobRun(String name, String topic, String deadLetterTopic, String groupId, String jdbcUrl) {

    static JobRun named(String name, String jdbcUrl) {
        String topic = "input-" + name;
        return new JobRun(name, topic, topic + "-dlq", "job-" + name, jdbcUrl);
    }

    /**
     * The job's command line: read the run's topic from the earliest offset, write its database, at
     * the given parallelism and checkpoint interval; {@code bounded} stops at the offsets that are
     * latest at start.
     */
    List<String> programArgs(
            String bootstrapServers,
            String dbUser,
            boolean bounded,
            int parallelism,
            String checkpointInterval) {
        List<String> args = new ArrayList<>();
        add(args, JobOptions.KAFKA_BOOTSTRAP_SERVERS, bootstrapServers);
        add(args, JobOptions.KAFKA_TOPIC, topic);
        add(args, JobOptions.KAFKA_DEAD_LETTER_TOPIC, deadLetterTopic);
        add(args, JobOptions.KAFKA_GROUP_ID, groupId);
        add(args, JobOptions.KAFKA_STARTING_OFFSETS, JobOptions.StartingOffsets.EARLIEST.name());
        add(args, JobOptions.KAFKA_BOUNDED, Boolean.toString(bounded));
        add(args, JobOptions.JDBC_URL, jdbcUrl);
        add(args, JobOptions.JDBC_USER, dbUser);
        add(args, JobOptions.PARALLELISM, Integer.toString(parallelism));
        add(args, JobOptions.CHECKPOINT_INTERVAL, checkpointInterval);
        return args;
    }

    private static void add(List<String> args, ConfigOption<?> option, String value) {
        args.add("--" + option.key());
        args.add(value);
    }
}
