package dev.telemetry.simulator;

import dev.telemetry.model.Family;
import dev.telemetry.model.label.AnomalyType;
import dev.telemetry.model.label.BadDataType;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * What a simulation run produced.
 *
 * @param records records sent, including corrupted ones and duplicate copies
 * @param recordsPerFamily records sent per family
 * @param badRecords bad-data labels (corrupted records) per type
 * @param anomalies anomaly labels per type
 */
public record SimulationStats(
        long records,
        Map<Family, Long> recordsPerFamily,
        Map<BadDataType, Long> badRecords,
        Map<AnomalyType, Long> anomalies) {

    public SimulationStats {
        recordsPerFamily = copy(recordsPerFamily, Family.class);
        badRecords = copy(badRecords, BadDataType.class);
        anomalies = copy(anomalies, AnomalyType.class);
    }

    /** All corrupted records. */
    public long badRecordsTotal() {
        return badRecords.values().stream().mapToLong(Long::longValue).sum();
    }

    /** All injected anomalies. */
    public long anomaliesTotal() {
        return anomalies.values().stream().mapToLong(Long::longValue).sum();
    }

    private static <K extends Enum<K>> Map<K, Long> copy(Map<K, Long> map, Class<K> type) {
        EnumMap<K, Long> copy = new EnumMap<>(type);
        copy.putAll(map);
        return Collections.unmodifiableMap(copy);
    }
}
