package dev.telemetry.job.sink;

import dev.telemetry.job.PipelineSinks;
import dev.telemetry.job.alert.AlertStatements;
import dev.telemetry.job.config.JobConfig;
import dev.telemetry.job.model.DeadLetter;
import dev.telemetry.job.serde.DeadLetterSerializer;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.jdbc.JdbcConnectionOptions;
import org.apache.flink.connector.jdbc.JdbcExecutionOptions;
import org.apache.flink.connector.jdbc.core.datastream.sink.JdbcSink;
import org.apache.flink.connector.kafka.sink.KafkaSink;

/**
 * The production sinks: the dead-letter topic (Kafka, at least once) and one batched JDBC upsert
 * sink per PostgreSQL table (at least once; the upserts make it exactly-once in effect), each
 * wrapped in a {@link CloseSafeJdbcSink}.
 */
public final class TelemetrySinks {

    private TelemetrySinks() {}

    /** Every slot filled for the configured Kafka cluster and database. */
    public static PipelineSinks production(JobConfig config) {
        JdbcSinkFactory jdbc = new JdbcSinkFactory(config);
        long window = config.windowSize().toMillis();
        return PipelineSinks.builder()
                .deadLetterTopic(deadLetterTopic(config))
                .rejectedEvents(jdbc.sink(Upserts.rejectedEvents(window)))
                .lateEvents(jdbc.sink(Upserts.lateEvents()))
                .duplicateEvents(jdbc.sink(Upserts.duplicateEvents()))
                .deviceWindows(jdbc.sink(Upserts.deviceWindows()))
                .deviceMetricKpis(jdbc.sink(Upserts.deviceMetricKpis()))
                .engineKpis(jdbc.sink(Upserts.engineKpis()))
                .engineFleetKpis(jdbc.sink(Upserts.engineFleetKpis()))
                .flightFleetKpis(jdbc.sink(Upserts.flightFleetKpis()))
                .flightRegionKpis(jdbc.sink(Upserts.flightRegionKpis()))
                .vehicleKpis(jdbc.sink(Upserts.vehicleKpis()))
                .energySiteKpis(jdbc.sink(Upserts.energySiteKpis()))
                .alerts(jdbc.sink(AlertStatements.alerts()))
                .alertEvents(jdbc.sink(AlertStatements.alertEvents()))
                .rejectedRules(jdbc.sink(AlertStatements.rejectedRules()))
                .build();
    }

    /** Dead letters as JSON on the dead-letter topic. */
    public static Sink<DeadLetter> deadLetterTopic(JobConfig config) {
        return KafkaSink.<DeadLetter>builder()
                .setBootstrapServers(config.bootstrapServers())
                .setRecordSerializer(new DeadLetterSerializer(config.deadLetterTopic()))
                .setDeliveryGuarantee(DeliveryGuarantee.AT_LEAST_ONCE)
                .build();
    }

    /** Builds JDBC upsert sinks with the configured connection and batching. */
    public static final class JdbcSinkFactory {

        private final JdbcConnectionOptions connection;
        private final JdbcExecutionOptions execution;

        public JdbcSinkFactory(JobConfig config) {
            JobConfig.DatabaseConfig db = config.database();
            // reWriteBatchedInserts stays off: rewriting a batch into one multi-row INSERT would
            // make two upserts of the same key in one batch fail ("cannot affect row a second
            // time").
            this.connection =
                    new JdbcConnectionOptions.JdbcConnectionOptionsBuilder()
                            .withUrl(db.url())
                            .withDriverName("org.postgresql.Driver")
                            .withUsername(db.user())
                            .withPassword(db.password().reveal())
                            .build();
            this.execution =
                    JdbcExecutionOptions.builder()
                            .withBatchSize(config.jdbcBatchSize())
                            .withBatchIntervalMs(config.jdbcBatchInterval().toMillis())
                            .withMaxRetries(config.jdbcMaxRetries())
                            .build();
        }

        /** An at-least-once sink of {@code upsert} whose clean-up cannot end the TaskManager. */
        public <T> Sink<T> sink(Upserts.Upsert<T> upsert) {
            return new CloseSafeJdbcSink<>(
                    JdbcSink.<T>builder()
                            .withQueryStatement(upsert.sql(), upsert.binder())
                            .withExecutionOptions(execution)
                            .buildAtLeastOnce(connection),
                    upsert.table());
        }
    }
}
