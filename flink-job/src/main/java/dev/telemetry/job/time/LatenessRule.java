package dev.telemetry.job.time;

import java.io.Serializable;
import java.time.Duration;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;

/**
 * When a reading is late: its tumbling window (of {@code windowSize}) has closed beyond the allowed
 * lateness, i.e. {@code windowEnd - 1 + allowedLateness <= watermark}, the same test Flink's window
 * operator applies. The watermark is the bounded-out-of-orderness watermark {@code maxEventTime -
 * outOfOrderness - 1}, as {@link TelemetryWatermarks} computes it.
 */
public final class LatenessRule implements Serializable {

    private static final long serialVersionUID = 1L;

    private final long windowSizeMillis;
    private final long outOfOrdernessMillis;
    private final long allowedLatenessMillis;

    public LatenessRule(Duration windowSize, Duration outOfOrderness, Duration allowedLateness) {
        this.windowSizeMillis = windowSize.toMillis();
        this.outOfOrdernessMillis = outOfOrderness.toMillis();
        this.allowedLatenessMillis = allowedLateness.toMillis();
    }

    /** The watermark after seeing {@code maxEventTime}, or {@code Long.MIN_VALUE} before any. */
    public long watermark(long maxEventTime) {
        return maxEventTime == Long.MIN_VALUE
                ? Long.MIN_VALUE
                : maxEventTime - outOfOrdernessMillis - 1;
    }

    /** True if a reading at {@code eventTime} is beyond lateness for {@code watermark}. */
    public boolean isLate(long eventTime, long watermark) {
        return windowStart(eventTime) + windowSizeMillis - 1 + allowedLatenessMillis <= watermark;
    }

    /** Start of the tumbling window that contains {@code eventTime}. */
    public long windowStart(long eventTime) {
        return TimeWindow.getWindowStartWithOffset(eventTime, 0, windowSizeMillis);
    }

    public long windowSizeMillis() {
        return windowSizeMillis;
    }
}
