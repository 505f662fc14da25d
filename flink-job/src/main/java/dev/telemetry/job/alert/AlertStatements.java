package dev.telemetry.job.alert;

import dev.telemetry.job.rules.RuleRejection;
import dev.telemetry.job.sink.Upserts.Upsert;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

/**
 * The JDBC statements of the alert sinks (tables in {@code sql/V10__alerts.sql}). All are
 * idempotent, so at-least-once delivery gives exactly-once tables: {@code alerts} is upserted with
 * the newest {@code event_seq} winning and never touches the acknowledgement columns; {@code
 * alert_events} and {@code rejected_rules} insert with {@code ON CONFLICT DO NOTHING}.
 */
public final class AlertStatements {

    private AlertStatements() {}

    /** {@code alerts}: the current picture of each alert. */
    public static Upsert<AlertEvent> alerts() {
        return new Upsert<>(
                """
                INSERT INTO alerts (alert_id, device_id, family, anomaly_type, state, severity,
                    onset, last_firing, resolved_at, resolution, fire_count, peak_value, metric,
                    observed_value, threshold, phase, explanation, last_event_seq)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (alert_id) DO UPDATE SET
                    state = EXCLUDED.state, severity = EXCLUDED.severity,
                    last_firing = EXCLUDED.last_firing, resolved_at = EXCLUDED.resolved_at,
                    resolution = EXCLUDED.resolution, fire_count = EXCLUDED.fire_count,
                    peak_value = EXCLUDED.peak_value, metric = EXCLUDED.metric,
                    observed_value = EXCLUDED.observed_value, threshold = EXCLUDED.threshold,
                    phase = EXCLUDED.phase, explanation = EXCLUDED.explanation,
                    last_event_seq = EXCLUDED.last_event_seq
                WHERE alerts.last_event_seq <= EXCLUDED.last_event_seq
                """,
                (ps, e) -> {
                    ps.setObject(1, UUID.fromString(e.alertId));
                    text(ps, 2, e.deviceId);
                    text(ps, 3, e.family.id());
                    text(ps, 4, e.type.name());
                    text(ps, 5, e.status.name());
                    text(ps, 6, e.severity.name());
                    timestamp(ps, 7, e.onset);
                    timestamp(ps, 8, e.lastFiring);
                    timestampOrNull(ps, 9, e.resolvedAt);
                    textOrNull(ps, 10, e.resolution);
                    ps.setInt(11, e.fireCount);
                    number(ps, 12, e.peak);
                    text(ps, 13, e.metric);
                    number(ps, 14, e.observed);
                    number(ps, 15, e.threshold);
                    text(ps, 16, e.phase);
                    text(ps, 17, e.explanation);
                    ps.setInt(18, e.eventSeq);
                });
    }

    /** {@code alert_events}: append-only history, idempotent by (alert_id, event_seq). */
    public static Upsert<AlertEvent> alertEvents() {
        return new Upsert<>(
                """
                INSERT INTO alert_events (alert_id, event_seq, state, event_time, device_id,
                    anomaly_type, severity, fire_count, peak_value, observed_value, threshold,
                    phase, resolution, explanation)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (alert_id, event_seq) DO NOTHING
                """,
                (ps, e) -> {
                    ps.setObject(1, UUID.fromString(e.alertId));
                    ps.setInt(2, e.eventSeq);
                    text(ps, 3, e.status.name());
                    timestamp(ps, 4, e.eventTime);
                    text(ps, 5, e.deviceId);
                    text(ps, 6, e.type.name());
                    text(ps, 7, e.severity.name());
                    ps.setInt(8, e.fireCount);
                    number(ps, 9, e.peak);
                    number(ps, 10, e.observed);
                    number(ps, 11, e.threshold);
                    text(ps, 12, e.phase);
                    textOrNull(ps, 13, e.resolution);
                    text(ps, 14, e.explanation);
                });
    }

    /** {@code rejected_rules}: one row per distinct refused payload. */
    public static Upsert<RuleRejection> rejectedRules() {
        return new Upsert<>(
                """
                INSERT INTO rejected_rules (payload_hash, payload, reason, received_at)
                VALUES (?, ?, ?, ?)
                ON CONFLICT (payload_hash) DO NOTHING
                """,
                (ps, r) -> {
                    text(ps, 1, r.payloadHash);
                    text(ps, 2, r.payload);
                    text(ps, 3, r.reason);
                    timestampOrNull(ps, 4, r.receivedAt);
                });
    }

    private static void timestamp(PreparedStatement ps, int index, long epochMillis)
            throws SQLException {
        ps.setObject(
                index, OffsetDateTime.ofInstant(Instant.ofEpochMilli(epochMillis), ZoneOffset.UTC));
    }

    private static void timestampOrNull(PreparedStatement ps, int index, long epochMillis)
            throws SQLException {
        if (epochMillis < 0) {
            ps.setNull(index, Types.TIMESTAMP_WITH_TIMEZONE);
        } else {
            timestamp(ps, index, epochMillis);
        }
    }

    private static void number(PreparedStatement ps, int index, double value) throws SQLException {
        if (Double.isFinite(value)) {
            ps.setDouble(index, value);
        } else {
            ps.setNull(index, Types.DOUBLE);
        }
    }

    private static void text(PreparedStatement ps, int index, String value) throws SQLException {
        ps.setString(index, value == null ? "" : value.replace('\u0000', '\uFFFD'));
    }

    private static void textOrNull(PreparedStatement ps, int index, String value)
            throws SQLException {
        if (value == null || value.isEmpty()) {
            ps.setNull(index, Types.VARCHAR);
        } else {
            text(ps, index, value);
        }
    }
}
