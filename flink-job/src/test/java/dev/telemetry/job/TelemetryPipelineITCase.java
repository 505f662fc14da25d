package dev.telemetry.job;

import static dev.telemetry.job.testing.ReferenceComputation.first;
import static dev.telemetry.job.testing.ReferenceComputation.last;
import static dev.telemetry.job.testing.ReferenceComputation.mean;
import static dev.telemetry.job.testing.ReferenceComputation.stddev;
import static dev.telemetry.job.testing.ReferenceComputation.values;
import static java.util.stream.Collectors.counting;
import static java.util.stream.Collectors.groupingBy;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import dev.telemetry.infra.junit.KafkaExtension;
import dev.telemetry.infra.junit.PostgresExtension;
import dev.telemetry.job.config.JobConfig;
import dev.telemetry.job.migrate.SchemaMigrator;
import dev.telemetry.job.model.Reading;
import dev.telemetry.job.serde.TelemetrySource;
import dev.telemetry.job.sink.TelemetrySinks;
import dev.telemetry.job.testing.FailOnceAfterCheckpoint;
import dev.telemetry.job.testing.ReferenceComputation;
import dev.telemetry.job.testing.ReferenceComputation.Key;
import dev.telemetry.job.testing.SimulatedInput;
import dev.telemetry.job.testing.TableSnapshot;
import dev.telemetry.job.testing.TopicWriter;
import dev.telemetry.model.Family;
import dev.telemetry.model.MetricDefinition;
import dev.telemetry.model.Metrics;
import dev.telemetry.model.RejectReason;
import dev.telemetry.model.TelemetryEvent;
import dev.telemetry.model.label.BadDataType;
import dev.telemetry.model.label.GroundTruthLabel;
import dev.telemetry.model.label.Outcome;
import dev.telemetry.simulator.SimRecord;
import dev.telemetry.simulator.SimulationOptions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The production topology on a MiniCluster at parallelism 2, reading a fixed-seed simulator run
 * with every bad-data type from a real Kafka broker and writing to a real PostgreSQL.
 */
class TelemetryPipelineITCase {

    private static final int PARTITIONS = 3;
    private static final long WINDOW = 60_000;
    private static final long START = 1_704_067_200_000L; // 2024-01-01T00:00:00Z
    private static final double RATE = 2.0; // readings per device and second

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

    private static final SimulatedInput INPUT =
            SimulatedInput.generate(
                    new SimulationOptions(
                            7,
                            EnumSet.allOf(Family.class),
                            4,
                            RATE,
                            Duration.ofMinutes(6),
                            START,
                            SimulationOptions.DEFAULT_ANOMALIES_PER_DEVICE_HOUR,
                            0.06));

    private static final ReferenceComputation REFERENCE = ReferenceComputation.of(INPUT, WINDOW);

    /** The first run over the whole input, shared by the tests that check its results. */
    private static Run reference;

    private record Run(String topic, String jdbcUrl, String deadLetterTopic) {}

    private static Configuration noKryo() {
        Configuration conf = new Configuration();
        conf.set(PipelineOptions.GENERIC_TYPES, false);
        return conf;
    }

    private static Exception referenceFailure;

    private static synchronized Run reference() throws Exception {
        if (referenceFailure != null) {
            throw new IllegalStateException("the reference run failed", referenceFailure);
        }
        if (reference == null) {
            try {
                Run run = newRun("reference");
                new TopicWriter(KAFKA.bootstrapServers(), PARTITIONS)
                        .write(run.topic(), INPUT.records());
                execute(run, "reference-1");
                reference = run;
            } catch (Exception e) {
                referenceFailure = e;
                throw e;
            }
        }
        return reference;
    }

    private static Run newRun(String name) throws Exception {
        String topic = "telemetry-" + name;
        String deadLetters = topic + "-dlq";
        // The simulated event times are in 2024: keep the records despite time-based retention.
        Map<String, String> keep = Map.of("retention.ms", "-1");
        KAFKA.kafka().createTopic(topic, PARTITIONS, keep);
        KAFKA.kafka().createTopic(deadLetters, 1, keep);
        String url = POSTGRES.postgres().createDatabase("pipeline_" + name);
        SchemaMigrator.migrate(
                config(new Run(topic, url, deadLetters), "migrate").database(), Optional.empty());
        return new Run(topic, url, deadLetters);
    }

    private static JobConfig config(Run run, String groupId) {
        Map<String, String> options = new HashMap<>();
        options.put("kafka.bootstrap-servers", KAFKA.bootstrapServers());
        options.put("kafka.topic", run.topic());
        options.put("kafka.dead-letter-topic", run.deadLetterTopic());
        options.put("kafka.group-id", groupId);
        options.put("kafka.starting-offsets", "EARLIEST");
        options.put("kafka.bounded", "true");
        options.put("jdbc.url", run.jdbcUrl());
        options.put("jdbc.user", "postgres");
        options.put("job.parallelism", "2");
        options.put("job.checkpoint-interval", "200 ms");
        options.put("kpi.energy.expected-reading-interval", "500 ms");
        return JobConfig.of(options);
    }

    private static void execute(Run run, String groupId) throws Exception {
        JobConfig config = config(run, groupId);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        TelemetryPipeline.configureEnvironment(env, config);
        TelemetryPipeline.build(
                env,
                config,
                TelemetrySource.kafka(config, Clock.systemUTC()),
                TelemetrySinks.production(config));
        env.execute(groupId);
    }

    // ---------------------------------------------------------------- ground truth

    @Test
    void shouldInjectEveryBadDataType() {
        assertThat(INPUT.stats().badRecords())
                .allSatisfy((type, count) -> assertThat(count).as("%s", type).isPositive());
    }

    @Test
    void shouldRejectExactlyTheRecordsTheSimulatorCorruptedPerReason() throws Exception {
        Map<RejectReason, Long> labelled =
                INPUT.labels().stream()
                        .filter(l -> l.outcome() == Outcome.REJECTED)
                        .collect(
                                groupingBy(
                                        GroundTruthLabel::reason,
                                        () -> new EnumMap<>(RejectReason.class),
                                        counting()));

        Map<RejectReason, Long> written = new EnumMap<>(RejectReason.class);
        for (Map<String, Object> row :
                query(
                        reference().jdbcUrl(),
                        "SELECT reason, count(*) AS n FROM rejected_events GROUP BY reason")) {
            written.put(RejectReason.valueOf((String) row.get("reason")), (Long) row.get("n"));
        }

        assertThat(written).isEqualTo(labelled);
        assertThat(REFERENCE.rejected).isEqualTo(labelled);
    }

    @Test
    void shouldCountDuplicatesAndLateReadingsPerDeviceAndWindowAsLabelled() throws Exception {
        Map<String, Long> lateLabels = perDeviceWindow(BadDataType.VERY_LATE);
        Map<String, Long> duplicateLabels = perDeviceWindow(BadDataType.DUPLICATE);

        assertThat(countsPerDeviceWindow("late_events", "late_count")).isEqualTo(lateLabels);
        assertThat(countsPerDeviceWindow("duplicate_events", "duplicate_count"))
                .isEqualTo(duplicateLabels);
        assertThat(lateLabels).isNotEmpty();
        assertThat(duplicateLabels).isNotEmpty();
    }

    private static Map<String, Long> perDeviceWindow(BadDataType type) {
        return INPUT.labels().stream()
                .filter(l -> l.badDataType() == type)
                .collect(
                        groupingBy(
                                l -> l.deviceId() + "@" + Math.floorDiv(l.onset(), WINDOW) * WINDOW,
                                counting()));
    }

    private static Map<String, Long> countsPerDeviceWindow(String table, String column)
            throws Exception {
        Map<String, Long> counts = new HashMap<>();
        for (Map<String, Object> row :
                query(
                        reference().jdbcUrl(),
                        "SELECT device_id, (extract(epoch FROM window_start) * 1000)::bigint AS ws, "
                                + column
                                + " AS n FROM "
                                + table)) {
            counts.put(row.get("device_id") + "@" + row.get("ws"), (Long) row.get("n"));
        }
        return counts;
    }

    @Test
    void shouldAccountForEveryProducedRecord() throws Exception {
        Map<String, Object> totals =
                query(
                                reference().jdbcUrl(),
                                "SELECT (SELECT sum(reading_count) FROM device_windows)::bigint AS accepted,"
                                        + " (SELECT count(*) FROM rejected_events)::bigint AS rejected,"
                                        + " (SELECT sum(duplicate_count) FROM duplicate_events)::bigint AS duplicates,"
                                        + " (SELECT sum(late_count) FROM late_events)::bigint AS late,"
                                        + " (SELECT sum(total) FROM data_quality)::bigint AS dq_total,"
                                        + " (SELECT sum(accepted) FROM data_quality)::bigint AS dq_accepted")
                        .get(0);
        long accepted = (Long) totals.get("accepted");
        long rejected = (Long) totals.get("rejected");
        long duplicates = (Long) totals.get("duplicates");
        long late = (Long) totals.get("late");
        long produced = INPUT.records().size();

        assertThat(accepted + rejected + duplicates + late).isEqualTo(produced);
        assertThat(produced).isEqualTo(INPUT.stats().records());
        assertThat(accepted).isEqualTo(REFERENCE.accepted);
        assertThat(duplicates).isEqualTo(REFERENCE.duplicates);
        assertThat(late).isEqualTo(REFERENCE.late);
        assertThat(totals.get("dq_total")).isEqualTo(produced);
        assertThat(totals.get("dq_accepted")).isEqualTo(accepted);
    }

    @Test
    void shouldWriteEveryRejectToTheDeadLetterTopic() throws Exception {
        Run run = reference();
        Map<String, String> rows = new HashMap<>();
        for (Map<String, Object> row :
                query(
                        run.jdbcUrl(),
                        "SELECT source_partition || '@' || source_offset AS at, reason"
                                + " FROM rejected_events")) {
            rows.put((String) row.get("at"), (String) row.get("reason"));
        }

        // At least once: a repeated run may write a dead letter again, never lose one.
        Map<String, String> letters = new HashMap<>();
        var mapper = new com.fasterxml.jackson.databind.ObjectMapper();
        for (ConsumerRecord<byte[], byte[]> record : readAll(run.deadLetterTopic())) {
            var json = mapper.readTree(record.value());
            assertThat(json.at("/source/topic").asText()).isEqualTo(run.topic());
            assertThat(json.get("payload_size").asInt()).isPositive();
            letters.put(
                    json.at("/source/partition").asInt() + "@" + json.at("/source/offset").asLong(),
                    json.get("reason").asText());
        }

        assertThat(letters).isEqualTo(rows).isNotEmpty();
    }

    // ---------------------------------------------------------------- KPIs against the reference

    @Test
    void shouldComputeDeviceWindowAndMetricKpisLikeTheReference() throws Exception {
        Map<String, Map<String, Object>> windows =
                byKey(
                        query(
                                reference().jdbcUrl(),
                                "SELECT *, "
                                        + epoch("window_start")
                                        + " AS ws, "
                                        + epoch("first_event_time")
                                        + " AS first_ms, "
                                        + epoch("last_event_time")
                                        + " AS last_ms FROM device_windows"),
                        "device_id",
                        "ws");
        Map<String, Map<String, Object>> metrics =
                byKey(
                        query(
                                reference().jdbcUrl(),
                                "SELECT *, "
                                        + epoch("window_start")
                                        + " AS ws FROM device_metric_kpis"),
                        "device_id",
                        "ws",
                        "metric");

        long metricRows = 0;
        for (Map.Entry<Key, List<TelemetryEvent>> entry : REFERENCE.windows.entrySet()) {
            Key key = entry.getKey();
            List<TelemetryEvent> events = entry.getValue();
            Map<String, Object> window = windows.get(key.deviceId() + "|" + key.windowStart());
            assertThat(window).as("device window %s", key).isNotNull();
            assertThat(window.get("reading_count")).isEqualTo((long) events.size());
            assertThat(window.get("first_ms"))
                    .isEqualTo(
                            events.stream().mapToLong(TelemetryEvent::eventTime).min().getAsLong());
            assertThat(window.get("last_ms"))
                    .isEqualTo(
                            events.stream().mapToLong(TelemetryEvent::eventTime).max().getAsLong());
            for (MetricDefinition def : Metrics.of(events.get(0).family())) {
                double[] v = values(events, def.name());
                if (v.length == 0) {
                    continue;
                }
                metricRows++;
                Map<String, Object> row =
                        metrics.get(key.deviceId() + "|" + key.windowStart() + "|" + def.name());
                assertThat(row).as("%s %s", key, def.name()).isNotNull();
                assertThat(row.get("sample_count")).isEqualTo((long) v.length);
                assertThat(row.get("unit")).isEqualTo(def.unit());
                assertThat((Double) row.get("min_value"))
                        .isEqualTo(java.util.Arrays.stream(v).min().getAsDouble());
                assertThat((Double) row.get("max_value"))
                        .isEqualTo(java.util.Arrays.stream(v).max().getAsDouble());
                assertThat((Double) row.get("last_value")).isEqualTo(last(events, def.name()));
                assertClose((Double) row.get("avg_value"), mean(v));
                assertClose((Double) row.get("stddev_value"), stddev(v));
            }
        }
        assertThat(windows).hasSize(REFERENCE.windows.size());
        assertThat(metrics).hasSize((int) metricRows);
    }

    @Test
    void shouldComputeFamilyKpisLikeTheReference() throws Exception {
        String url = reference().jdbcUrl();
        Map<String, Map<String, Object>> engines =
                byKey(
                        query(
                                url,
                                "SELECT *, " + epoch("window_start") + " AS ws FROM engine_kpis"),
                        "device_id",
                        "ws");
        Map<String, Map<String, Object>> vehicles =
                byKey(
                        query(
                                url,
                                "SELECT *, " + epoch("window_start") + " AS ws FROM vehicle_kpis"),
                        "device_id",
                        "ws");
        Map<String, Map<String, Object>> sites =
                byKey(
                        query(
                                url,
                                "SELECT *, "
                                        + epoch("window_start")
                                        + " AS ws FROM energy_site_kpis"),
                        "device_id",
                        "ws");
        Map<String, Map<String, Object>> flights =
                byKey(
                        query(
                                url,
                                "SELECT *, "
                                        + epoch("window_start")
                                        + " AS ws FROM flight_fleet_kpis"),
                        "ws");
        Map<String, Map<String, Object>> engineFleet =
                byKey(
                        query(
                                url,
                                "SELECT *, "
                                        + epoch("window_start")
                                        + " AS ws FROM engine_fleet_kpis"),
                        "ws");

        Map<Long, List<List<TelemetryEvent>>> aircraftPerWindow = new LinkedHashMap<>();
        Map<Long, List<Map<String, Object>>> enginesPerWindow = new LinkedHashMap<>();
        for (Map.Entry<Key, List<TelemetryEvent>> entry : REFERENCE.windows.entrySet()) {
            Key key = entry.getKey();
            List<TelemetryEvent> events = entry.getValue();
            String id = key.deviceId() + "|" + key.windowStart();
            switch (events.get(0).family()) {
                case ENGINE -> {
                    Map<String, Object> row = engines.get(id);
                    enginesPerWindow
                            .computeIfAbsent(key.windowStart(), k -> new ArrayList<>())
                            .add(row);
                    double[] scores =
                            events.stream()
                                    .filter(e -> "mainstage".equals(e.phase()))
                                    .mapToDouble(e -> e.metric(Metrics.PERFORMANCE_SCORE))
                                    .toArray();
                    assertThat(row.get("reading_count")).isEqualTo((long) events.size());
                    assertThat(row.get("mainstage_count")).isEqualTo((long) scores.length);
                    if (scores.length == 0) {
                        assertThat(row.get("health_status")).isNull();
                    } else {
                        double score = mean(scores);
                        assertClose((Double) row.get("performance_score"), score);
                        assertThat(row.get("health_status"))
                                .isEqualTo(
                                        score >= 90
                                                ? "EXCELLENT"
                                                : score >= 75
                                                        ? "GOOD"
                                                        : score >= 60 ? "FAIR" : "NEEDS_ATTENTION");
                    }
                }
                case VEHICLE -> {
                    Map<String, Object> row = vehicles.get(id);
                    double[] odometer = values(events, Metrics.ODOMETER_KM);
                    if (odometer.length >= 2) {
                        assertClose(
                                (Double) row.get("distance_km"),
                                last(events, Metrics.ODOMETER_KM)
                                        - first(events, Metrics.ODOMETER_KM));
                    }
                    assertClose(
                            (Double) row.get("avg_speed_kmh"),
                            mean(values(events, Metrics.SPEED_KMH)));
                    assertThat((Double) row.get("max_battery_temp_c"))
                            .isEqualTo(
                                    java.util.Arrays.stream(values(events, Metrics.BATTERY_TEMP_C))
                                            .max()
                                            .getAsDouble());
                    if (events.size() >= 2) {
                        assertClose(
                                (Double) row.get("energy_kwh"),
                                sumOf(values(events, Metrics.POWER_KW))
                                        * meanIntervalHours(events));
                    }
                }
                case ENERGY -> {
                    Map<String, Object> row = sites.get(id);
                    assertThat((Double) row.get("peak_power_w"))
                            .isEqualTo(
                                    java.util.Arrays.stream(values(events, Metrics.POWER_W))
                                            .max()
                                            .getAsDouble());
                    assertClose(
                            (Double) row.get("avg_temp_c"),
                            mean(values(events, Metrics.TEMPERATURE_C)));
                    assertClose(
                            (Double) row.get("uptime_percent"),
                            Math.min(100, 100.0 * events.size() / (WINDOW / 500.0)));
                    if (events.size() >= 2) {
                        assertClose(
                                (Double) row.get("energy_wh_total"),
                                sumOf(values(events, Metrics.POWER_W)) * meanIntervalHours(events));
                    }
                }
                case FLIGHT ->
                        aircraftPerWindow
                                .computeIfAbsent(key.windowStart(), k -> new ArrayList<>())
                                .add(events);
            }
        }
        assertThat(engines).hasSize(enginesPerWindow.values().stream().mapToInt(List::size).sum());

        for (Map.Entry<Long, List<Map<String, Object>>> window : enginesPerWindow.entrySet()) {
            Map<String, Object> fleet = engineFleet.get(String.valueOf(window.getKey()));
            List<Map<String, Object>> rows = window.getValue();
            assertThat(fleet.get("engine_count")).isEqualTo((long) rows.size());
            assertThat(fleet.get("excellent_count"))
                    .isEqualTo(
                            rows.stream()
                                    .filter(r -> "EXCELLENT".equals(r.get("health_status")))
                                    .count());
            assertThat(fleet.get("needs_attention_count"))
                    .isEqualTo(
                            rows.stream()
                                    .filter(r -> "NEEDS_ATTENTION".equals(r.get("health_status")))
                                    .count());
            assertThat(fleet.get("idle_count"))
                    .isEqualTo(rows.stream().filter(r -> r.get("health_status") == null).count());
        }

        assertThat(flights).hasSize(aircraftPerWindow.size());
        for (Map.Entry<Long, List<List<TelemetryEvent>>> window : aircraftPerWindow.entrySet()) {
            Map<String, Object> row = flights.get(String.valueOf(window.getKey()));
            List<List<TelemetryEvent>> aircraft = window.getValue();
            double[] velocities =
                    aircraft.stream()
                            .flatMap(List::stream)
                            .mapToDouble(e -> e.metric(Metrics.VELOCITY_MS))
                            .filter(v -> !Double.isNaN(v))
                            .toArray();
            assertThat(row.get("aircraft_count")).isEqualTo((long) aircraft.size());
            assertThat(row.get("with_position_count"))
                    .isEqualTo(
                            aircraft.stream()
                                    .filter(
                                            events ->
                                                    events.stream()
                                                            .anyMatch(e -> e.position() != null))
                                    .count());
            assertThat(row.get("on_ground_count"))
                    .isEqualTo(
                            aircraft.stream()
                                    .filter(events -> last(events, Metrics.ON_GROUND) == 1)
                                    .count());
            assertThat(row.get("in_air_count"))
                    .isEqualTo(
                            aircraft.stream()
                                    .filter(events -> last(events, Metrics.ON_GROUND) == 0)
                                    .count());
            assertClose((Double) row.get("avg_velocity_ms"), mean(velocities));
            assertThat((Double) row.get("max_velocity_ms"))
                    .isEqualTo(java.util.Arrays.stream(velocities).max().getAsDouble());
        }
    }

    private static double sumOf(double[] values) {
        return values.length == 0 ? Double.NaN : mean(values) * values.length;
    }

    private static double meanIntervalHours(List<TelemetryEvent> events) {
        long min = events.stream().mapToLong(TelemetryEvent::eventTime).min().getAsLong();
        long max = events.stream().mapToLong(TelemetryEvent::eventTime).max().getAsLong();
        return (double) (max - min) / (events.size() - 1) / 3_600_000.0;
    }

    private static void assertClose(Double actual, double expected) {
        assertThat(actual).isNotNull();
        assertThat(actual).isCloseTo(expected, within(1e-9 * Math.max(1, Math.abs(expected))));
    }

    // ---------------------------------------------------------------- determinism

    @Test
    void shouldGiveIdenticalTablesWhenTheSameInputRunsAgain() throws Exception {
        Run run = reference();
        Map<String, List<String>> first = TableSnapshot.of(run.jdbcUrl(), run.topic());

        execute(run, "reference-2");

        assertThat(TableSnapshot.of(run.jdbcUrl(), run.topic())).isEqualTo(first);
        assertThat(first.get("device_metric_kpis")).isNotEmpty();
    }

    @Test
    void shouldGiveIdenticalTablesAfterRecoveringFromACheckpoint() throws Exception {
        Map<String, List<String>> expected =
                TableSnapshot.of(reference().jdbcUrl(), reference().topic());
        Run run = newRun("restarted");
        List<SimRecord> records = INPUT.records();
        TopicWriter writer = new TopicWriter(KAFKA.bootstrapServers(), PARTITIONS);
        Map<TopicPartition, Long> end = writer.endOffsets(run.topic(), records);
        writer.write(run.topic(), records.subList(0, records.size() / 2));

        JobConfig config = config(run, "restarted");
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        TelemetryPipeline.configureEnvironment(env, config);
        Configuration restarts = new Configuration();
        restarts.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
        restarts.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, 3);
        restarts.set(
                RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, Duration.ofMillis(100));
        env.configure(restarts);
        PipelineStreams streams =
                TelemetryPipeline.build(
                        env,
                        config,
                        TelemetrySource.builder(config, Clock.systemUTC())
                                .setBounded(OffsetsInitializer.offsets(end))
                                .build(),
                        TelemetrySinks.production(config));
        FailOnceAfterCheckpoint.reset();
        streams.validated()
                .map(new FailOnceAfterCheckpoint(500))
                .returns(TypeInformation.of(Reading.class))
                .uid("test-failure-injector")
                .sinkTo(new DiscardingSink<>())
                .uid("test-failure-injector-sink");

        JobClient job = env.executeAsync("restarted");
        await().atMost(Duration.ofMinutes(1))
                .until(
                        () ->
                                FailOnceAfterCheckpoint.FAILED.get()
                                        && FailOnceAfterCheckpoint.RESTORED.get());
        writer.write(run.topic(), records.subList(records.size() / 2, records.size()));
        job.getJobExecutionResult().get(3, TimeUnit.MINUTES);

        assertThat(TableSnapshot.of(run.jdbcUrl(), run.topic())).isEqualTo(expected);
    }

    // ---------------------------------------------------------------- helpers

    private static String epoch(String column) {
        return "(extract(epoch FROM " + column + ") * 1000)::bigint";
    }

    private static Map<String, Map<String, Object>> byKey(
            List<Map<String, Object>> rows, String... columns) {
        Map<String, Map<String, Object>> byKey = new HashMap<>();
        for (Map<String, Object> row : rows) {
            StringBuilder key = new StringBuilder();
            for (String column : columns) {
                key.append(key.length() == 0 ? "" : "|").append(row.get(column));
            }
            assertThat(byKey.put(key.toString(), row)).as("duplicate key %s", key).isNull();
        }
        return byKey;
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

    private static List<ConsumerRecord<byte[], byte[]>> readAll(String topic) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrapServers());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer =
                new KafkaConsumer<>(
                        props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions =
                    consumer.partitionsFor(topic).stream()
                            .map(p -> new TopicPartition(topic, p.partition()))
                            .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            await().atMost(Duration.ofSeconds(30))
                    .until(
                            () -> {
                                consumer.poll(Duration.ofMillis(100)).forEach(records::add);
                                return partitions.stream()
                                        .allMatch(p -> consumer.position(p) >= end.get(p));
                            });
        }
        return records;
    }
}
