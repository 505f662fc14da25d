package dev.telemetry.job.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.InstanceOfAssertFactories.STRING;
import static org.awaitility.Awaitility.await;

import dev.telemetry.infra.EmbeddedPostgres;
import dev.telemetry.infra.junit.PostgresExtension;
import dev.telemetry.job.config.JobConfig;
import dev.telemetry.job.sink.Upserts.Upsert;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.flink.api.common.typeutils.base.IntSerializer;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.connector.jdbc.JdbcConnectionOptions;
import org.apache.flink.connector.jdbc.JdbcExecutionOptions;
import org.apache.flink.connector.jdbc.core.datastream.sink.JdbcSink;
import org.apache.flink.connector.jdbc.core.datastream.sink.committer.JdbcCommitable;
import org.apache.flink.streaming.api.connector.sink2.CommittableMessage;
import org.apache.flink.streaming.runtime.operators.sink.SinkWriterOperatorFactory;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.apache.flink.util.ExceptionUtils;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.Logger;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Property;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The production JDBC sinks, run by Flink's own sink writer operator against a real PostgreSQL:
 * writes, checkpoints and the end of input fail when the database does, {@code close()} does not.
 */
class CloseSafeJdbcSinkITCase {

    /** Of this class only: one test stops the server (the extension starts it before each). */
    @RegisterExtension static final PostgresExtension POSTGRES = PostgresExtension.perClass();

    private static final Upsert<Integer> NUMBERS =
            new Upsert<>(
                    "INSERT INTO numbers (n) VALUES (?) ON CONFLICT (n) DO NOTHING",
                    (ps, n) -> ps.setInt(1, n));

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final AtomicInteger DATABASES = new AtomicInteger();

    private final CapturedWarnings warnings = new CapturedWarnings();
    private String database;
    private String url;

    @BeforeEach
    void createTable() {
        database = "close_safe_sink_" + DATABASES.incrementAndGet();
        url = POSTGRES.postgres().createDatabase(database);
        POSTGRES.postgres().execute(database, "CREATE TABLE numbers (n integer PRIMARY KEY)");
        warnings.start();
    }

    @AfterEach
    void stopCapturing() {
        warnings.stop();
    }

    @Test
    void shouldFailTheNextWriteButCloseQuietlyWhenTheDatabaseStops() throws Exception {
        var harness = open(sink(Map.of()));
        harness.processElement(1, 0);
        await().atMost(TIMEOUT).until(this::rows, rows -> rows == 1); // the interval flush

        POSTGRES.postgres().stop();
        // Batched; the next interval flush fails in the background and the next write reports it.
        harness.processElement(2, 0);
        Exception failure =
                await().atMost(TIMEOUT)
                        .until(() -> writeFailure(harness, 3), Optional::isPresent)
                        .orElseThrow();

        assertThat(failure).hasMessage("Writing records to JDBC failed.");
        assertThat(ExceptionUtils.findThrowable(failure, SQLException.class)).isPresent();
        assertThatCode(harness::close).doesNotThrowAnyException();
        assertThat(warnings.messages())
                .singleElement(STRING)
                .contains("JDBC sink to numbers")
                .contains("writes them again from the last checkpoint");
    }

    @Test
    void shouldStillFailACheckpointAndTheEndOfInputWhenTheFlushFails() throws Exception {
        var harness = open(sink(Map.of("jdbc.batch-interval", "0 ms")));
        harness.processElement(1, 0);
        POSTGRES.postgres().execute(database, "ALTER TABLE numbers RENAME TO renamed");

        assertThatThrownBy(() -> harness.prepareSnapshotPreBarrier(1))
                .hasStackTraceContaining("relation \"numbers\" does not exist");
        assertThatThrownBy(harness::endInput)
                .hasStackTraceContaining("relation \"numbers\" does not exist");
        assertThatCode(harness::close).doesNotThrowAnyException();
        assertThat(warnings.messages()).hasSize(1);
    }

    @Test
    void shouldReleaseTheDatabaseSessionWhenCloseFailsToFlush() throws Exception {
        var harness = open(sink(Map.of("jdbc.batch-interval", "0 ms")));
        harness.processElement(1, 0);
        assertThat(sessions()).isEqualTo(1);
        POSTGRES.postgres().execute(database, "ALTER TABLE numbers RENAME TO renamed");

        assertThatCode(harness::close).doesNotThrowAnyException();

        assertThat(warnings.messages()).hasSize(1);
        await("sessions left open on the test database")
                .atMost(TIMEOUT)
                .until(this::sessions, sessions -> sessions == 0);
    }

    @Test
    void shouldWriteAtCheckpointsAndTheRestWhenAHealthyWriterCloses() throws Exception {
        var harness = open(sink(Map.of("jdbc.batch-interval", "0 ms")));
        harness.processElement(1, 0);
        harness.processElement(2, 0);
        assertThat(rows()).isZero(); // batched

        harness.prepareSnapshotPreBarrier(1);
        harness.snapshot(1, 1);
        assertThat(rows()).isEqualTo(2);

        harness.processElement(3, 0);
        harness.close();
        assertThat(rows()).isEqualTo(3);
        assertThat(warnings.messages()).isEmpty();
        await().atMost(TIMEOUT).until(this::sessions, sessions -> sessions == 0);
    }

    /**
     * Why the sinks are wrapped: the connector's own writer throws from {@code close()} after a
     * failed flush, which ends a TaskManager when Flink closes it while cleaning up a failed task.
     * If this starts to fail, the connector has been fixed and {@link CloseSafeJdbcSink} can go.
     */
    @Test
    void connectorsOwnWriterRethrowsTheFailureFromClose() throws Exception {
        Sink<Integer> plain =
                JdbcSink.<Integer>builder()
                        .withQueryStatement(NUMBERS.sql(), NUMBERS.binder())
                        .withExecutionOptions(
                                JdbcExecutionOptions.builder()
                                        .withBatchIntervalMs(0)
                                        .withMaxRetries(0)
                                        .build())
                        .buildAtLeastOnce(
                                new JdbcConnectionOptions.JdbcConnectionOptionsBuilder()
                                        .withUrl(url)
                                        .withDriverName("org.postgresql.Driver")
                                        .withUsername(EmbeddedPostgres.SUPERUSER)
                                        .build());
        var harness = open(plain);
        harness.processElement(1, 0);
        POSTGRES.postgres().execute(database, "ALTER TABLE numbers RENAME TO renamed");

        assertThatThrownBy(harness::close).hasMessage("Writing records to JDBC failed.");
    }

    private Sink<Integer> sink(Map<String, String> options) {
        Map<String, String> all = new HashMap<>(options);
        all.put("jdbc.url", url);
        all.put("jdbc.user", EmbeddedPostgres.SUPERUSER);
        all.put("jdbc.max-retries", "0"); // retries only slow the failing tests down
        return new TelemetrySinks.JdbcSinkFactory(JobConfig.of(all)).sink(NUMBERS);
    }

    /** The sink as Flink runs it: in a {@code SinkWriterOperator}, opened with empty state. */
    private static OneInputStreamOperatorTestHarness<Integer, CommittableMessage<JdbcCommitable>>
            open(Sink<Integer> sink) throws Exception {
        var harness =
                new OneInputStreamOperatorTestHarness<Integer, CommittableMessage<JdbcCommitable>>(
                        new SinkWriterOperatorFactory<Integer, JdbcCommitable>(sink),
                        IntSerializer.INSTANCE);
        harness.open();
        return harness;
    }

    private static Optional<Exception> writeFailure(
            OneInputStreamOperatorTestHarness<Integer, ?> harness, int n) {
        try {
            harness.processElement(n, 0);
            return Optional.empty();
        } catch (Exception e) {
            return Optional.of(e);
        }
    }

    private int rows() throws SQLException {
        return count(database, "SELECT count(*) FROM numbers");
    }

    /** Sessions connected to the test's database (this check connects to another). */
    private int sessions() throws SQLException {
        return count(
                EmbeddedPostgres.DEFAULT_DATABASE,
                "SELECT count(*) FROM pg_stat_activity WHERE datname = '" + database + "'");
    }

    private static int count(String database, String sql) throws SQLException {
        try (Connection connection = POSTGRES.postgres().connect(database);
                PreparedStatement statement = connection.prepareStatement(sql);
                ResultSet result = statement.executeQuery()) {
            result.next();
            return result.getInt(1);
        }
    }

    /** Warnings of {@link CloseSafeJdbcSink}, whose one job besides delegating is to log. */
    private static final class CapturedWarnings extends AbstractAppender {

        private final List<String> messages = new CopyOnWriteArrayList<>();

        CapturedWarnings() {
            super("close-safe-jdbc-sink-warnings", null, null, true, Property.EMPTY_ARRAY);
        }

        @Override
        public void append(LogEvent event) {
            if (event.getLevel().isMoreSpecificThan(Level.WARN)) {
                messages.add(event.getMessage().getFormattedMessage());
            }
        }

        @Override
        public void start() {
            super.start();
            logger().addAppender(this);
        }

        @Override
        public void stop() {
            logger().removeAppender(this);
            super.stop();
        }

        List<String> messages() {
            return messages;
        }

        private static Logger logger() {
            return (Logger) LogManager.getLogger(CloseSafeJdbcSink.class);
        }
    }
}
