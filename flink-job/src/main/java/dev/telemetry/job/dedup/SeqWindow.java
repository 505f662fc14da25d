package dev.telemetry.job.dedup;

/**
 * Compact per-device memory of recent sequence numbers: the highest seq seen and a ring bitmap of
 * which of the {@code 64 x bits.length} seqs up to it have been seen, plus the bookkeeping for the
 * idle-device cleanup timer. A Flink POJO kept in keyed state.
 */
public class SeqWindow {

    /** What {@link #observe(long)} found. */
    public enum Verdict {
        /** First time this seq is seen. */
        NEW,
        /** Seen before: a duplicate. */
        DUPLICATE,
        /**
         * Older than the tracked range, so it cannot be checked; treated as new (such a record is
         * almost always late as well and is counted there).
         */
        BEYOND_WINDOW
    }

    public long highest;
    public long[] bits;

    /** Highest event time seen from the device, for the idle timeout. */
    public long lastEventTime = Long.MIN_VALUE;

    /** The pending cleanup timer, or {@code Long.MIN_VALUE} if none. */
    public long cleanupTimer = Long.MIN_VALUE;

    public SeqWindow() {}

    /** An empty window tracking {@code 64 x words} sequence numbers. */
    public static SeqWindow create(int words) {
        SeqWindow window = new SeqWindow();
        window.highest = Long.MIN_VALUE;
        window.bits = new long[words];
        return window;
    }

    /** Number of sequence numbers tracked below and including the highest. */
    public int capacity() {
        return bits.length * 64;
    }

    /** Records {@code seq} and says whether it was new. */
    public Verdict observe(long seq) {
        int capacity = capacity();
        if (highest == Long.MIN_VALUE) {
            highest = seq;
            set(seq);
            return Verdict.NEW;
        }
        if (seq > highest) {
            long gap = seq - highest;
            if (gap >= capacity || gap < 0) { // gap < 0: overflow on extreme values
                java.util.Arrays.fill(bits, 0L);
            } else {
                for (long s = highest + 1; s < seq; s++) {
                    clear(s);
                }
            }
            highest = seq;
            set(seq);
            return Verdict.NEW;
        }
        if (highest - seq >= capacity || highest - seq < 0) {
            return Verdict.BEYOND_WINDOW;
        }
        if (isSet(seq)) {
            return Verdict.DUPLICATE;
        }
        set(seq);
        return Verdict.NEW;
    }

    private int index(long seq) {
        return (int) Math.floorMod(seq, (long) capacity());
    }

    private boolean isSet(long seq) {
        int i = index(seq);
        return (bits[i >>> 6] & (1L << (i & 63))) != 0;
    }

    private void set(long seq) {
        int i = index(seq);
        bits[i >>> 6] |= 1L << (i & 63);
    }

    private void clear(long seq) {
        int i = index(seq);
        bits[i >>> 6] &= ~(1L << (i & 63));
    }
}
