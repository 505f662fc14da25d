package dev.telemetry.reliability;

import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.awaitility.core.ConditionTimeoutException;

/**
 * Detects the job's first write to PostgreSQL after a moment, for recovery times: every insert or
 * upsert creates a new row version whose {@code xmin} is its transaction id, so a row with {@code
 * xmin} at or above a transaction id taken at that moment was written afterwards, even when an
 * upsert rewrote an existing row with the same values (as a replay after a restore does).
 */
final class WriteProbe {

    private static final Duration POLL = Duration.ofMillis(100);
    // xid8 carries an epoch; xmin is the 32-bit transaction id.
    private static final String XID32 = "% 4294967296";

    private final String url;
    private final String user;
    private final String query;

    /** Probes {@code tables}; any write to one of them counts. */
    WriteProbe(String url, String user, List<String> tables) {
        this.url = url;
        this.user = user;
        this.query =
                "SELECT "
                        + tables.stream()
                                .map(
                                        t ->
                                                "EXISTS (SELECT 1 FROM "
                                                        + t
                                                        + " WHERE xmin::text::bigint >= %1$d)")
                                .collect(Collectors.joining(" OR "));
    }

    /** A transaction id: rows written by transactions that start later are at or above it. */
    long mark() throws SQLException {
        try (Connection connection = TableDiff.connect(url, user);
                Statement statement = connection.createStatement();
                ResultSet rs =
                        statement.executeQuery(
                                "SELECT pg_current_xact_id()::text::bigint " + XID32)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /**
     * Waits until a row version at or above {@code mark} exists; returns when it was seen
     * (nanoTime, taken right after the query that found it, so the poll interval bounds its error)
     * or empty at the timeout. Connection failures (the database may be starting) count as "not
     * yet".
     */
    Optional<Long> awaitWriteSince(long mark, Duration timeout) {
        String sql = String.format(query, mark);
        AtomicLong seen = new AtomicLong();
        try (Session session = new Session()) {
            await("a row written at or after transaction " + mark)
                    .atMost(timeout)
                    .pollInterval(POLL)
                    .pollDelay(Duration.ZERO)
                    .until(
                            () -> {
                                boolean written = session.exists(sql);
                                seen.set(System.nanoTime());
                                return written;
                            });
            return Optional.of(seen.get());
        } catch (ConditionTimeoutException e) {
            return Optional.empty();
        }
    }

    /** One connection, kept across polls and opened again after a failure. */
    private final class Session implements AutoCloseable {

        private Connection connection;

        /** The query's answer, or false when the database cannot be reached. */
        boolean exists(String sql) {
            try {
                if (connection == null) {
                    connection = TableDiff.connect(url, user);
                }
                try (Statement statement = connection.createStatement();
                        ResultSet rs = statement.executeQuery(sql)) {
                    rs.next();
                    return rs.getBoolean(1);
                }
            } catch (SQLException e) {
                close();
                return false;
            }
        }

        @Override
        public void close() {
            if (connection != null) {
                try {
                    connection.close();
                } catch (SQLException e) {
                    // A broken connection; nothing is left to release.
                }
                connection = null;
            }
        }
    }
}
