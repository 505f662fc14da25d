package dev.telemetry.job.sink;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/** Binding helpers shared by the upsert statements. */
final class SqlValues {

    private SqlValues() {}

    /** Binds epoch milliseconds as {@code timestamptz} (UTC, independent of the JVM time zone). */
    static void timestamp(PreparedStatement ps, int index, long epochMillis) throws SQLException {
        ps.setObject(
                index, OffsetDateTime.ofInstant(Instant.ofEpochMilli(epochMillis), ZoneOffset.UTC));
    }

    /** Binds a timestamp, or SQL NULL for a negative value (no timestamp). */
    static void timestampOrNull(PreparedStatement ps, int index, long epochMillis)
            throws SQLException {
        if (epochMillis < 0) {
            ps.setNull(index, Types.TIMESTAMP_WITH_TIMEZONE);
        } else {
            timestamp(ps, index, epochMillis);
        }
    }

    /** Binds a double, or SQL NULL for NaN (nothing to report) and infinities. */
    static void number(PreparedStatement ps, int index, double value) throws SQLException {
        if (Double.isFinite(value)) {
            ps.setDouble(index, value);
        } else {
            ps.setNull(index, Types.DOUBLE);
        }
    }

    /** Binds text; PostgreSQL text cannot hold NUL, so NULs from bad payloads are replaced. */
    static void text(PreparedStatement ps, int index, String value) throws SQLException {
        ps.setString(index, value == null ? "" : value.replace('\u0000', '\uFFFD'));
    }
}
