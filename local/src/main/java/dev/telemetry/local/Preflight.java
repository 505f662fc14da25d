package dev.telemetry.local;

import dev.telemetry.job.config.JobConfig.DatabaseConfig;
import dev.telemetry.simulator.kafka.KafkaPreflight;
import dev.telemetry.simulator.kafka.KafkaUnavailableException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.regex.Pattern;

/**
 * Checks external servers with short timeouts before anything heavy starts, so that a wrong address
 * is one line within seconds instead of a failing Flink job.
 */
final class Preflight {

    static final Duration TIMEOUT = Duration.ofSeconds(5);

    private static final Pattern PASSWORD_PARAMETER = Pattern.compile("(?i)(password=)[^&]*");

    private Preflight() {}

    /**
     * Checks that the brokers answer and creates missing topics with the brokers' defaults.
     *
     * @throws LocalModeException if they do not answer within {@link #TIMEOUT}
     */
    static void checkKafka(String bootstrapServers, List<String> topics) {
        KafkaPreflight preflight = new KafkaPreflight(bootstrapServers, TIMEOUT);
        for (String topic : topics) {
            try {
                preflight.check(topic, true);
            } catch (KafkaUnavailableException e) {
                throw new LocalModeException(e.getMessage(), e);
            }
        }
    }

    /**
     * Opens and validates one connection.
     *
     * @throws LocalModeException if that fails within {@link #TIMEOUT}
     */
    static void checkDatabase(DatabaseConfig db) {
        try (Connection connection = connect(db)) {
            if (!connection.isValid((int) TIMEOUT.toSeconds())) {
                throw new LocalModeException(
                        "PostgreSQL at " + redact(db.url()) + " does not answer");
            }
        } catch (SQLException e) {
            throw new LocalModeException(
                    "cannot connect to PostgreSQL at "
                            + redact(db.url())
                            + " as "
                            + db.user()
                            + ": "
                            + reason(e),
                    e);
        }
    }

    /** A connection with short connect, login and socket timeouts; the caller closes it. */
    static Connection connect(DatabaseConfig db) throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", db.user());
        props.setProperty("password", db.password().reveal());
        props.setProperty("connectTimeout", Long.toString(TIMEOUT.toSeconds()));
        props.setProperty("loginTimeout", Long.toString(TIMEOUT.toSeconds()));
        props.setProperty("socketTimeout", Long.toString(TIMEOUT.toSeconds() * 6));
        props.setProperty("ApplicationName", "telemetry-local");
        return DriverManager.getConnection(db.url(), props);
    }

    /** A JDBC URL without the value of a {@code password} parameter. */
    static String redact(String url) {
        return PASSWORD_PARAMETER.matcher(url).replaceAll("$1******");
    }

    private static String reason(SQLException e) {
        String text = String.valueOf(e.getMessage());
        if (text.startsWith("No suitable driver") || text.startsWith("Unable to parse URL")) {
            // The driver refuses URLs it cannot parse (bad port, missing host, ...).
            return "not a valid URL (expected jdbc:postgresql://host:port/database)";
        }
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() != null ? root.getMessage() : root.toString();
        if (root instanceof java.net.UnknownHostException) {
            message = "unknown host " + message;
        }
        return firstLine(message);
    }

    static String firstLine(String message) {
        String text = message == null ? "" : message.strip();
        int newline = text.indexOf('\n');
        return newline < 0 ? text : text.substring(0, newline).strip();
    }
}
