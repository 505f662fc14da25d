package dev.telemetry.simulator.io;

import dev.telemetry.simulator.RecordSink;
import dev.telemetry.simulator.SimRecord;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;

/**
 * Writes records to a JSON Lines file: each record's payload verbatim, followed by a line feed.
 * Keys and timestamps are not written; {@link RecordFileReader} derives them from the payload.
 */
public final class JsonlFileSink implements RecordSink {

    private final OutputStream out;

    public JsonlFileSink(OutputStream out) {
        this.out = out;
    }

    /** Opens a file (or {@code -} for stdout), gzip-compressed if asked or named {@code *.gz}. */
    public static JsonlFileSink open(Path path, boolean gzip) throws IOException {
        return new JsonlFileSink(
                RecordFiles.openOutput(path, gzip || RecordFiles.hasGzipSuffix(path)));
    }

    /** True if the payload can be written as one line. */
    public static boolean isSingleLine(byte[] payload) {
        for (byte b : payload) {
            if (b == '\n' || b == '\r') {
                return false;
            }
        }
        return true;
    }

    @Override
    public void send(SimRecord record) throws IOException {
        byte[] payload = record.payload();
        if (!isSingleLine(payload)) {
            throw new IllegalArgumentException(
                    "payload of a record for " + record.key() + " contains a line break");
        }
        out.write(payload);
        out.write('\n');
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
