package dev.telemetry.simulator.replay;

import dev.telemetry.simulator.SimRecord;
import dev.telemetry.simulator.io.PayloadFields;

/**
 * Moves records in time by a fixed offset: the record timestamp always, and the payload's {@code
 * event_time} when the payload is well-formed JSON with an integral event time. Everything else in
 * the payload stays byte-identical, and unparseable payloads are not touched at all, so injected
 * bad data stays exactly as bad as it was.
 */
public final class TimeShift {

    private final long offsetMillis;

    public TimeShift(long offsetMillis) {
        this.offsetMillis = offsetMillis;
    }

    /** The offset that moves {@code firstTimestamp} to {@code nowMillis}. */
    public static TimeShift toNow(long firstTimestamp, long nowMillis) {
        return new TimeShift(nowMillis - firstTimestamp);
    }

    /** The shifted record. */
    public SimRecord apply(SimRecord record) {
        if (offsetMillis == 0) {
            return record;
        }
        byte[] payload = record.payload();
        PayloadFields fields = PayloadFields.scan(payload);
        byte[] shifted =
                fields.eventTime() == null
                        ? payload
                        : fields.withEventTime(payload, fields.eventTime() + offsetMillis);
        return new SimRecord(record.key(), record.timestamp() + offsetMillis, shifted);
    }
}
