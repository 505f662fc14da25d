package dev.telemetry.job.alert;

import dev.telemetry.job.model.Reading;
import dev.telemetry.model.Metrics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.co.KeyedCoProcessFunction;
import org.apache.flink.util.Collector;

/**
 * The alert lifecycle of one device as a keyed state machine, in the style of Flink's {@code
 * StateMachineExample}: per anomaly type at most one active alert.
 *
 * <pre>
 *   (no alert) --detection--> OPEN --detection--> UPDATED --detection--> UPDATED ...
 *   OPEN/UPDATED --clear condition held for clear_readings readings--> RESOLVED (CLEARED)
 *   OPEN/UPDATED --no detection for resolve_timeout_s--------------> RESOLVED (TIMEOUT)
 * </pre>
 *
 * The alert id is a hash of (device, type, onset). Detections (first input) and readings (second
 * input, the evidence for clear conditions) travel different paths, so both are buffered and
 * processed in event-time order when the watermark passes them; the outcome is then independent of
 * arrival order and a replay reproduces ids, onsets, counts and states exactly. UPDATED events are
 * emitted at most once per {@code updateInterval} (or when the severity escalates); RESOLVED always
 * carries the final count and peak. State is empty again once a device's alerts are resolved, so a
 * silent device keeps nothing.
 */
public class AlertLifecycleFunction
        extends KeyedCoProcessFunction<String, Detection, Reading, AlertEvent> {

    private static final long serialVersionUID = 1L;

    public static final String CLEARED = "CLEARED";
    public static final String TIMEOUT = "TIMEOUT";

    private static final Comparator<Detection> DETECTION_ORDER =
            Comparator.comparing((Detection d) -> d.type)
                    .thenComparing(d -> d.metric)
                    .thenComparingDouble(d -> d.observed);

    private final long updateIntervalMs;

    private transient MapState<Long, PendingInputs> pending;
    private transient MapState<String, ActiveAlert> active;

    public AlertLifecycleFunction() {
        this(Duration.ofSeconds(5));
    }

    public AlertLifecycleFunction(Duration updateInterval) {
        this.updateIntervalMs = updateInterval.toMillis();
    }

    @Override
    public void open(OpenContext openContext) {
        pending =
                getRuntimeContext()
                        .getMapState(
                                new MapStateDescriptor<>(
                                        "pending",
                                        Types.LONG,
                                        TypeInformation.of(PendingInputs.class)));
        active =
                getRuntimeContext()
                        .getMapState(
                                new MapStateDescriptor<>(
                                        "active",
                                        Types.STRING,
                                        TypeInformation.of(ActiveAlert.class)));
    }

    @Override
    public void processElement1(Detection detection, Context ctx, Collector<AlertEvent> out)
            throws Exception {
        PendingInputs p = pendingAt(detection.eventTime, ctx);
        p.add(detection);
        pending.put(detection.eventTime, p);
    }

    @Override
    public void processElement2(Reading reading, Context ctx, Collector<AlertEvent> out)
            throws Exception {
        if (reading.eventTime <= ctx.timerService().currentWatermark()) {
            // Late: the instants it belongs to are already decided. Every other reading is
            // buffered, even without an alert, because a detection for an earlier instant may
            // still be on its way and the reading is then evidence for its clear condition.
            return;
        }
        PendingInputs p = pendingAt(reading.eventTime, ctx);
        p.add(reading);
        pending.put(reading.eventTime, p);
    }

    private PendingInputs pendingAt(long time, Context ctx) throws Exception {
        PendingInputs p = pending.get(time);
        if (p == null) {
            p = new PendingInputs();
            ctx.timerService().registerEventTimeTimer(time);
        }
        return p;
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<AlertEvent> out)
            throws Exception {
        PendingInputs p = pending.get(timestamp);
        if (p != null) {
            pending.remove(timestamp);
            Reading[] readings = p.readings.clone();
            Arrays.sort(readings, Comparator.comparingLong((Reading r) -> r.seq));
            for (Reading r : readings) {
                onReading(r, ctx, out);
            }
            Detection[] detections = p.detections.clone();
            Arrays.sort(detections, DETECTION_ORDER);
            for (Detection d : detections) {
                onDetection(d, ctx, out);
            }
        }
        List<String> timedOut = new ArrayList<>();
        for (Map.Entry<String, ActiveAlert> e : active.entries()) {
            if (e.getValue().deadline() <= timestamp) {
                timedOut.add(e.getKey());
            }
        }
        for (String key : timedOut) {
            ActiveAlert a = active.get(key);
            resolve(key, a, a.deadline(), TIMEOUT, out);
        }
    }

    private void onDetection(Detection d, OnTimerContext ctx, Collector<AlertEvent> out)
            throws Exception {
        String key = d.type.name();
        ActiveAlert a = active.get(key);
        if (a == null) {
            a = new ActiveAlert();
            a.alertId = AlertIds.alertId(d.deviceId, d.type, d.eventTime);
            a.deviceId = d.deviceId;
            a.family = d.family;
            a.type = d.type;
            a.severity = d.severity;
            a.onset = d.eventTime;
            a.lastFiring = d.eventTime;
            a.fireCount = 1;
            a.peak = d.observed;
            a.metric = d.metric;
            a.clear = d.clear;
            a.clearLevel = d.clearLevel;
            takeLatest(a, d);
            out.collect(event(a, AlertStatus.OPEN, d.eventTime, -1, ""));
            a.lastEmitted = d.eventTime;
        } else {
            deleteDeadlineTimer(ctx, a.deadline(), d.type.name());
            Severity before = a.severity;
            a.severity = Severity.max(a.severity, d.severity);
            a.lastFiring = Math.max(a.lastFiring, d.eventTime);
            a.fireCount++;
            a.peak = moreExtreme(a, a.peak, d.observed);
            if (d.metric.equals(a.metric)) {
                // Keep the clear condition of the metric the alert is about.
                a.clear = d.clear;
                a.clearLevel = d.clearLevel;
            }
            takeLatest(a, d);
            if (d.eventTime - a.lastEmitted >= updateIntervalMs || a.severity != before) {
                out.collect(event(a, AlertStatus.UPDATED, d.eventTime, -1, ""));
                a.lastEmitted = d.eventTime;
            }
        }
        a.safeReadings = 0;
        active.put(key, a);
        ctx.timerService().registerEventTimeTimer(a.deadline());
    }

    /**
     * Deletes the timeout timer of an alert unless the same instant is still needed, for pending
     * inputs or another alert's timeout. Keeps silent devices free of timers.
     */
    private void deleteDeadlineTimer(OnTimerContext ctx, long deadline, String ownKey)
            throws Exception {
        if (pending.contains(deadline)) {
            return;
        }
        for (Map.Entry<String, ActiveAlert> e : active.entries()) {
            if (!e.getKey().equals(ownKey) && e.getValue().deadline() == deadline) {
                return;
            }
        }
        ctx.timerService().deleteEventTimeTimer(deadline);
    }

    private static void takeLatest(ActiveAlert a, Detection d) {
        a.observed = d.observed;
        a.threshold = d.threshold;
        a.phase = d.phase;
        a.explanation = d.explanation;
        a.clearReadings = Math.max(1, d.clearReadings);
        a.resolveTimeoutMs = d.resolveTimeoutMs;
    }

    private static double moreExtreme(ActiveAlert a, double peak, double value) {
        if (Double.isNaN(peak)) {
            return value;
        }
        if (Double.isNaN(value)) {
            return peak;
        }
        return a.clear == ClearCondition.ABOVE_LEVEL
                ? Math.min(peak, value)
                : Math.max(peak, value);
    }

    private void onReading(Reading r, OnTimerContext ctx, Collector<AlertEvent> out)
            throws Exception {
        List<String> cleared = new ArrayList<>();
        for (Map.Entry<String, ActiveAlert> e : active.entries()) {
            ActiveAlert a = e.getValue();
            if (r.eventTime <= a.lastFiring || a.clear == ClearCondition.TIMEOUT_ONLY) {
                continue;
            }
            Boolean safe = safe(a, r);
            if (safe == null) {
                continue;
            }
            a.safeReadings = safe ? a.safeReadings + 1 : 0;
            int needed =
                    a.clear == ClearCondition.DEVICE_REPORTS
                                    || a.clear == ClearCondition.VALUE_CHANGES
                            ? 1
                            : a.clearReadings;
            if (a.safeReadings >= needed) {
                cleared.add(e.getKey());
            } else {
                active.put(e.getKey(), a);
            }
        }
        for (String key : cleared) {
            ActiveAlert a = active.get(key);
            resolve(key, a, r.eventTime, CLEARED, out);
            // Resolved by a reading: its timeout timer has nothing left to do.
            deleteDeadlineTimer(ctx, a.deadline(), key);
        }
    }

    /** Whether the reading is on the safe side of the clear level; null if it says nothing. */
    private static Boolean safe(ActiveAlert a, Reading r) {
        if (a.clear == ClearCondition.DEVICE_REPORTS) {
            return true;
        }
        int index = Metrics.indexOf(r.family, a.metric);
        if (index < 0 || Double.isNaN(r.values[index])) {
            return null;
        }
        double v = r.values[index];
        return switch (a.clear) {
            case BELOW_LEVEL -> v < a.clearLevel;
            case ABOVE_LEVEL -> v > a.clearLevel;
            case VALUE_CHANGES -> v != a.clearLevel;
            default -> null;
        };
    }

    private void resolve(
            String key, ActiveAlert a, long at, String reason, Collector<AlertEvent> out)
            throws Exception {
        out.collect(event(a, AlertStatus.RESOLVED, at, at, reason));
        active.remove(key);
    }

    private static AlertEvent event(
            ActiveAlert a, AlertStatus status, long at, long resolvedAt, String reason) {
        AlertEvent e = new AlertEvent();
        e.alertId = a.alertId;
        e.eventSeq = a.nextSeq++;
        e.status = status;
        e.deviceId = a.deviceId;
        e.family = a.family;
        e.type = a.type;
        e.severity = a.severity;
        e.onset = a.onset;
        e.eventTime = at;
        e.lastFiring = a.lastFiring;
        e.resolvedAt = resolvedAt;
        e.resolution = reason;
        e.fireCount = a.fireCount;
        e.peak = a.peak;
        e.metric = a.metric;
        e.observed = a.observed;
        e.threshold = a.threshold;
        e.phase = a.phase;
        e.explanation = a.explanation;
        return e;
    }
}
