package dev.telemetry.simulator.replay;

import dev.telemetry.simulator.RecordSink;
import dev.telemetry.simulator.SimRecord;
import dev.telemetry.simulator.io.RecordFileReader;
import java.io.IOException;
import java.time.Clock;

/**
 * Streams a record file into a sink in file order, paced by the records' timestamps and optionally
 * shifted so that the first record happens now.
 */
public final class Replayer {

    private final Pacer pacer;
    private final boolean shiftToNow;
    private final Clock clock;

    /**
     * @param pacer paces the records (use {@link Pacer#MAX_SPEED} for no pacing)
     * @param shiftToNow move all records so that the first one's time is the clock's now
     * @param clock wall clock for {@code shiftToNow}
     */
    public Replayer(Pacer pacer, boolean shiftToNow, Clock clock) {
        this.pacer = pacer;
        this.shiftToNow = shiftToNow;
        this.clock = clock;
    }

    /**
     * Replays every record of {@code in} into {@code out}; the caller closes both.
     *
     * @return the number of records sent
     */
    public long replay(RecordFileReader in, RecordSink out) throws IOException {
        long sent = 0;
        TimeShift shift = null;
        SimRecord record;
        while ((record = in.next()) != null) {
            if (shift == null) {
                shift =
                        shiftToNow
                                ? TimeShift.toNow(record.timestamp(), clock.millis())
                                : new TimeShift(0);
            }
            SimRecord shifted = shift.apply(record);
            pacer.awaitDue(shifted.timestamp());
            out.send(shifted);
            sent++;
        }
        return sent;
    }
}
