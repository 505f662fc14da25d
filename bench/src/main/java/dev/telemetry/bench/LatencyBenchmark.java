package dev.telemetry.bench;

import dev.telemetry.job.config.JobConfig;
import dev.telemetry.model.Family;
import dev.telemetry.simulator.Simulation;
import dev.telemetry.simulator.SimulationOptions;
import dev.telemetry.simulator.kafka.KafkaRecordSink;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.locks.LockSupport;
import org.apache.flink.api.common.JobID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/**
 * Item 2: latency at a fixed input rate, measured on the wall clock of this JVM.
 *
 * <p>The simulator runs live: its event times start now and every record is sent when the wall
 * clock reaches its event time (so event time = send time, up to the reported pacing lag), with its
 * labelled anomalies injected at known event times. Triggers in PostgreSQL call {@code pg_notify}
 * for every new alert ({@code alert_events} row with {@code event_seq = 0}) and for a 1-in-16
 * sample of {@code device_metric_kpis} rows; PostgreSQL delivers a notification only when the
 * inserting transaction commits, so the time it arrives here is the time the row became visible.
 *
 * <ul>
 *   <li>alert latency = notification arrival − event time of the alert's triggering reading (the
 *       alert's {@code event_time}, which is its onset);
 *   <li>KPI latency = notification arrival − {@code window_end} of the row (the row cannot be
 *       complete before the window's last reading, which is sent just before its end).
 * </ul>
 *
 * <p>Baseline, measured at the same time over the same topic: a plain Kafka consumer that inserts
 * every 100th record straight into a PostgreSQL table with the same kind of trigger (Kafka to
 * committed row without Flink), with latency = arrival − the record's event time.
 */
final class LatencyBenchmark {

    private static final int PARTITIONS = 4;
    private static final double READINGS_PER_DEVICE_PER_SECOND = 10;

    /** Windows short enough that several close during one run. */
    static final Duration WINDOW = Duration.ofSeconds(10);

    private LatencyBenchmark() {}

    /**
     * A job configuration to measure.
     *
     * @param name short name, used in ids
     * @param description what differs from production
     * @param outOfOrderness {@code watermark.out-of-orderness}
     * @param watermarkIntervalMs {@code pipeline.auto-watermark-interval}
     * @param jdbcBatchInterval {@code jdbc.batch-interval}
     */
    record Settings(
            String name,
            String description,
            Duration outOfOrderness,
            long watermarkIntervalMs,
            Duration jdbcBatchInterval) {}

    /**
     * @param rate requested events/s
     * @param achievedRate records sent / sending time
     * @param alerts alert latency
     * @param kpis KPI row latency
     * @param pipe baseline: Kafka to committed row without Flink
     * @param pacingLagP99Ms p99 of how late the simulator sent records behind their event time
     * @param alertsByType new alerts per anomaly type
     */
    record Result(
            Settings settings,
            int rate,
            double achievedRate,
            long records,
            Percentiles alerts,
            Percentiles kpis,
            Percentiles pipe,
            long pacingLagP99Ms,
            long pacingLagMaxMs,
            Map<String, Integer> alertsByType) {}

    static Result run(
            BenchInfra infra,
            Path workDir,
            Settings settings,
            int rate,
            Duration duration,
            int parallelism)
            throws Exception {
        String name = "latency_" + settings.name();
        String topic = "bench-" + name;
        infra.createTopic(topic, PARTITIONS);
        infra.createTopic(topic + "-dlq", 1);
        infra.createTopic(topic + "-rules", 1);
        String url = infra.migratedDatabase("bench_" + name);
        installTriggers(infra, url);

        Map<String, String> options = new HashMap<>();
        options.put("kafka.bootstrap-servers", infra.bootstrapServers());
        options.put("kafka.topic", topic);
        options.put("kafka.dead-letter-topic", topic + "-dlq");
        options.put("kafka.rules-topic", topic + "-rules");
        options.put("kafka.group-id", "bench-" + name);
        options.put("kafka.starting-offsets", "EARLIEST");
        options.put("jdbc.url", url);
        options.put("jdbc.user", "postgres");
        options.put("jdbc.batch-interval", settings.jdbcBatchInterval().toMillis() + " ms");
        options.put("watermark.out-of-orderness", settings.outOfOrderness().toMillis() + " ms");
        options.put("window.size", WINDOW.toSeconds() + " s");
        options.put("job.parallelism", Integer.toString(parallelism));
        JobConfig config = JobConfig.of(options);

        int perFamily =
                (int)
                        Math.max(
                                1,
                                Math.round(
                                        rate
                                                / READINGS_PER_DEVICE_PER_SECOND
                                                / Family.values().length));
        try (Listener listener = Listener.start(infra.connect(url));
                ProbePipe pipe =
                        ProbePipe.start(infra.bootstrapServers(), topic, infra.connect(url));
                BenchCluster cluster = BenchCluster.start(parallelism, workDir.resolve(name))) {
            JobID job =
                    cluster.submit(
                            config,
                            env ->
                                    env.getConfig()
                                            .setAutoWatermarkInterval(
                                                    settings.watermarkIntervalMs()));
            cluster.awaitStarted(job);

            long start = (System.currentTimeMillis() / 1000 + 2) * 1000;
            SimulationOptions live =
                    new SimulationOptions(
                            23,
                            EnumSet.allOf(Family.class),
                            perFamily,
                            READINGS_PER_DEVICE_PER_SECOND,
                            duration,
                            start,
                            SimulationOptions.DEFAULT_ANOMALIES_PER_DEVICE_HOUR,
                            0);
            WallClockPacer pacer = new WallClockPacer();
            long records;
            try (KafkaRecordSink sink = KafkaRecordSink.create(infra.bootstrapServers(), topic)) {
                records = new Simulation(live).run(sink, label -> {}, pacer).records();
            }
            double sendSeconds = (System.currentTimeMillis() - start) / 1000.0;
            // Rows whose watermark already passed are on their way; give them time to commit.
            Thread.sleep(3_000);
            cluster.cancel(job);
            pipe.stop();
            listener.stop();

            List<Long> alertLatency = new ArrayList<>();
            List<Long> kpiLatency = new ArrayList<>();
            List<Long> pipeLatency = new ArrayList<>();
            Map<String, Integer> byType = new TreeMap<>();
            for (Listener.Received r : listener.received()) {
                String[] parts = r.payload().split("\\|");
                long eventTime = Long.parseLong(parts[parts.length - 1]);
                if (r.channel().equals("bench_alert")) {
                    alertLatency.add(r.receivedAt() - eventTime);
                    byType.merge(parts[0], 1, Integer::sum);
                } else if (r.channel().equals("bench_kpi")) {
                    kpiLatency.add(r.receivedAt() - eventTime);
                } else {
                    pipeLatency.add(r.receivedAt() - eventTime);
                }
            }
            return new Result(
                    settings,
                    rate,
                    records / sendSeconds,
                    records,
                    Percentiles.of(alertLatency),
                    Percentiles.of(kpiLatency),
                    Percentiles.of(pipeLatency),
                    pacer.lagP99(),
                    pacer.lagMax(),
                    byType);
        }
    }

    private static void installTriggers(BenchInfra infra, String url) throws SQLException {
        infra.execute(
                url,
                """
                CREATE FUNCTION bench_notify_alert() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF NEW.event_seq = 0 THEN
                        PERFORM pg_notify('bench_alert', NEW.anomaly_type || '|' || NEW.device_id
                            || '|' || (extract(epoch FROM NEW.event_time) * 1000)::bigint);
                    END IF;
                    RETURN NULL;
                END $$;
                CREATE TRIGGER bench_alert_committed AFTER INSERT ON alert_events
                    FOR EACH ROW EXECUTE FUNCTION bench_notify_alert();
                CREATE FUNCTION bench_notify_kpi() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    PERFORM pg_notify('bench_kpi', NEW.device_id || '|' || NEW.metric
                        || '|' || (extract(epoch FROM NEW.window_end) * 1000)::bigint);
                    RETURN NULL;
                END $$;
                CREATE TRIGGER bench_kpi_committed AFTER INSERT ON device_metric_kpis
                    FOR EACH ROW WHEN (hashtext(NEW.device_id || NEW.metric) & 15 = 0)
                    EXECUTE FUNCTION bench_notify_kpi();
                CREATE TABLE bench_probe (source_partition int, source_offset bigint,
                    event_time timestamptz, PRIMARY KEY (source_partition, source_offset));
                CREATE FUNCTION bench_notify_probe() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    PERFORM pg_notify('bench_probe', NEW.source_partition || '|'
                        || NEW.source_offset || '|'
                        || (extract(epoch FROM NEW.event_time) * 1000)::bigint);
                    RETURN NULL;
                END $$;
                CREATE TRIGGER bench_probe_committed AFTER INSERT ON bench_probe
                    FOR EACH ROW EXECUTE FUNCTION bench_notify_probe();
                """);
    }

    /**
     * Sends each record when the wall clock reaches its emission (= event) time and records how
     * late that was.
     */
    static final class WallClockPacer implements Simulation.EmissionClock {
        private final List<Long> lags = new ArrayList<>();
        private long calls;

        @Override
        public void awaitEmissionTime(long emissionTimeMillis) {
            long now;
            while ((now = System.currentTimeMillis()) < emissionTimeMillis) {
                LockSupport.parkNanos((emissionTimeMillis - now) * 1_000_000);
            }
            if ((calls++ & 7) == 0) {
                lags.add(now - emissionTimeMillis);
            }
        }

        long lagP99() {
            return Percentiles.of(lags).p99();
        }

        long lagMax() {
            return lags.isEmpty() ? 0 : Collections.max(lags);
        }
    }

    /** The baseline: every 100th record of the topic inserted into {@code bench_probe} at once. */
    static final class ProbePipe implements AutoCloseable {

        private static final int EVERY = 100;

        private final KafkaConsumer<byte[], byte[]> consumer;
        private final Connection connection;
        private final Thread thread;
        private volatile boolean running = true;
        private volatile Exception failure;

        private ProbePipe(KafkaConsumer<byte[], byte[]> consumer, Connection connection) {
            this.consumer = consumer;
            this.connection = connection;
            this.thread = new Thread(this::loop, "bench-probe-pipe");
        }

        static ProbePipe start(String bootstrapServers, String topic, Connection connection) {
            Properties props = new Properties();
            props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
            props.put(
                    ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
                    ByteArrayDeserializer.class.getName());
            props.put(
                    ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
                    ByteArrayDeserializer.class.getName());
            KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props);
            List<TopicPartition> partitions =
                    consumer.partitionsFor(topic).stream()
                            .map(p -> new TopicPartition(topic, p.partition()))
                            .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            ProbePipe pipe = new ProbePipe(consumer, connection);
            pipe.thread.start();
            return pipe;
        }

        private void loop() {
            try (PreparedStatement insert =
                    connection.prepareStatement(
                            "INSERT INTO bench_probe VALUES (?, ?, ?) ON CONFLICT DO NOTHING")) {
                while (running) {
                    for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(50))) {
                        if (r.offset() % EVERY == 0) {
                            insert.setInt(1, r.partition());
                            insert.setLong(2, r.offset());
                            insert.setObject(
                                    3,
                                    OffsetDateTime.ofInstant(
                                            Instant.ofEpochMilli(r.timestamp()), ZoneOffset.UTC));
                            insert.executeUpdate();
                        }
                    }
                }
            } catch (Exception e) {
                failure = e;
            }
        }

        void stop() throws InterruptedException {
            running = false;
            thread.join(10_000);
            if (failure != null) {
                throw new IllegalStateException("the baseline pipe failed", failure);
            }
        }

        @Override
        public void close() throws Exception {
            running = false;
            thread.join(10_000);
            consumer.close();
            connection.close();
        }
    }

    /** A connection that LISTENs on the benchmark's channels and stamps each notification. */
    static final class Listener implements AutoCloseable {

        record Received(String channel, String payload, long receivedAt) {}

        private final Connection connection;
        private final List<Received> received = Collections.synchronizedList(new ArrayList<>());
        private final Thread thread;
        private volatile boolean running = true;

        private Listener(Connection connection) {
            this.connection = connection;
            this.thread = new Thread(this::loop, "bench-notification-listener");
        }

        static Listener start(Connection connection) throws SQLException {
            try (Statement s = connection.createStatement()) {
                s.execute("LISTEN bench_alert");
                s.execute("LISTEN bench_kpi");
                s.execute("LISTEN bench_probe");
            }
            Listener listener = new Listener(connection);
            listener.thread.start();
            return listener;
        }

        private void loop() {
            try {
                PGConnection pg = connection.unwrap(PGConnection.class);
                while (running) {
                    PGNotification[] batch = pg.getNotifications(20);
                    long now = System.currentTimeMillis();
                    if (batch != null) {
                        for (PGNotification n : batch) {
                            received.add(new Received(n.getName(), n.getParameter(), now));
                        }
                    }
                }
            } catch (SQLException e) {
                if (running) {
                    throw new IllegalStateException("listening for notifications failed", e);
                }
            }
        }

        void stop() throws InterruptedException {
            running = false;
            thread.join(5_000);
        }

        List<Received> received() {
            synchronized (received) {
                return List.copyOf(received);
            }
        }

        @Override
        public void close() throws Exception {
            running = false;
            thread.join(5_000);
            connection.close();
        }
    }
}
