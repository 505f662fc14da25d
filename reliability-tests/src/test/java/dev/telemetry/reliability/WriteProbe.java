package dev.telemetry.reliability;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

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
     * (nanoTime) or empty at the timeout. Connection failures (the database may be starting) count
     * as "not yet".
     */
    Optional<Long> awaitWriteSince(long mark, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        String sql = String.format(query, mark);
        while (System.nanoTime() < deadline) {
            try (Connection connection = TableDiff.connect(url, user);
                    Statement statement = connection.createStatement()) {
                while (System.nanoTime() < deadline) {
                    try (ResultSet rs = statement.executeQuery(sql)) {
                        rs.next();
                        if (rs.getBoolean(1)) {
                            return Optional.of(System.nanoTime());
                        }
                    }
                    Thread.sleep(POLL.toMillis());
                }
            } catch (SQLException e) {
                Thread.sleep(POLL.toMillis());
            }
        }
        return Optional.empty();
    }
}
