package dev.telemetry.job.config;

import static dev.telemetry.job.config.JobOptions.*;

import dev.telemetry.job.config.JobOptions.StartingOffsets;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.Configuration;

/**
 * The job's configuration, parsed from {@link JobOptions} once at start and validated, so every
 * mistake surfaces as one {@link InvalidConfigException} with a one-line message before anything
 * runs. The database password is resolved here (from a file or an environment variable) and kept as
 * a {@link Secret}.
 */
public final class JobConfig {

    private static final Pattern HOST_PORT = Pattern.compile("[^\\s:,]+:\\d{1,5}");

    private final String bootstrapServers;
    private final String topic;
    private final String deadLetterTopic;
    private final String rulesTopic;
    private final String groupId;
    private final StartingOffsets startingOffsets;
    private final boolean bounded;
    private final int maxRecordBytes;
    private final int deadLetterPayloadBytes;
    private final Duration maxFuture;
    private final Duration maxPast;
    private final Duration windowSize;
    private final Duration outOfOrderness;
    private final Duration idleness;
    private final Duration allowedLateness;
    private final int dedupTrackedSeqs;
    private final Duration dedupIdleTimeout;
    private final Duration dqCountRetention;
    private final Duration energyExpectedReadingInterval;
    private final DatabaseConfig database;
    private final int jdbcBatchSize;
    private final Duration jdbcBatchInterval;
    private final int jdbcMaxRetries;
    private final Integer parallelism;
    private final Duration checkpointInterval;

    private JobConfig(Configuration conf, Map<String, String> env) {
        bootstrapServers = get(conf, KAFKA_BOOTSTRAP_SERVERS).trim();
        topic = get(conf, KAFKA_TOPIC).trim();
        deadLetterTopic = get(conf, KAFKA_DEAD_LETTER_TOPIC).trim();
        rulesTopic = get(conf, KAFKA_RULES_TOPIC).trim();
        groupId = get(conf, KAFKA_GROUP_ID).trim();
        startingOffsets = get(conf, KAFKA_STARTING_OFFSETS);
        bounded = get(conf, KAFKA_BOUNDED);
        maxRecordBytes = get(conf, MAX_RECORD_BYTES);
        deadLetterPayloadBytes = get(conf, DEAD_LETTER_PAYLOAD_BYTES);
        maxFuture = get(conf, MAX_FUTURE);
        maxPast = get(conf, MAX_PAST);
        windowSize = get(conf, WINDOW_SIZE);
        outOfOrderness = get(conf, OUT_OF_ORDERNESS);
        idleness = get(conf, IDLENESS);
        allowedLateness = get(conf, ALLOWED_LATENESS);
        dedupTrackedSeqs = get(conf, DEDUP_TRACKED_SEQS);
        dedupIdleTimeout = get(conf, DEDUP_IDLE_TIMEOUT);
        dqCountRetention = get(conf, DQ_COUNT_RETENTION);
        energyExpectedReadingInterval = get(conf, ENERGY_EXPECTED_READING_INTERVAL);
        database = DatabaseConfig.from(conf, env);
        jdbcBatchSize = get(conf, JDBC_BATCH_SIZE);
        jdbcBatchInterval = get(conf, JDBC_BATCH_INTERVAL);
        jdbcMaxRetries = get(conf, JDBC_MAX_RETRIES);
        parallelism = get(conf, PARALLELISM);
        checkpointInterval = get(conf, CHECKPOINT_INTERVAL);
        validate();
    }

    /**
     * Parses and validates a configuration.
     *
     * @param env environment variables (for the password), normally {@code System.getenv()}
     * @throws InvalidConfigException on the first mistake found
     */
    public static JobConfig from(Configuration conf, Map<String, String> env) {
        return new JobConfig(conf, env);
    }

    /** The defaults, with {@code overrides} (option key to value) applied; for tests and tools. */
    public static JobConfig of(Map<String, String> overrides) {
        return from(Configuration.fromMap(overrides), Map.of());
    }

    private void validate() {
        for (String server : bootstrapServers.split(",")) {
            require(
                    HOST_PORT.matcher(server.trim()).matches(),
                    KAFKA_BOOTSTRAP_SERVERS,
                    "expected host:port[,host:port...] but got '" + bootstrapServers + "'");
        }
        require(!topic.isEmpty(), KAFKA_TOPIC, "must not be empty");
        require(!deadLetterTopic.isEmpty(), KAFKA_DEAD_LETTER_TOPIC, "must not be empty");
        require(!rulesTopic.isEmpty(), KAFKA_RULES_TOPIC, "must not be empty");
        require(
                !deadLetterTopic.equals(topic),
                KAFKA_DEAD_LETTER_TOPIC,
                "must differ from " + KAFKA_TOPIC.key());
        require(!groupId.isEmpty(), KAFKA_GROUP_ID, "must not be empty");
        require(
                maxRecordBytes >= 256 && maxRecordBytes <= 16 * 1024 * 1024,
                MAX_RECORD_BYTES,
                "must be between 256 and 16777216");
        require(
                deadLetterPayloadBytes >= 0 && deadLetterPayloadBytes <= maxRecordBytes,
                DEAD_LETTER_PAYLOAD_BYTES,
                "must be between 0 and " + MAX_RECORD_BYTES.key());
        requirePositive(maxFuture, MAX_FUTURE);
        requirePositive(maxPast, MAX_PAST);
        requirePositive(windowSize, WINDOW_SIZE);
        require(
                windowSize.toMillis() >= 1000 && windowSize.toNanos() % 1_000_000 == 0,
                WINDOW_SIZE,
                "must be at least 1 s and a whole number of milliseconds");
        requireNotNegative(outOfOrderness, OUT_OF_ORDERNESS);
        requireNotNegative(idleness, IDLENESS);
        requireNotNegative(allowedLateness, ALLOWED_LATENESS);
        require(
                dedupTrackedSeqs >= 64 && dedupTrackedSeqs <= 65536,
                DEDUP_TRACKED_SEQS,
                "must be between 64 and 65536");
        require(
                dedupIdleTimeout.compareTo(outOfOrderness.plus(allowedLateness)) > 0,
                DEDUP_IDLE_TIMEOUT,
                "must exceed "
                        + OUT_OF_ORDERNESS.key()
                        + " + "
                        + ALLOWED_LATENESS.key()
                        + ", or duplicates of on-time readings could slip through");
        requireNotNegative(dqCountRetention, DQ_COUNT_RETENTION);
        requirePositive(energyExpectedReadingInterval, ENERGY_EXPECTED_READING_INTERVAL);
        require(
                energyExpectedReadingInterval.compareTo(windowSize) <= 0,
                ENERGY_EXPECTED_READING_INTERVAL,
                "must not exceed " + WINDOW_SIZE.key());
        require(jdbcBatchSize >= 1, JDBC_BATCH_SIZE, "must be at least 1");
        requireNotNegative(jdbcBatchInterval, JDBC_BATCH_INTERVAL);
        require(jdbcMaxRetries >= 0, JDBC_MAX_RETRIES, "must not be negative");
        require(parallelism == null || parallelism >= 1, PARALLELISM, "must be at least 1");
        require(checkpointInterval.toMillis() >= 10, CHECKPOINT_INTERVAL, "must be at least 10 ms");
    }

    /** Reads an option, turning a parse failure into a one-line {@link InvalidConfigException}. */
    static <T> T get(Configuration conf, ConfigOption<T> option) {
        try {
            return conf.get(option);
        } catch (RuntimeException e) {
            throw new InvalidConfigException(
                    "invalid value '"
                            + conf.toMap().get(option.key())
                            + "' for "
                            + option.key()
                            + ": expected "
                            + expected(option));
        }
    }

    private static String expected(ConfigOption<?> option) {
        Object sample = option.hasDefaultValue() ? option.defaultValue() : null;
        if (sample instanceof Duration) {
            return "a duration such as 500 ms, 5 s, 1 min or 1 h";
        }
        if (sample instanceof Integer) {
            return "an integer";
        }
        if (sample instanceof Boolean) {
            return "true or false";
        }
        if (sample instanceof Enum<?> e) {
            return "one of " + List.of(e.getDeclaringClass().getEnumConstants());
        }
        return "a string";
    }

    static void require(boolean condition, ConfigOption<?> option, String problem) {
        if (!condition) {
            throw new InvalidConfigException(option.key() + " " + problem);
        }
    }

    private static void requirePositive(Duration value, ConfigOption<Duration> option) {
        require(!value.isNegative() && !value.isZero(), option, "must be positive");
    }

    private static void requireNotNegative(Duration value, ConfigOption<Duration> option) {
        require(!value.isNegative(), option, "must not be negative");
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    public String topic() {
        return topic;
    }

    public String deadLetterTopic() {
        return deadLetterTopic;
    }

    /** Topic of detection rule updates. */
    public String rulesTopic() {
        return rulesTopic;
    }

    public String groupId() {
        return groupId;
    }

    public StartingOffsets startingOffsets() {
        return startingOffsets;
    }

    public boolean bounded() {
        return bounded;
    }

    public int maxRecordBytes() {
        return maxRecordBytes;
    }

    public int deadLetterPayloadBytes() {
        return deadLetterPayloadBytes;
    }

    public Duration maxFuture() {
        return maxFuture;
    }

    public Duration maxPast() {
        return maxPast;
    }

    public Duration windowSize() {
        return windowSize;
    }

    public Duration outOfOrderness() {
        return outOfOrderness;
    }

    public Duration idleness() {
        return idleness;
    }

    public Duration allowedLateness() {
        return allowedLateness;
    }

    public int dedupTrackedSeqs() {
        return dedupTrackedSeqs;
    }

    public Duration dedupIdleTimeout() {
        return dedupIdleTimeout;
    }

    public Duration dqCountRetention() {
        return dqCountRetention;
    }

    public Duration energyExpectedReadingInterval() {
        return energyExpectedReadingInterval;
    }

    public DatabaseConfig database() {
        return database;
    }

    public int jdbcBatchSize() {
        return jdbcBatchSize;
    }

    public Duration jdbcBatchInterval() {
        return jdbcBatchInterval;
    }

    public int jdbcMaxRetries() {
        return jdbcMaxRetries;
    }

    /** The configured parallelism, or empty to use the cluster's default. */
    public java.util.OptionalInt parallelism() {
        return parallelism == null
                ? java.util.OptionalInt.empty()
                : java.util.OptionalInt.of(parallelism);
    }

    public Duration checkpointInterval() {
        return checkpointInterval;
    }

    @Override
    public String toString() {
        return "JobConfig{kafka="
                + bootstrapServers
                + " topic="
                + topic
                + " dlq="
                + deadLetterTopic
                + " group="
                + groupId
                + " start="
                + startingOffsets
                + (bounded ? " bounded" : "")
                + " window="
                + windowSize
                + " outOfOrderness="
                + outOfOrderness
                + " idleness="
                + idleness
                + " lateness="
                + allowedLateness
                + " db="
                + database
                + (parallelism == null ? "" : " parallelism=" + parallelism)
                + " checkpoints="
                + checkpointInterval
                + "}";
    }

    /** Connection settings of the PostgreSQL database; shared by the job and {@code migrate}. */
    public record DatabaseConfig(String url, String user, Secret password) {

        /** Reads and validates the {@link JobOptions#DATABASE} options. */
        public static DatabaseConfig from(Configuration conf, Map<String, String> env) {
            String url = get(conf, JDBC_URL).trim();
            require(
                    url.startsWith("jdbc:postgresql:"),
                    JDBC_URL,
                    "must be a PostgreSQL JDBC URL (jdbc:postgresql://host:port/database)");
            String user = get(conf, JDBC_USER).trim();
            require(!user.isEmpty(), JDBC_USER, "must not be empty");
            String file = get(conf, JDBC_PASSWORD_FILE);
            String password;
            if (file != null && !file.isBlank()) {
                password = readPasswordFile(Path.of(file.trim()));
            } else {
                password = env.getOrDefault(get(conf, JDBC_PASSWORD_ENV), "");
            }
            return new DatabaseConfig(url, user, new Secret(password));
        }

        private static String readPasswordFile(Path file) {
            try {
                List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
                return lines.isEmpty() ? "" : lines.get(0).strip();
            } catch (IOException | RuntimeException e) {
                throw new InvalidConfigException(
                        JDBC_PASSWORD_FILE.key() + " cannot be read: " + file);
            }
        }

        @Override
        public String toString() {
            return url + " as " + user;
        }
    }
}
