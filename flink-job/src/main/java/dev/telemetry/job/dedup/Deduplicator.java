package dev.telemetry.job.dedup;

import dev.telemetry.job.model.IngestedRecord;
import dev.telemetry.job.model.Reading;
import java.time.Duration;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Drops duplicate (device, seq) readings into {@link #DUPLICATES}, routes unique late readings to
 * {@link #LATE} and forwards unique on-time readings. Keyed by device id.
 *
 * <p>State per device is one {@link SeqWindow} (highest seq + bitmap of recent seqs). An event-time
 * timer clears it once the watermark passes the device's latest event time plus the idle timeout;
 * only one timer per device is pending at a time. A seq older than the bitmap's range cannot be
 * checked and is treated as new.
 */
public final class Deduplicator extends KeyedProcessFunction<String, IngestedRecord, Reading> {

    /** Repeated (device, seq) readings, counted per device and window. */
    public static final OutputTag<Reading> DUPLICATES =
            new OutputTag<>("duplicates", TypeInformation.of(Reading.class));

    /** Unique readings whose window had closed when they arrived, counted per device and window. */
    public static final OutputTag<Reading> LATE =
            new OutputTag<>("late-readings", TypeInformation.of(Reading.class));

    private final int bitmapWords;
    private final long idleTimeoutMillis;

    private transient ValueState<SeqWindow> seqs;
    private transient Counter beyondWindow;

    /**
     * @param trackedSeqs how many recent sequence numbers to remember per device (rounded up to a
     *     multiple of 64)
     * @param idleTimeout event time without readings after which a device's state is cleared
     */
    public Deduplicator(int trackedSeqs, Duration idleTimeout) {
        this.bitmapWords = Math.max(1, (trackedSeqs + 63) / 64);
        this.idleTimeoutMillis = idleTimeout.toMillis();
    }

    @Override
    public void open(OpenContext openContext) {
        seqs = getRuntimeContext().getState(new ValueStateDescriptor<>("seqs", SeqWindow.class));
        beyondWindow = getRuntimeContext().getMetricGroup().counter("dedupSeqBeyondWindow");
    }

    @Override
    public void processElement(IngestedRecord record, Context ctx, Collector<Reading> out)
            throws Exception {
        Reading reading = record.reading;
        SeqWindow window = seqs.value();
        if (window == null) {
            window = SeqWindow.create(bitmapWords);
        }
        SeqWindow.Verdict verdict = window.observe(reading.seq);
        if (verdict == SeqWindow.Verdict.DUPLICATE) {
            ctx.output(DUPLICATES, reading);
        } else {
            if (verdict == SeqWindow.Verdict.BEYOND_WINDOW) {
                beyondWindow.inc();
            }
            if (record.late) {
                ctx.output(LATE, reading);
            } else {
                out.collect(reading);
            }
        }
        window.lastEventTime = Math.max(window.lastEventTime, reading.eventTime);
        if (window.cleanupTimer == Long.MIN_VALUE) {
            window.cleanupTimer = saturatedAdd(window.lastEventTime, idleTimeoutMillis);
            ctx.timerService().registerEventTimeTimer(window.cleanupTimer);
        }
        seqs.update(window);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<Reading> out)
            throws Exception {
        SeqWindow window = seqs.value();
        if (window == null) {
            return;
        }
        long idleAt = saturatedAdd(window.lastEventTime, idleTimeoutMillis);
        if (idleAt <= timestamp) {
            seqs.clear();
        } else {
            window.cleanupTimer = idleAt;
            ctx.timerService().registerEventTimeTimer(idleAt);
            seqs.update(window);
        }
    }

    static long saturatedAdd(long a, long b) {
        long sum = a + b;
        return ((a ^ sum) & (b ^ sum)) < 0 ? (a < 0 ? Long.MIN_VALUE : Long.MAX_VALUE) : sum;
    }
}
