package dev.telemetry.reliability;

import dev.telemetry.simulator.SimRecord;
import java.nio.charset.StandardCharsets;

/**
 * One record to produce to the input topic. Unlike {@link SimRecord} it may have no key and no
 * value (a tombstone), as the fuzz corpus needs.
 *
 * @param key the Kafka key as text, or null
 * @param timestamp the Kafka record timestamp (epoch ms)
 * @param value the payload bytes, or null
 */
record InputRecord(String key, long timestamp, byte[] value) {

    static InputRecord of(SimRecord record) {
        return new InputRecord(record.key(), record.timestamp(), record.payload());
    }

    byte[] keyBytes() {
        return key == null ? null : key.getBytes(StandardCharsets.UTF_8);
    }

    /** Same key, same partition: a device's records stay in order, as the job requires. */
    int partition(int partitions) {
        return key == null ? 0 : Math.floorMod(key.hashCode(), partitions);
    }
}
