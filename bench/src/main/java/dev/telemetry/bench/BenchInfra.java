package dev.telemetry.bench;

import dev.telemetry.infra.EmbeddedKafka;
import dev.telemetry.infra.EmbeddedPostgres;
import dev.telemetry.job.config.JobConfig.DatabaseConfig;
import dev.telemetry.job.config.Secret;
import dev.telemetry.job.migrate.SchemaMigrator;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * The embedded Kafka broker and PostgreSQL server every benchmark shares, with helpers for fresh
 * topics and migrated databases. PostgreSQL runs durable (fsync and synchronous commit on), as in
 * production, so sink figures include the cost of making commits safe.
 */
final class BenchInfra implements AutoCloseable {

    /** Simulated event times are in the past: keep every record regardless of its timestamp. */
    private static final Map<String, String> KEEP_FOREVER = Map.of("retention.ms", "-1");

    private final EmbeddedKafka kafka;
    private final EmbeddedPostgres postgres;

    private BenchInfra(EmbeddedKafka kafka, EmbeddedPostgres postgres) {
        this.kafka = kafka;
        this.postgres = postgres;
    }

    /** Starts both in local-infra's default directory, where the PostgreSQL binaries are cached. */
    static BenchInfra start() {
        EmbeddedKafka kafka =
                EmbeddedKafka.builder().startupTimeout(Duration.ofSeconds(120)).build().start();
        try {
            EmbeddedPostgres postgres =
                    EmbeddedPostgres.builder()
                            .durable(true)
                            .startupTimeout(Duration.ofSeconds(120))
                            .start();
            return new BenchInfra(kafka, postgres);
        } catch (RuntimeException e) {
            kafka.close();
            throw e;
        }
    }

    String bootstrapServers() {
        return kafka.bootstrapServers();
    }

    EmbeddedKafka kafka() {
        return kafka;
    }

    void createTopic(String name, int partitions) {
        kafka.createTopic(name, partitions, KEEP_FOREVER);
    }

    /** A new database with the job's schema applied; returns its JDBC URL. */
    String migratedDatabase(String name) throws SQLException {
        String url = postgres.createDatabase(name);
        SchemaMigrator.migrate(database(url), Optional.empty());
        return url;
    }

    /** Connection settings as the superuser (trust authentication, no password). */
    DatabaseConfig database(String url) {
        return new DatabaseConfig(url, EmbeddedPostgres.SUPERUSER, new Secret(""));
    }

    Connection connect(String url) throws SQLException {
        return DriverManager.getConnection(url, EmbeddedPostgres.SUPERUSER, "");
    }

    void execute(String url, String sql) throws SQLException {
        try (Connection c = connect(url);
                Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    @Override
    public void close() {
        try {
            postgres.close();
        } finally {
            kafka.close();
        }
    }
}
