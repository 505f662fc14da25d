package dev.telemetry.job.config;

import static org.apache.flink.configuration.ConfigOptions.key;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.flink.configuration.ConfigOption;

/**
 * Every option of the job, as Flink {@link ConfigOption}s. The command line accepts each as {@code
 * --<key> <value>}; {@link JobConfig} parses and validates them once at start.
 */
public final class JobOptions {

    private JobOptions() {}

    /** Where the telemetry source starts reading when the job starts without a checkpoint. */
    public enum StartingOffsets {
        /** The group's committed offsets, or the earliest if it has none. */
        COMMITTED,
        EARLIEST,
        LATEST
    }

    // Kafka

    public static final ConfigOption<String> KAFKA_BOOTSTRAP_SERVERS =
            key("kafka.bootstrap-servers")
                    .stringType()
                    .defaultValue("localhost:9092")
                    .withDescription("Kafka bootstrap servers, host:port[,host:port...].");

    public static final ConfigOption<String> KAFKA_TOPIC =
            key("kafka.topic")
                    .stringType()
                    .defaultValue(Topics.TELEMETRY)
                    .withDescription("Topic the telemetry events are read from.");

    public static final ConfigOption<String> KAFKA_DEAD_LETTER_TOPIC =
            key("kafka.dead-letter-topic")
                    .stringType()
                    .defaultValue(Topics.DEAD_LETTER)
                    .withDescription("Topic rejected records are written to, as JSON.");

    public static final ConfigOption<String> KAFKA_RULES_TOPIC =
            key("kafka.rules-topic")
                    .stringType()
                    .defaultValue(Topics.RULES)
                    .withDescription(
                            "Topic of detection rule updates (JSON), applied at run time; read"
                                    + " from the beginning, may be created later.");

    public static final ConfigOption<String> KAFKA_GROUP_ID =
            key("kafka.group-id")
                    .stringType()
                    .defaultValue("telemetry-anomaly-job")
                    .withDescription("Consumer group id (offsets are committed on checkpoints).");

    public static final ConfigOption<StartingOffsets> KAFKA_STARTING_OFFSETS =
            key("kafka.starting-offsets")
                    .enumType(StartingOffsets.class)
                    .defaultValue(StartingOffsets.COMMITTED)
                    .withDescription(
                            "Where to start without a checkpoint: COMMITTED (falls back to"
                                    + " earliest), EARLIEST or LATEST.");

    public static final ConfigOption<Boolean> KAFKA_BOUNDED =
            key("kafka.bounded")
                    .booleanType()
                    .defaultValue(false)
                    .withDescription(
                            "Stop at the offsets that are latest when the job starts (replays,"
                                    + " tests); windows flush at the end of input.");

    public static final ConfigOption<Integer> MAX_RECORD_BYTES =
            key("ingest.max-record-bytes")
                    .intType()
                    .defaultValue(64 * 1024)
                    .withDescription("Records larger than this are rejected as OVERSIZED_RECORD.");

    public static final ConfigOption<Integer> DEAD_LETTER_PAYLOAD_BYTES =
            key("ingest.dead-letter-payload-bytes")
                    .intType()
                    .defaultValue(4 * 1024)
                    .withDescription(
                            "At most this many payload bytes are kept in a dead letter (the"
                                    + " original size is kept too).");

    public static final ConfigOption<Duration> MAX_FUTURE =
            key("validation.max-future")
                    .durationType()
                    .defaultValue(Duration.ofMinutes(5))
                    .withDescription(
                            "Event times further ahead of the Kafka record timestamp are rejected"
                                    + " as FUTURE_EVENT_TIME.");

    public static final ConfigOption<Duration> MAX_PAST =
            key("validation.max-past")
                    .durationType()
                    .defaultValue(Duration.ofDays(7))
                    .withDescription(
                            "Event times further behind the Kafka record timestamp are rejected as"
                                    + " STALE_EVENT_TIME.");

    // Event time

    public static final ConfigOption<Duration> WINDOW_SIZE =
            key("window.size")
                    .durationType()
                    .defaultValue(Duration.ofMinutes(1))
                    .withDescription("Size of the tumbling event-time KPI windows.");

    public static final ConfigOption<Duration> OUT_OF_ORDERNESS =
            key("watermark.out-of-orderness")
                    .durationType()
                    .defaultValue(Duration.ofSeconds(5))
                    .withDescription("Bounded out-of-orderness of the per-partition watermarks.");

    public static final ConfigOption<Duration> IDLENESS =
            key("watermark.idleness")
                    .durationType()
                    .defaultValue(Duration.ofSeconds(30))
                    .withDescription(
                            "A partition without records for this long stops holding back the"
                                    + " watermark (0 disables idleness).");

    public static final ConfigOption<Duration> ALLOWED_LATENESS =
            key("window.allowed-lateness")
                    .durationType()
                    .defaultValue(Duration.ZERO)
                    .withDescription(
                            "Readings this far behind the watermark still update their window;"
                                    + " later ones are counted in late_events.");

    // State

    public static final ConfigOption<Integer> DEDUP_TRACKED_SEQS =
            key("dedup.tracked-seqs")
                    .intType()
                    .defaultValue(256)
                    .withDescription(
                            "Recent sequence numbers remembered per device for duplicate"
                                    + " detection (multiple of 64).");

    public static final ConfigOption<Duration> DEDUP_IDLE_TIMEOUT =
            key("dedup.idle-timeout")
                    .durationType()
                    .defaultValue(Duration.ofHours(1))
                    .withDescription(
                            "A device's deduplication state is cleared after this much event time"
                                    + " without readings.");

    public static final ConfigOption<Duration> DQ_COUNT_RETENTION =
            key("dq.count-retention")
                    .durationType()
                    .defaultValue(Duration.ofHours(6))
                    .withDescription(
                            "Late and duplicate counts of a window are kept in state this long"
                                    + " after the window ends.");

    // KPIs

    public static final ConfigOption<Duration> ENERGY_EXPECTED_READING_INTERVAL =
            key("kpi.energy.expected-reading-interval")
                    .durationType()
                    .defaultValue(Duration.ofSeconds(1))
                    .withDescription(
                            "How often an energy site is expected to report; uptime_percent ="
                                    + " readings received / (window size / this interval).");

    // PostgreSQL

    public static final ConfigOption<String> JDBC_URL =
            key("jdbc.url")
                    .stringType()
                    .defaultValue("jdbc:postgresql://localhost:5432/telemetry")
                    .withDescription("JDBC URL of the PostgreSQL database.");

    public static final ConfigOption<String> JDBC_USER =
            key("jdbc.user")
                    .stringType()
                    .defaultValue("telemetry")
                    .withDescription("Database user.");

    public static final ConfigOption<String> JDBC_PASSWORD_ENV =
            key("jdbc.password-env")
                    .stringType()
                    .defaultValue("TELEMETRY_JDBC_PASSWORD")
                    .withDescription(
                            "Environment variable holding the database password (empty password"
                                    + " if unset).");

    public static final ConfigOption<String> JDBC_PASSWORD_FILE =
            key("jdbc.password-file")
                    .stringType()
                    .noDefaultValue()
                    .withDescription(
                            "File holding the database password (first line); takes precedence"
                                    + " over jdbc.password-env.");

    public static final ConfigOption<Integer> JDBC_BATCH_SIZE =
            key("jdbc.batch-size")
                    .intType()
                    .defaultValue(1000)
                    .withDescription("Rows per JDBC batch.");

    public static final ConfigOption<Duration> JDBC_BATCH_INTERVAL =
            key("jdbc.batch-interval")
                    .durationType()
                    .defaultValue(Duration.ofMillis(200))
                    .withDescription("A partial JDBC batch is flushed after this long.");

    public static final ConfigOption<Integer> JDBC_MAX_RETRIES =
            key("jdbc.max-retries")
                    .intType()
                    .defaultValue(3)
                    .withDescription("Retries of a failed JDBC batch before the job fails over.");

    // Job

    public static final ConfigOption<Integer> PARALLELISM =
            key("job.parallelism")
                    .intType()
                    .noDefaultValue()
                    .withDescription(
                            "Parallelism of the job (default: the cluster's parallelism.default).");

    public static final ConfigOption<Duration> CHECKPOINT_INTERVAL =
            key("job.checkpoint-interval")
                    .durationType()
                    .defaultValue(Duration.ofSeconds(10))
                    .withDescription(
                            "Checkpoint interval; sinks flush and Kafka offsets are committed on"
                                    + " checkpoints.");

    /** Every option, in the order the help lists them. */
    public static final List<ConfigOption<?>> ALL =
            List.of(
                    KAFKA_BOOTSTRAP_SERVERS,
                    KAFKA_TOPIC,
                    KAFKA_DEAD_LETTER_TOPIC,
                    KAFKA_RULES_TOPIC,
                    KAFKA_GROUP_ID,
                    KAFKA_STARTING_OFFSETS,
                    KAFKA_BOUNDED,
                    MAX_RECORD_BYTES,
                    DEAD_LETTER_PAYLOAD_BYTES,
                    MAX_FUTURE,
                    MAX_PAST,
                    WINDOW_SIZE,
                    OUT_OF_ORDERNESS,
                    IDLENESS,
                    ALLOWED_LATENESS,
                    DEDUP_TRACKED_SEQS,
                    DEDUP_IDLE_TIMEOUT,
                    DQ_COUNT_RETENTION,
                    ENERGY_EXPECTED_READING_INTERVAL,
                    JDBC_URL,
                    JDBC_USER,
                    JDBC_PASSWORD_ENV,
                    JDBC_PASSWORD_FILE,
                    JDBC_BATCH_SIZE,
                    JDBC_BATCH_INTERVAL,
                    JDBC_MAX_RETRIES,
                    PARALLELISM,
                    CHECKPOINT_INTERVAL);

    /**
     * Short command-line aliases (without {@code --}) of some options, as the deployment files use
     * them.
     */
    public static final Map<String, ConfigOption<?>> ALIASES =
            Map.of(
                    "bootstrap-servers", KAFKA_BOOTSTRAP_SERVERS,
                    "telemetry-topic", KAFKA_TOPIC,
                    "dlq-topic", KAFKA_DEAD_LETTER_TOPIC,
                    "jdbc-url", JDBC_URL,
                    "jdbc-user", JDBC_USER);

    /** The options the {@code migrate} command uses. */
    public static final List<ConfigOption<?>> DATABASE =
            List.of(JDBC_URL, JDBC_USER, JDBC_PASSWORD_ENV, JDBC_PASSWORD_FILE);
}
