package dev.telemetry.local;

import dev.telemetry.job.config.JobConfig.DatabaseConfig;
import dev.telemetry.local.PipelineSummary.AlertCount;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Takes {@link PipelineSummary summaries}: counters of the feed, the job's committed offsets on the
 * telemetry topic, and this run's rows in PostgreSQL.
 */
final class SummaryCollector implements AutoCloseable {

    private static final Duration KAFKA_TIMEOUT = Duration.ofSeconds(3);

    /** Rates are averaged over about this long, which spans a few checkpoints. */
    private static final Duration RATE_WINDOW = Duration.ofSeconds(20);

    private static final String REJECTED_SQL =
            "SELECT reason, count(*) FROM rejected_events WHERE ingested_at >= ?"
                    + " GROUP BY reason ORDER BY count(*) DESC, reason";
    private static final String DEVICE_WINDOWS_SQL =
            "SELECT count(*) FROM device_windows WHERE window_end > ?";
    private static final String ALERTS_SQL =
            "SELECT anomaly_type, severity, count(*) FILTER (WHERE state <> 'RESOLVED'), count(*)"
                    + " FROM alerts WHERE last_firing >= ?"
                    + " GROUP BY anomaly_type, severity ORDER BY anomaly_type, severity";

    /** The feed's counters; zero when nothing feeds the topic. */
    record FeedCounters(
            LongSupplier produced, LongSupplier deliveryFailures, LongSupplier anomalies) {

        static final FeedCounters NONE = new FeedCounters(() -> 0, () -> 0, () -> 0);
    }

    private final DatabaseConfig database;
    private final String topic;
    private final String groupId;
    private final Instant since;
    private volatile FeedCounters feed;
    private final Supplier<String> jobStatus;
    private final Clock clock;
    private final Admin admin;
    private final long processedFrom;
    private final Rate producedRate = new Rate();
    private final Rate processedRate = new Rate();

    /**
     * @param since the start of this run: earlier rows and offsets are not counted
     */
    SummaryCollector(
            DatabaseConfig database,
            String bootstrapServers,
            String topic,
            String groupId,
            Instant since,
            FeedCounters feed,
            Supplier<String> jobStatus,
            Clock clock) {
        this.database = database;
        this.topic = topic;
        this.groupId = groupId;
        this.since = since;
        this.feed = feed;
        this.jobStatus = jobStatus;
        this.clock = clock;
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(AdminClientConfig.CLIENT_ID_CONFIG, "telemetry-local-summary");
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) KAFKA_TIMEOUT.toMillis());
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) KAFKA_TIMEOUT.toMillis());
        this.admin = Admin.create(props);
        // Records already on the topic are earlier runs'; this run's records start at its end.
        this.processedFrom = endOffsets().orElse(committed().orElse(0));
    }

    /** Counts from this feed from now on. */
    void feed(FeedCounters feed) {
        this.feed = feed;
    }

    /** Takes a summary; what cannot be read is listed in {@link PipelineSummary#problems()}. */
    synchronized PipelineSummary collect(Instant startedAt) {
        Instant now = clock.instant();
        long nanos = System.nanoTime();
        List<String> problems = new ArrayList<>();

        long produced = feed.produced().getAsLong();
        OptionalLong committed = committed();
        long processed = Math.max(0, committed.orElse(processedFrom) - processedFrom);
        long lag = -1;
        if (committed.isPresent()) {
            OptionalLong end = endOffsets();
            if (end.isPresent()) {
                lag = Math.max(0, end.getAsLong() - committed.getAsLong());
            }
        }

        Map<String, Long> rejected = new LinkedHashMap<>();
        long deviceWindows = 0;
        List<AlertCount> alerts = new ArrayList<>();
        try (Connection connection = Preflight.connect(database)) {
            query(connection, REJECTED_SQL, rs -> rejected.put(rs.getString(1), rs.getLong(2)))
                    .ifPresent(problems::add);
            long[] windows = new long[1];
            query(connection, DEVICE_WINDOWS_SQL, rs -> windows[0] = rs.getLong(1))
                    .ifPresent(problems::add);
            deviceWindows = windows[0];
            query(
                            connection,
                            ALERTS_SQL,
                            rs ->
                                    alerts.add(
                                            new AlertCount(
                                                    rs.getString(1),
                                                    rs.getString(2),
                                                    rs.getLong(3),
                                                    rs.getLong(4))))
                    .ifPresent(problems::add);
        } catch (SQLException e) {
            problems.add("database: " + Preflight.firstLine(e.getMessage()));
        }

        return new PipelineSummary(
                now,
                Duration.between(startedAt, now),
                jobStatus.get(),
                produced,
                producedRate.add(nanos, produced),
                feed.deliveryFailures().getAsLong(),
                feed.anomalies().getAsLong(),
                processed,
                processedRate.add(nanos, processed),
                lag,
                rejected,
                deviceWindows,
                alerts,
                problems);
    }

    @FunctionalInterface
    private interface RowReader {
        void read(ResultSet rs) throws SQLException;
    }

    /** Runs one query over this run's rows; returns the problem if it fails. */
    private Optional<String> query(Connection connection, String sql, RowReader reader) {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setQueryTimeout(5);
            statement.setTimestamp(1, Timestamp.from(since));
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    reader.read(rs);
                }
            }
            return Optional.empty();
        } catch (SQLException e) {
            String table = sql.replaceAll("(?s).* FROM (\\w+).*", "$1");
            return Optional.of(table + ": " + Preflight.firstLine(e.getMessage()));
        }
    }

    /** The group's committed offsets on the topic, summed; empty before its first commit. */
    private OptionalLong committed() {
        try {
            Map<TopicPartition, OffsetAndMetadata> offsets =
                    admin.listConsumerGroupOffsets(groupId)
                            .partitionsToOffsetAndMetadata()
                            .get(KAFKA_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            long sum = 0;
            boolean any = false;
            for (Map.Entry<TopicPartition, OffsetAndMetadata> e : offsets.entrySet()) {
                if (e.getKey().topic().equals(topic) && e.getValue() != null) {
                    sum += e.getValue().offset();
                    any = true;
                }
            }
            return any ? OptionalLong.of(sum) : OptionalLong.empty();
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            return OptionalLong.empty();
        }
    }

    /** The topic's end offsets, summed. */
    private OptionalLong endOffsets() {
        try {
            TopicDescription description =
                    admin.describeTopics(List.of(topic))
                            .allTopicNames()
                            .get(KAFKA_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                            .get(topic);
            Map<TopicPartition, OffsetSpec> request = new LinkedHashMap<>();
            description
                    .partitions()
                    .forEach(
                            p ->
                                    request.put(
                                            new TopicPartition(topic, p.partition()),
                                            OffsetSpec.latest()));
            long sum = 0;
            for (var info :
                    admin.listOffsets(request)
                            .all()
                            .get(KAFKA_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                            .values()) {
                sum += info.offset();
            }
            return OptionalLong.of(sum);
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            return OptionalLong.empty();
        }
    }

    @Override
    public void close() {
        admin.close(Duration.ofSeconds(2));
    }

    /** A per-second rate over the last {@link #RATE_WINDOW} of samples. */
    private static final class Rate {
        private final Deque<long[]> samples = new ArrayDeque<>();

        double add(long nanos, long value) {
            samples.addLast(new long[] {nanos, value});
            while (samples.size() > 2 && nanos - samples.peekFirst()[0] > RATE_WINDOW.toNanos()) {
                samples.pollFirst();
            }
            long[] first = samples.peekFirst();
            double seconds = (nanos - first[0]) / 1e9;
            return seconds < 1 ? 0 : (value - first[1]) / seconds;
        }
    }
}
