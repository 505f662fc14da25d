package dev.telemetry.job.score;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.telemetry.model.label.AnomalyType;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads alerts for scoring from the {@code alerts} table or from a JSON Lines export whose lines
 * carry {@code alert_id}, {@code device_id}, {@code anomaly_type} and {@code onset} (epoch
 * milliseconds or ISO-8601), e.g. {@code psql -c "\copy (SELECT row_to_json(a) FROM alerts a) TO
 * 'alerts.jsonl'"}.
 */
public final class AlertReader {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private AlertReader() {}

    /** Every alert in the database. */
    public static List<AlertRecord> fromDatabase(String url, String user, String password)
            throws SQLException {
        try (Connection connection = DriverManager.getConnection(url, user, password)) {
            return fromDatabase(connection);
        }
    }

    public static List<AlertRecord> fromDatabase(Connection connection) throws SQLException {
        List<AlertRecord> alerts = new ArrayList<>();
        try (PreparedStatement query =
                        connection.prepareStatement(
                                "SELECT alert_id, device_id, anomaly_type, onset FROM alerts"
                                        + " ORDER BY onset, device_id, anomaly_type");
                ResultSet rs = query.executeQuery()) {
            while (rs.next()) {
                alerts.add(
                        new AlertRecord(
                                rs.getString(1),
                                rs.getString(2),
                                AnomalyType.valueOf(rs.getString(3)),
                                rs.getObject(4, OffsetDateTime.class).toInstant().toEpochMilli()));
            }
        }
        return alerts;
    }

    /** Alerts from a JSON Lines export; blank lines are skipped. */
    public static List<AlertRecord> fromJsonl(Path file) throws IOException {
        List<AlertRecord> alerts = new ArrayList<>();
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            int number = 0;
            while ((line = reader.readLine()) != null) {
                number++;
                if (line.isBlank()) {
                    continue;
                }
                try {
                    alerts.add(parse(MAPPER.readTree(line)));
                } catch (IOException | RuntimeException e) {
                    throw new IOException(
                            file + ":" + number + ": not an alert: " + e.getMessage(), e);
                }
            }
        }
        return alerts;
    }

    private static AlertRecord parse(JsonNode node) {
        JsonNode onset = required(node, "onset");
        long onsetMillis =
                onset.isNumber()
                        ? onset.asLong()
                        : OffsetDateTime.parse(onset.asText()).toInstant().toEpochMilli();
        return new AlertRecord(
                required(node, "alert_id").asText(),
                required(node, "device_id").asText(),
                AnomalyType.valueOf(required(node, "anomaly_type").asText()),
                onsetMillis);
    }

    private static JsonNode required(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            throw new IllegalArgumentException("missing " + field);
        }
        return value;
    }

    /** One alert as an export line (the format {@link #fromJsonl} reads). */
    public static String toJsonLine(AlertRecord alert) {
        return MAPPER.createObjectNode()
                .put("alert_id", alert.alertId())
                .put("device_id", alert.deviceId())
                .put("anomaly_type", alert.type().name())
                .put("onset", Instant.ofEpochMilli(alert.onset()).toString())
                .toString();
    }
}
