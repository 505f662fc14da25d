package dev.telemetry.job.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.telemetry.infra.junit.KafkaExtension;
import dev.telemetry.infra.junit.PostgresExtension;
import dev.telemetry.job.PipelineSinks;
import dev.telemetry.job.TelemetryAnomalyJob;
import dev.telemetry.job.TelemetryPipeline;
import dev.telemetry.job.config.JobCommandLine;
import dev.telemetry.job.config.JobConfig;
import dev.telemetry.job.migrate.SchemaMigrator;
import dev.telemetry.job.rules.RuleSource;
import dev.telemetry.job.serde.TelemetrySource;
import dev.telemetry.job.sink.TelemetrySinks;
import dev.telemetry.job.testing.TopicWriter;
import dev.telemetry.model.Family;
import dev.telemetry.model.Metrics;
import dev.telemetry.model.TelemetryEvent;
import dev.telemetry.model.TelemetryJson;
import dev.telemetry.model.label.AnomalyType;
import dev.telemetry.model.label.BadDataType;
import dev.telemetry.model.label.GroundTruthLabel;
import dev.telemetry.model.label.LabelsJsonl;
import dev.telemetry.simulator.RecordSink;
import dev.telemetry.simulator.SimRecord;
import dev.telemetry.simulator.Simulation;
import dev.telemetry.simulator.SimulationOptions;
import dev.telemetry.simulator.anomaly.AnomalyPlan;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The production topology on a MiniCluster at parallelism 2 with the embedded Kafka broker and
 * PostgreSQL: a fixed-seed simulator run with every anomaly type forced goes through Kafka, the job
 * and the alert tables, and the {@code score} command grades the alerts against the ground truth; a
 * replay writes identical alerts; rule updates on the rules topic change detection in a running
 * job, and a bad rule changes nothing.
 */
class AnomalyAlertsITCase {

    private static final int PARTITIONS = 3;
    private static final long START = 1_704_067_200_000L; // 2024-01-01T00:00:00Z

    @RegisterExtension static final KafkaExtension KAFKA = KafkaExtension.sharedPerJvm();

    @RegisterExtension static final PostgresExtension POSTGRES = PostgresExtension.sharedPerJvm();

    @RegisterExtension
    static final MiniClusterExtension FLINK =
            new MiniClusterExtension(
                    new MiniClusterResourceConfiguration.Builder()
                            .setNumberTaskManagers(1)
                            .setNumberSlotsPerTaskManager(2)
                            .setConfiguration(noKryo())
                            .build());

    @TempDir static Path dir;

    private static Configuration noKryo() {
        Configuration conf = new Configuration();
        conf.set(PipelineOptions.GENERIC_TYPES, false);
        return conf;
    }

    /** Every anomaly type forced three times per family, plus 2 % bad data of every type. */
    private static final SimulationOptions OPTIONS =
            new SimulationOptions(
                    42,
                    EnumSet.allOf(Family.class),
                    6,
                    2.0,
                    Duration.ofMinutes(8),
                    START,
                    SimulationOptions.DEFAULT_ANOMALIES_PER_DEVICE_HOUR,
                    0.02);

    private record Input(List<SimRecord> records, List<GroundTruthLabel> labels) {}

    private static Input simulate() throws Exception {
        List<SimRecord> records = new ArrayList<>();
        List<GroundTruthLabel> labels = new ArrayList<>();
        new Simulation(OPTIONS, AnomalyPlan.everyType(3), EnumSet.allOf(BadDataType.class))
                .run(
                        new RecordSink() {
                            @Override
                            public void send(SimRecord record) {
                                records.add(record);
                            }

                            @Override
                            public void close() {}
                        },
                        labels::add);
        return new Input(records, labels);
    }

    private static Map<String, String> options(
            String topic, String rulesTopic, String url, String group, boolean bounded) {
        Map<String, String> options = new HashMap<>();
        options.put("kafka.bootstrap-servers", KAFKA.bootstrapServers());
        options.put("kafka.topic", topic);
        options.put("kafka.dead-letter-topic", topic + "-dlq");
        options.put("kafka.rules-topic", rulesTopic);
        options.put("kafka.group-id", group);
        options.put("kafka.starting-offsets", "EARLIEST");
        options.put("kafka.bounded", Boolean.toString(bounded));
        options.put("jdbc.url", url);
        options.put("jdbc.user", "postgres");
        options.put("job.parallelism", "2");
        options.put("job.checkpoint-interval", "500 ms");
        return options;
    }

    /**
     * A live feed of one partition, read at parallelism 1: no reader is left without a partition to
     * hold event time back, and a pause in the feed does not either.
     */
    private static Map<String, String> live(Map<String, String> options) {
        options.put("job.parallelism", "1");
        options.put("watermark.idleness", "1 s");
        return options;
    }

    private static String database(String name) throws Exception {
        String url = POSTGRES.postgres().createDatabase(name);
        SchemaMigrator.migrate(
                JobConfig.of(Map.of("jdbc.url", url, "jdbc.user", "postgres")).database(),
                Optional.empty());
        return url;
    }

    private static void createTopic(String topic, int partitions) {
        // The simulated event times are in 2024: keep the records despite time-based retention.
        KAFKA.kafka().createTopic(topic, partitions, Map.of("retention.ms", "-1"));
    }

    /** Builds the production topology (sources and sinks as {@link TelemetryAnomalyJob} does). */
    private static StreamExecutionEnvironment job(JobConfig config) {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        TelemetryPipeline.configureEnvironment(env, config);
        PipelineSinks sinks = TelemetrySinks.production(config);
        TelemetryPipeline.build(
                env,
                config,
                TelemetrySource.kafka(config, Clock.systemUTC()),
                RuleSource.kafka(config),
                sinks);
        return env;
    }

    // ------------------------------------------------------------ accuracy and replay

    @Test
    void shouldDetectEveryAnomalyTypeWithHighPrecisionAndRecallAndReplayIdentically()
            throws Exception {
        Input input = simulate();
        Path labels = dir.resolve("labels.jsonl");
        LabelsJsonl.write(labels, input.labels());
        String topic = "alerts-accuracy";
        String rules = "alerts-accuracy-rules";
        createTopic(topic, PARTITIONS);
        createTopic(rules, 1);
        new TopicWriter(KAFKA.bootstrapServers(), PARTITIONS).write(topic, input.records());

        String first = database("alerts_accuracy_1");
        job(JobConfig.of(options(topic, rules, first, "accuracy-1", true))).execute("accuracy-1");

        // The score command of the job jar, against the alerts table.
        Path json = dir.resolve("score.json");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int exit =
                new JobCommandLine(
                                Map.of(),
                                new PrintStream(out, true, StandardCharsets.UTF_8),
                                System.err)
                        .execute(
                                new String[] {
                                    "score",
                                    "--labels",
                                    labels.toString(),
                                    "--json",
                                    json.toString(),
                                    "--jdbc.url",
                                    first,
                                    "--jdbc.user",
                                    "postgres"
                                },
                                config -> {
                                    throw new AssertionError("score must not run the job");
                                });
        String table = out.toString(StandardCharsets.UTF_8);
        System.out.println("score of the alerts against the ground truth:\n" + table);
        printMismatches(first, input.labels());
        assertThat(exit).isZero();

        JsonNode report = new ObjectMapper().readTree(Files.readString(json));
        for (AnomalyType type : AnomalyType.values()) {
            JsonNode row = null;
            for (JsonNode r : report.get("types")) {
                if (r.get("type").asText().equals(type.name())) {
                    row = r;
                }
            }
            assertThat(row).as("%s has labels and alerts", type).isNotNull();
            assertThat(row.get("labels").asInt()).as("%s labels", type).isPositive();
            assertThat(row.get("precision").asDouble())
                    .as("%s precision", type)
                    .isGreaterThanOrEqualTo(0.95);
            assertThat(row.get("recall").asDouble())
                    .as("%s recall", type)
                    .isGreaterThanOrEqualTo(0.95);
        }
        assertThat(report.at("/total/delay_p50_ms").asDouble()).isLessThanOrEqualTo(5000);

        // A replay of the same recording writes the same alerts.
        String second = database("alerts_accuracy_2");
        job(JobConfig.of(options(topic, rules, second, "accuracy-2", true))).execute("accuracy-2");
        String alerts =
                "SELECT alert_id, device_id, family, anomaly_type, state, severity, onset,"
                        + " last_firing, resolved_at, resolution, fire_count, peak_value, metric,"
                        + " threshold, phase, last_event_seq FROM alerts ORDER BY alert_id";
        List<Map<String, Object>> replayed = query(second, alerts);
        assertThat(replayed).isNotEmpty().isEqualTo(query(first, alerts));
        String history = "SELECT * FROM alert_events ORDER BY alert_id, event_seq";
        assertThat(query(second, history)).isEqualTo(query(first, history));
    }

    /** Lists false positives and false negatives, to make a failure easy to diagnose. */
    private static void printMismatches(String url, List<GroundTruthLabel> labels)
            throws Exception {
        long grace = dev.telemetry.job.score.AlertScorer.DEFAULT_GRACE.toMillis();
        List<dev.telemetry.job.score.AlertRecord> alerts =
                dev.telemetry.job.score.AlertReader.fromDatabase(url, "postgres", "");
        for (var a : alerts) {
            boolean matched =
                    labels.stream()
                            .anyMatch(
                                    l ->
                                            l.category() == GroundTruthLabel.Category.ANOMALY
                                                    && l.anomalyType() == a.type()
                                                    && l.deviceId().equals(a.deviceId())
                                                    && a.onset() >= l.onset()
                                                    && a.onset() <= l.end() + grace);
            if (!matched) {
                System.out.println(
                        "false positive: "
                                + a
                                + " "
                                + query(
                                        url,
                                        "SELECT metric, observed_value, threshold, phase, explanation"
                                                + " FROM alerts WHERE alert_id = '"
                                                + a.alertId()
                                                + "'"));
            }
        }
        for (GroundTruthLabel l : labels) {
            if (l.category() == GroundTruthLabel.Category.ANOMALY
                    && alerts.stream()
                            .noneMatch(
                                    a ->
                                            l.anomalyType() == a.type()
                                                    && l.deviceId().equals(a.deviceId())
                                                    && a.onset() >= l.onset()
                                                    && a.onset() <= l.end() + grace)) {
                System.out.println("false negative: " + LabelsJsonl.toLine(l));
            }
        }
    }

    // ------------------------------------------------------------ run-time rules

    private static final String CAR = "EV-RULES-1";
    private static final String PROBE = "EV-RULES-PROBE";

    @Test
    void shouldApplyAThresholdFromTheRulesTopicWithoutRestartAndIgnoreABadRule() throws Exception {
        String topic = "alerts-rules";
        String rules = "alerts-rules-rules";
        createTopic(topic, 1);
        createTopic(rules, 1);
        String url = database("alerts_rules");
        JobClient client =
                job(JobConfig.of(live(options(topic, rules, url, "rules", false))))
                        .executeAsync("rules");
        try (KafkaProducer<byte[], byte[]> producer = producer()) {
            Feed feed = new Feed(producer, topic);

            // 170 kW is within the shipped 200 kW rating; the probe's 260 kW is not, and its alert
            // shows that these readings went through detection.
            feed.sendTogether(CAR, 170, PROBE, 260, 40);
            await().atMost(Duration.ofMinutes(2))
                    .pollInterval(Duration.ofSeconds(1))
                    .untilAsserted(
                            () -> {
                                feed.tick();
                                assertThat(alertsOf(url, PROBE)).isNotEmpty();
                            });
            assertThat(alertsOf(url, CAR)).isEmpty();

            // Lower the rating at run time: the same 170 kW now alerts, against 150 kW.
            rule(
                    producer,
                    rules,
                    "{\"family\":\"vehicle\",\"pattern\":\"OVER_POWER\",\"version\":2,"
                            + "\"params\":{\"max_discharge_kw\":150,\"max_charge_kw\":200}}");
            await().atMost(Duration.ofMinutes(2))
                    .pollInterval(Duration.ofSeconds(1))
                    .untilAsserted(
                            () -> {
                                feed.send(CAR, 170, 4);
                                assertThat(alertsOf(url, CAR))
                                        .isNotEmpty()
                                        .allSatisfy(
                                                a ->
                                                        assertThat(a.get("threshold"))
                                                                .isEqualTo(150.0));
                            });

            // A bad rule is rejected with its reason and changes nothing.
            String bad =
                    "{\"family\":\"vehicle\",\"pattern\":\"OVER_POWER\",\"version\":3,"
                            + "\"params\":{\"max_discharge_kw\":-400}}";
            rule(producer, rules, bad);
            await().atMost(Duration.ofMinutes(1))
                    .pollInterval(Duration.ofSeconds(1))
                    .untilAsserted(
                            () -> {
                                feed.tick();
                                assertThat(query(url, "SELECT payload, reason FROM rejected_rules"))
                                        .singleElement()
                                        .satisfies(
                                                row -> {
                                                    assertThat(row.get("payload")).isEqualTo(bad);
                                                    assertThat((String) row.get("reason"))
                                                            .contains(
                                                                    "max_discharge_kw=-400.0 is outside");
                                                });
                            });
            // Normal power resolves the alert; 170 kW again opens a new one, still against 150.
            feed.send(CAR, 100, 10);
            await().atMost(Duration.ofMinutes(2))
                    .pollInterval(Duration.ofSeconds(1))
                    .untilAsserted(
                            () -> {
                                feed.send(CAR, 170, 4);
                                List<Map<String, Object>> alerts = alertsOf(url, CAR);
                                assertThat(alerts).hasSizeGreaterThanOrEqualTo(2);
                                assertThat(alerts.get(0).get("state")).isEqualTo("RESOLVED");
                                assertThat(alerts)
                                        .allSatisfy(
                                                a ->
                                                        assertThat(a.get("threshold"))
                                                                .isEqualTo(150.0));
                            });
        } finally {
            client.cancel().get();
        }
    }

    /** Writes a car's readings at 2 Hz of event time, continuing where the last batch ended. */
    private static final class Feed {
        private final KafkaProducer<byte[], byte[]> producer;
        private final String topic;
        private final Map<String, Long> seqs = new HashMap<>();
        private long time = START;

        Feed(KafkaProducer<byte[], byte[]> producer, String topic) {
            this.producer = producer;
            this.topic = topic;
        }

        /** {@code n} readings of the car at {@code kw}; event time advances. */
        void send(String device, double kw, int n) {
            for (int i = 0; i < n; i++) {
                write(device, kw, time);
                time += 500;
            }
            producer.flush();
        }

        /** {@code n} readings of two devices at the same instants. */
        void sendTogether(String device, double kw, String other, double otherKw, int n) {
            for (int i = 0; i < n; i++) {
                write(device, kw, time);
                write(other, otherKw, time);
                time += 500;
            }
            producer.flush();
        }

        /** Moves event time on with normal readings of bystanders, so watermarks advance. */
        void tick() {
            for (int i = 0; i < 6; i++) {
                write("EV-RULES-BYSTANDER-0", 20, time);
                write("EV-RULES-BYSTANDER-1", 20, time);
                time += 500;
            }
            producer.flush();
        }

        private void write(String device, double kw, long eventTime) {
            long seq = seqs.merge(device, 1L, Long::sum);
            TelemetryEvent event =
                    TelemetryEvent.builder(device, Family.VEHICLE)
                            .eventTime(eventTime)
                            .seq(seq)
                            .phase("driving")
                            .metric(Metrics.SPEED_KMH, 90 + (seq % 7))
                            .metric(Metrics.BATTERY_SOC_PCT, 80 - seq * 0.001)
                            .metric(Metrics.BATTERY_TEMP_C, 30 + (seq % 3) * 0.01)
                            .metric(Metrics.MOTOR_TEMP_C, 60 + (seq % 11) * 0.13)
                            .metric(Metrics.POWER_KW, kw + (seq % 2) * 0.5)
                            .metric(Metrics.ODOMETER_KM, 1000 + seq * 0.01)
                            .build();
            producer.send(
                    new ProducerRecord<>(
                            topic,
                            0,
                            eventTime,
                            device.getBytes(StandardCharsets.UTF_8),
                            TelemetryJson.toBytes(event)));
        }
    }

    private static KafkaProducer<byte[], byte[]> producer() {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrapServers());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        return new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer());
    }

    private static void rule(KafkaProducer<byte[], byte[]> producer, String topic, String json)
            throws Exception {
        producer.send(
                        new ProducerRecord<>(
                                topic,
                                "vehicle/OVER_POWER".getBytes(StandardCharsets.UTF_8),
                                json.getBytes(StandardCharsets.UTF_8)))
                .get();
    }

    private static List<Map<String, Object>> alertsOf(String url, String device) throws Exception {
        return query(
                url,
                "SELECT state, threshold, onset FROM alerts WHERE device_id = '"
                        + device
                        + "' AND anomaly_type = 'OVER_POWER' ORDER BY onset");
    }

    private static List<Map<String, Object>> query(String url, String sql) throws Exception {
        List<Map<String, Object>> rows = new ArrayList<>();
        try (Connection connection = DriverManager.getConnection(url, "postgres", "");
                Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery(sql)) {
            ResultSetMetaData meta = rs.getMetaData();
            while (rs.next()) {
                Map<String, Object> row = new HashMap<>();
                for (int i = 1; i <= meta.getColumnCount(); i++) {
                    row.put(meta.getColumnLabel(i), rs.getObject(i));
                }
                rows.add(row);
            }
        }
        return rows;
    }
}
