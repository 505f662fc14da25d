package dev.telemetry.local;

import dev.telemetry.infra.EmbeddedKafka;
import dev.telemetry.infra.EmbeddedPostgres;
import dev.telemetry.job.config.JobConfig.DatabaseConfig;
import dev.telemetry.job.config.Secret;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts the embedded broker and database of local mode with durable data in the data directory and
 * fixed ports, so that a later run finds its topics, offsets and tables again.
 */
final class EmbeddedServers {

    /** The database local mode creates in the embedded server. */
    static final String DATABASE = "telemetry";

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedServers.class);

    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(90);

    private EmbeddedServers() {}

    /** The ports of the embedded servers. */
    record Ports(int kafka, int kafkaController, int postgres) {}

    /** A started broker with the given topics. */
    static EmbeddedKafka startKafka(
            DataDirectory data, Ports ports, List<TopicSpec> topics, Duration retention) {
        EmbeddedKafka kafka =
                EmbeddedKafka.builder()
                        .dataDir(data.kafka())
                        .port(ports.kafka())
                        .controllerPort(ports.kafkaController())
                        // A local broker must not fill the disk over days of simulation.
                        .brokerProperty("log.retention.ms", Long.toString(retention.toMillis()))
                        .startupTimeout(STARTUP_TIMEOUT)
                        .build();
        try {
            kafka.start();
            for (TopicSpec topic : topics) {
                kafka.createTopic(topic.name(), topic.partitions(), topic.configs());
            }
            return kafka;
        } catch (RuntimeException e) {
            kafka.close();
            throw new LocalModeException(
                    "embedded Kafka did not start: "
                            + Preflight.firstLine(String.valueOf(e.getMessage()))
                            + " (see "
                            + data.logFile()
                            + ")",
                    e);
        }
    }

    /** The embedded server with the {@value #DATABASE} database. */
    static EmbeddedPostgres startPostgres(DataDirectory data, Ports ports) {
        EmbeddedPostgres postgres =
                EmbeddedPostgres.builder()
                        .dataDir(data.postgres())
                        .port(ports.postgres())
                        .startupTimeout(STARTUP_TIMEOUT)
                        .build();
        try {
            postgres.start();
            if (!databaseExists(postgres)) {
                postgres.createDatabase(DATABASE);
                LOG.info("Created database {}", DATABASE);
            }
            return postgres;
        } catch (RuntimeException e) {
            postgres.close();
            throw new LocalModeException(
                    "embedded PostgreSQL did not start: "
                            + Preflight.firstLine(String.valueOf(e.getMessage()))
                            + " (see "
                            + data.logFile()
                            + ")",
                    e);
        }
    }

    /** The connection settings of the embedded database, as the superuser (trust, no password). */
    static DatabaseConfig embeddedDatabase(int port) {
        return new DatabaseConfig(
                "jdbc:postgresql://127.0.0.1:" + port + "/" + DATABASE,
                EmbeddedPostgres.SUPERUSER,
                new Secret(""));
    }

    private static boolean databaseExists(EmbeddedPostgres postgres) {
        try (Connection connection = postgres.connect(EmbeddedPostgres.DEFAULT_DATABASE);
                PreparedStatement exists =
                        connection.prepareStatement(
                                "SELECT 1 FROM pg_database WHERE datname = ?")) {
            exists.setString(1, DATABASE);
            try (ResultSet rs = exists.executeQuery()) {
                return rs.next();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot list databases: " + e.getMessage(), e);
        }
    }

    /** A topic local mode creates on the embedded broker, with topic configs. */
    record TopicSpec(String name, int partitions, Map<String, String> configs) {}
}
