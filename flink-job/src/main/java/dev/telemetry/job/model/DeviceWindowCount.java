package dev.telemetry.job.model;

/**
 * How many records of one kind (late or duplicate) a device sent for one event-time window. The
 * count is absolute, so writing it again is idempotent.
 *
 * @param deviceId the device
 * @param family the device's family id
 * @param windowStart window start (epoch ms, inclusive)
 * @param windowEnd window end (epoch ms, exclusive)
 * @param count records counted so far
 */
public record DeviceWindowCount(
        String deviceId, String family, long windowStart, long windowEnd, long count) {}
