package dev.telemetry.simulator.io;

import dev.telemetry.simulator.SimRecord;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;

/**
 * Reads a JSON Lines record file back into records. Each non-empty line is one payload, kept
 * byte-for-byte; the key is the payload's {@code device_id} and the timestamp its {@code
 * event_time} (see {@link PayloadFields}). A line without a readable event time takes the previous
 * record's timestamp (leading such lines take the first one found), and one without a device id
 * gets a null key.
 */
public final class RecordFileReader implements Closeable {

    /** How many leading lines without an event time are held back waiting for one. */
    private static final int MAX_PENDING = 100_000;

    private final InputStream in;
    private final Clock clock;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream(512);
    private final byte[] buffer = new byte[1 << 16];
    private int position;
    private int limit;
    private final Deque<Pending> pending = new ArrayDeque<>();
    private long lastTimestamp;
    private boolean hasTimestamp;

    /**
     * @param in the (already decompressed) input
     * @param clock supplies the timestamp only if no line in the file has an event time
     */
    public RecordFileReader(InputStream in, Clock clock) {
        this.in = in;
        this.clock = clock;
    }

    /** Opens a file, or standard input for {@code -}; gzip is detected from its first bytes. */
    public static RecordFileReader open(Path path, Clock clock) throws IOException {
        return new RecordFileReader(RecordFiles.openInput(path), clock);
    }

    /** The next record, or null at the end of the input. */
    public SimRecord next() throws IOException {
        if (!pending.isEmpty() && hasTimestamp) {
            return pending.poll().toRecord(lastTimestamp);
        }
        while (true) {
            byte[] payload = readLine();
            if (payload == null) {
                if (pending.isEmpty()) {
                    return null;
                }
                if (!hasTimestamp) {
                    lastTimestamp = clock.millis();
                    hasTimestamp = true;
                }
                return pending.poll().toRecord(lastTimestamp);
            }
            if (payload.length == 0) {
                continue;
            }
            PayloadFields fields = PayloadFields.scan(payload);
            if (fields.eventTime() == null && !hasTimestamp && pending.size() < MAX_PENDING) {
                pending.add(new Pending(fields.deviceId(), payload));
                continue;
            }
            long timestamp;
            if (fields.eventTime() != null) {
                timestamp = fields.eventTime();
            } else {
                timestamp = hasTimestamp ? lastTimestamp : clock.millis();
            }
            if (!pending.isEmpty()) {
                // Lines held back at the start take the first event time found.
                lastTimestamp = timestamp;
                hasTimestamp = true;
                pending.add(new Pending(fields.deviceId(), payload));
                return pending.poll().toRecord(lastTimestamp);
            }
            lastTimestamp = timestamp;
            hasTimestamp = true;
            return new SimRecord(fields.deviceId(), timestamp, payload);
        }
    }

    private byte[] readLine() throws IOException {
        line.reset();
        while (true) {
            if (position == limit) {
                limit = in.read(buffer);
                position = 0;
                if (limit <= 0) {
                    limit = 0;
                    if (line.size() == 0) {
                        return null;
                    }
                    return stripCarriageReturn(line.toByteArray());
                }
            }
            for (int i = position; i < limit; i++) {
                if (buffer[i] == '\n') {
                    line.write(buffer, position, i - position);
                    position = i + 1;
                    return stripCarriageReturn(line.toByteArray());
                }
            }
            line.write(buffer, position, limit - position);
            position = limit;
        }
    }

    private static byte[] stripCarriageReturn(byte[] bytes) {
        int length = bytes.length;
        return length > 0 && bytes[length - 1] == '\r' ? Arrays.copyOf(bytes, length - 1) : bytes;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    private record Pending(String key, byte[] payload) {
        SimRecord toRecord(long timestamp) {
            return new SimRecord(key, timestamp, payload);
        }
    }
}
