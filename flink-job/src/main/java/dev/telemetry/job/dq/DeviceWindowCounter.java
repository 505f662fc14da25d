package dev.telemetry.job.dq;

import dev.telemetry.job.model.DeviceWindowCount;
import dev.telemetry.job.model.Reading;
import java.time.Duration;
import java.util.Iterator;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.util.Collector;

/**
 * Counts readings per device and event-time window: used for late readings and for duplicates.
 * Keyed by device id.
 *
 * <p>Counts are emitted as absolute values (so rewriting them is idempotent) when the watermark
 * next advances, which batches a burst into one row per window. A window's count is kept until the
 * watermark passes its end plus the retention; a reading for a window older than that starts a new
 * count, which the sink merges with {@code GREATEST}, so a count never shrinks.
 */
public final class DeviceWindowCounter
        extends KeyedProcessFunction<String, Reading, DeviceWindowCount> {

    private final long windowSizeMillis;
    private final long retentionMillis;

    private transient MapState<Long, WindowTally> tallies;

    public DeviceWindowCounter(Duration windowSize, Duration retention) {
        this.windowSizeMillis = windowSize.toMillis();
        this.retentionMillis = retention.toMillis();
    }

    @Override
    public void open(OpenContext openContext) {
        tallies =
                getRuntimeContext()
                        .getMapState(
                                new MapStateDescriptor<>("tallies", Long.class, WindowTally.class));
    }

    @Override
    public void processElement(Reading reading, Context ctx, Collector<DeviceWindowCount> out)
            throws Exception {
        long windowStart =
                TimeWindow.getWindowStartWithOffset(reading.eventTime, 0, windowSizeMillis);
        WindowTally tally = tallies.get(windowStart);
        if (tally == null) {
            tally = new WindowTally();
            tally.family = reading.family.id();
        }
        tally.count++;
        tally.pending = true;
        tallies.put(windowStart, tally);
        long watermark = ctx.timerService().currentWatermark();
        ctx.timerService()
                .registerEventTimeTimer(watermark == Long.MAX_VALUE ? watermark : watermark + 1);
        ctx.timerService().registerEventTimeTimer(expiry(windowStart));
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<DeviceWindowCount> out)
            throws Exception {
        Iterator<Map.Entry<Long, WindowTally>> entries = tallies.iterator();
        while (entries.hasNext()) {
            Map.Entry<Long, WindowTally> entry = entries.next();
            long windowStart = entry.getKey();
            WindowTally tally = entry.getValue();
            if (tally.pending) {
                out.collect(
                        new DeviceWindowCount(
                                ctx.getCurrentKey(),
                                tally.family,
                                windowStart,
                                windowStart + windowSizeMillis,
                                tally.count));
                tally.pending = false;
                entry.setValue(tally);
            }
            if (expiry(windowStart) <= timestamp) {
                entries.remove();
            }
        }
        if (tallies.isEmpty()) {
            tallies.clear(); // removing through the iterator can leave an empty map behind
        }
    }

    private long expiry(long windowStart) {
        return windowStart + windowSizeMillis + retentionMillis;
    }
}
