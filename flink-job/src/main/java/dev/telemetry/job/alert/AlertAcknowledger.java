package dev.telemetry.job.alert;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.UUID;

/** Acknowledges alerts through the database function {@code ack_alert(alert_id, who, note)}. */
public final class AlertAcknowledger {

    /** Outcome of an acknowledgement. */
    public enum Outcome {
        /** This call acknowledged the alert. */
        ACKNOWLEDGED,
        /** It had been acknowledged before; the first acknowledgement is kept. */
        ALREADY_ACKNOWLEDGED,
        /** No alert has this id. */
        UNKNOWN_ALERT
    }

    private AlertAcknowledger() {}

    public static Outcome acknowledge(Connection connection, UUID alertId, String who, String note)
            throws SQLException {
        try (PreparedStatement exists =
                connection.prepareStatement("SELECT 1 FROM alerts WHERE alert_id = ?")) {
            exists.setObject(1, alertId);
            try (ResultSet rs = exists.executeQuery()) {
                if (!rs.next()) {
                    return Outcome.UNKNOWN_ALERT;
                }
            }
        }
        try (PreparedStatement ack = connection.prepareStatement("SELECT ack_alert(?, ?, ?)")) {
            ack.setObject(1, alertId);
            ack.setString(2, who);
            ack.setString(3, note);
            try (ResultSet rs = ack.executeQuery()) {
                rs.next();
                return rs.getBoolean(1) ? Outcome.ACKNOWLEDGED : Outcome.ALREADY_ACKNOWLEDGED;
            }
        }
    }
}
