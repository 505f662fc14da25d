package dev.telemetry.job.cep;

import dev.telemetry.job.alert.ClearCondition;
import dev.telemetry.job.alert.Detection;
import dev.telemetry.job.rules.AnnotatedReading;
import dev.telemetry.job.rules.RuleParam;
import dev.telemetry.model.MetricDefinition;
import dev.telemetry.model.Metrics;
import dev.telemetry.model.label.AnomalyType;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Frozen sensor: one metric reports exactly the same value for {@code readings} consecutive
 * readings. Metrics that legitimately stay constant are not watched: flags, counters, and a value
 * of exactly zero (a parked car's speed, a solar array at night). Fires on every further frozen
 * reading, so the alert stays open while the sensor is stuck. Per-device state is dropped after
 * {@code idleRetention} of event time without readings.
 *
 * <table>
 * <caption>Parameters</caption>
 * <tr><th>parameter</th><th>kind</th><th>default</th></tr>
 * <tr><td>{@code idleRetention}</td><td>structural</td><td>10 min</td></tr>
 * <tr><td>{@link RuleParam#FROZEN_SENSOR_READINGS readings}</td><td>rule</td><td>5</td></tr>
 * </table>
 */
public class FrozenSensorFunction
        extends KeyedProcessFunction<String, AnnotatedReading, Detection> {

    private static final long serialVersionUID = 1L;
    private static final AnomalyType TYPE = AnomalyType.FROZEN_SENSOR;

    /** Counters whose value legitimately stays put. */
    static final Set<String> NOT_WATCHED = Set.of(Metrics.ODOMETER_KM);

    static final long TIMER_GRANULARITY_MS = 60_000;

    private final long idleRetentionMs;
    private transient ValueState<Repeats> repeats;

    public FrozenSensorFunction() {
        this(Duration.ofMinutes(10));
    }

    public FrozenSensorFunction(Duration idleRetention) {
        this.idleRetentionMs = idleRetention.toMillis();
    }

    @Override
    public void open(OpenContext openContext) {
        repeats =
                getRuntimeContext()
                        .getState(new ValueStateDescriptor<>("frozen-repeats", Repeats.class));
    }

    @Override
    public void processElement(AnnotatedReading r, Context ctx, Collector<Detection> out)
            throws Exception {
        Repeats s = repeats.value();
        double[] values = r.reading.values;
        if (s == null || s.last.length != values.length) {
            s = new Repeats();
            s.last = values.clone();
            s.count = new int[values.length];
            java.util.Arrays.fill(s.count, 1);
        } else if (r.time() < s.lastTime) {
            return; // out of order: repeats are about consecutive readings in event time
        } else {
            List<MetricDefinition> defs = Metrics.of(r.reading.family);
            int needed = (int) r.param(TYPE, RuleParam.FROZEN_SENSOR_READINGS);
            boolean active = Detections.active(r, TYPE);
            for (int i = 0; i < values.length; i++) {
                double v = values[i];
                if (!Double.isNaN(v) && v == s.last[i]) {
                    s.count[i]++;
                } else {
                    s.count[i] = 1;
                    s.last[i] = v;
                }
                if (active && s.count[i] >= needed && watched(defs.get(i), v)) {
                    out.collect(detection(r, defs.get(i), v, s.count[i], needed));
                }
            }
        }
        s.lastTime = r.time();
        repeats.update(s);
        ctx.timerService().registerEventTimeTimer(cleanupTime(r.time()));
    }

    static boolean watched(MetricDefinition def, double value) {
        return def.kind() != MetricDefinition.Kind.FLAG
                && !NOT_WATCHED.contains(def.name())
                && value != 0.0;
    }

    private static Detection detection(
            AnnotatedReading r, MetricDefinition def, double value, int count, int needed) {
        return Detections.start(r, TYPE)
                .measured(def.name(), value, needed)
                .clearsWhen(ClearCondition.VALUE_CHANGES, value)
                .explained(
                        def.name()
                                + " reported exactly "
                                + Detections.fmt(value)
                                + " "
                                + def.unit()
                                + " "
                                + count
                                + " times in a row (limit "
                                + needed
                                + ")");
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<Detection> out)
            throws Exception {
        Repeats s = repeats.value();
        if (s != null && s.lastTime + idleRetentionMs <= timestamp) {
            repeats.clear();
        }
    }

    private long cleanupTime(long eventTime) {
        return (Math.floorDiv(eventTime, TIMER_GRANULARITY_MS) + 1) * TIMER_GRANULARITY_MS
                + idleRetentionMs;
    }

    /** Last value and how many consecutive readings repeated it, per metric. A Flink POJO. */
    public static class Repeats {
        public double[] last;
        public int[] count;
        public long lastTime;

        public Repeats() {}
    }
}
