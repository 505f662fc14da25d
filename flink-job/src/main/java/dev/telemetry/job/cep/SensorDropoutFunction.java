package dev.telemetry.job.cep;

import dev.telemetry.job.alert.ClearCondition;
import dev.telemetry.job.alert.Detection;
import dev.telemetry.job.alert.Severity;
import dev.telemetry.job.rules.AnnotatedReading;
import dev.telemetry.job.rules.RuleParam;
import dev.telemetry.model.Family;
import dev.telemetry.model.label.AnomalyType;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Sensor dropout: an active device sends nothing for {@code timeout_s} of event time. Runs on
 * event-time timers, so a replay fires at the same instants. A device whose last reading is in a
 * phase where the rule is off (parked, on the ground) is not expected to report, and its state is
 * dropped at once; after firing, the state is dropped too, so silent devices hold no state.
 *
 * <p>One timer per device: instead of deleting and re-registering on every reading, the pending
 * timer re-arms itself at the latest deadline when it fires early.
 *
 * <table>
 * <caption>Parameters</caption>
 * <tr><th>parameter</th><th>kind</th><th>default</th></tr>
 * <tr><td>{@link RuleParam#SENSOR_DROPOUT_TIMEOUT_S timeout_s}</td><td>rule</td><td>3 s</td></tr>
 * </table>
 */
public class SensorDropoutFunction
        extends KeyedProcessFunction<String, AnnotatedReading, Detection> {

    private static final long serialVersionUID = 1L;
    private static final AnomalyType TYPE = AnomalyType.SENSOR_DROPOUT;

    private transient ValueState<Watch> watch;

    @Override
    public void open(OpenContext openContext) {
        watch =
                getRuntimeContext()
                        .getState(new ValueStateDescriptor<>("dropout-watch", Watch.class));
    }

    @Override
    public void processElement(AnnotatedReading r, Context ctx, Collector<Detection> out)
            throws Exception {
        Watch w = watch.value();
        if (w != null && r.time() < w.lastSeen) {
            return; // out of order: never move the deadline back
        }
        if (w != null && r.time() > w.deadline) {
            // The gap is already over: the watermark had not reached the deadline yet (a fast
            // replay), so the timer could not fire. The dropout happened all the same, at the
            // deadline; reporting it here keeps the outcome independent of watermark timing.
            out.collect(dropout(ctx.getCurrentKey(), w, w.deadline));
        }
        if (!Detections.active(r, TYPE)) {
            if (w != null) {
                ctx.timerService().deleteEventTimeTimer(w.timerAt);
                watch.clear();
            }
            return;
        }
        if (w == null) {
            w = new Watch();
        }
        w.lastSeen = r.time();
        w.family = r.reading.family;
        w.phase = r.phase();
        w.deadline =
                r.time() + Math.round(r.param(TYPE, RuleParam.SENSOR_DROPOUT_TIMEOUT_S) * 1000);
        w.severity = r.severity(TYPE).ordinal();
        w.clearReadings = (int) r.param(TYPE, RuleParam.CLEAR_READINGS);
        w.resolveTimeoutMs = Math.round(r.param(TYPE, RuleParam.RESOLVE_TIMEOUT_S) * 1000);
        if (w.timerAt == 0 || w.timerAt > w.deadline) {
            if (w.timerAt != 0) {
                ctx.timerService().deleteEventTimeTimer(w.timerAt);
            }
            w.timerAt = w.deadline;
            ctx.timerService().registerEventTimeTimer(w.timerAt);
        }
        watch.update(w);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<Detection> out)
            throws Exception {
        Watch w = watch.value();
        if (w == null || timestamp != w.timerAt) {
            return;
        }
        if (w.deadline > timestamp) {
            w.timerAt = w.deadline;
            ctx.timerService().registerEventTimeTimer(w.timerAt);
            watch.update(w);
            return;
        }
        if (ctx.timerService().currentWatermark() == Long.MAX_VALUE) {
            // The input ended (a bounded replay): silence after the last record is no dropout.
            watch.clear();
            return;
        }
        out.collect(dropout(ctx.getCurrentKey(), w, timestamp));
        watch.clear();
    }

    private static Detection dropout(String deviceId, Watch w, long at) {
        double silentS = (at - w.lastSeen) / 1000.0;
        double timeoutS = (w.deadline - w.lastSeen) / 1000.0;
        return Detection.of(deviceId, w.family, TYPE, at, w.phase)
                .severity(Severity.values()[w.severity])
                .resolvedAfter(w.clearReadings, w.resolveTimeoutMs)
                .measured("silence_s", silentS, timeoutS)
                .clearsWhen(ClearCondition.DEVICE_REPORTS, Double.NaN)
                .explained(
                        "no reading for "
                                + Detections.fmt(silentS)
                                + " s while "
                                + (w.phase.isEmpty() ? "active" : w.phase)
                                + " (limit "
                                + Detections.fmt(timeoutS)
                                + " s)");
    }

    /** When the device was last heard of and when it becomes overdue. A Flink POJO. */
    public static class Watch {
        public long lastSeen;
        public long deadline;
        public long timerAt;
        public Family family;
        public String phase;
        public int severity;
        public int clearReadings;
        public long resolveTimeoutMs;

        public Watch() {}
    }
}
