package dev.telemetry.job.alert;

import dev.telemetry.model.label.AnomalyType;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * Deterministic alert identifiers: a name-based UUID of (device, type, onset), so a replay of the
 * same recording produces the same ids and the sinks' upserts converge instead of duplicating.
 */
public final class AlertIds {

    private AlertIds() {}

    public static String alertId(String deviceId, AnomalyType type, long onset) {
        String name = "alert|" + deviceId + "|" + type.name() + "|" + onset;
        return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString();
    }
}
