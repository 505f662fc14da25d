package dev.telemetry.job.cep;

import dev.telemetry.job.alert.ClearCondition;
import dev.telemetry.job.alert.Detection;
import dev.telemetry.job.rules.AnnotatedReading;
import dev.telemetry.job.rules.RuleParam;
import dev.telemetry.model.MetricDefinition;
import dev.telemetry.model.Metrics;
import dev.telemetry.model.label.AnomalyType;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Frozen sensor: one metric reports exactly the same value for {@code readings} consecutive
 * readings although it normally changes from reading to reading.
 *
 * <p>"Normally changes" is learnt per device and metric from the last {@value #HISTORY} changes
 * between consecutive readings: a change counts as noise if it differs from the previous change by
 * at least {@code min_noise_steps} steps of the metric's reporting resolution (the finest decimal
 * seen) - a second difference, so a steady trend is not mistaken for noise - and the metric is
 * watched only if at least {@code noisy_pct} of its recent changes were noise. For such a metric an
 * exact repeat by chance is rare. A metric that moves only by a trend (a state of charge following
 * the drawn power) or by a few resolution steps (a pack temperature in hundredths) stops or repeats
 * legitimately and is ignored. The history restarts with every phase change (a heading that turned
 * while taxiing legitimately stands still at the gate). Flags and values at the catalogue bounds or
 * zero (clamped readings) are never watched. The decision uses the history from before the
 * repeating run began.
 *
 * <p>Fires on every further frozen reading, so the alert stays open while the sensor is stuck.
 * Per-device state is dropped after {@code idleRetention} of event time without readings.
 *
 * <table>
 * <caption>Parameters</caption>
 * <tr><th>parameter</th><th>kind</th><th>default</th></tr>
 * <tr><td>{@code idleRetention}</td><td>structural</td><td>10 min</td></tr>
 * <tr><td>{@link RuleParam#FROZEN_SENSOR_READINGS readings}</td><td>rule</td><td>5</td></tr>
 * <tr><td>{@link RuleParam#FROZEN_SENSOR_MIN_NOISE_STEPS min_noise_steps}</td><td>rule</td>
 *     <td>5</td></tr>
 * <tr><td>{@link RuleParam#FROZEN_SENSOR_NOISY_PCT noisy_pct}</td><td>rule</td><td>75 %</td></tr>
 * </table>
 */
public class FrozenSensorFunction
        extends KeyedProcessFunction<String, AnnotatedReading, Detection> {

    private static final long serialVersionUID = 1L;
    private static final AnomalyType TYPE = AnomalyType.FROZEN_SENSOR;

    /** Changes remembered per metric (one bit each). */
    static final int HISTORY = 64;

    /** Changes of history needed before a metric can be judged. */
    static final int WARM_UP_CHANGES = 16;

    static final int MAX_DECIMALS = 6;
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
            s = Repeats.start(values);
            s.phase = r.phase();
        } else if (r.time() < s.lastTime) {
            return; // out of order: runs are about consecutive readings in event time
        } else {
            if (!r.phase().equals(s.phase)) {
                // What is noise in one phase says nothing about the next: a heading that turned
                // while taxiing legitimately stands still at the gate.
                s.forgetHistory();
                s.phase = r.phase();
            }
            List<MetricDefinition> defs = Metrics.of(r.reading.family);
            int needed = (int) r.param(TYPE, RuleParam.FROZEN_SENSOR_READINGS);
            double minSteps = r.param(TYPE, RuleParam.FROZEN_SENSOR_MIN_NOISE_STEPS);
            double noisyShare = r.param(TYPE, RuleParam.FROZEN_SENSOR_NOISY_PCT) / 100;
            boolean active = Detections.active(r, TYPE);
            for (int i = 0; i < values.length; i++) {
                double v = values[i];
                if (Double.isNaN(v)) {
                    continue;
                }
                s.decimals[i] = Math.max(s.decimals[i], decimals(v));
                if (Double.isNaN(s.last[i])) {
                    s.last[i] = v;
                    continue;
                }
                double change = v - s.last[i];
                if (change == 0) {
                    s.run[i]++;
                } else {
                    // A new run starts: judge it by the history from before it.
                    s.run[i] = 1;
                    int known = Math.min(s.changes[i], HISTORY);
                    s.watched[i] =
                            known >= WARM_UP_CHANGES
                                    && Long.bitCount(s.noisy[i]) >= noisyShare * known;
                }
                // Noise is what a trend does not explain: the change of the change.
                boolean noise =
                        !Double.isNaN(s.lastChange[i])
                                && Math.abs(change - s.lastChange[i])
                                        >= minSteps * Math.pow(10, -s.decimals[i]);
                s.noisy[i] = (s.noisy[i] << 1) | (noise ? 1 : 0);
                s.lastChange[i] = change;
                s.changes[i]++;
                s.last[i] = v;
                if (active && s.watched[i] && s.run[i] >= needed && watchable(defs.get(i), v)) {
                    out.collect(detection(r, defs.get(i), v, s.run[i], needed));
                }
            }
        }
        s.lastTime = r.time();
        repeats.update(s);
        ctx.timerService().registerEventTimeTimer(cleanupTime(r.time()));
    }

    /** Flags and clamped values (at a catalogue bound, or zero) legitimately repeat. */
    static boolean watchable(MetricDefinition def, double value) {
        return def.kind() != MetricDefinition.Kind.FLAG
                && value != 0.0
                && value != def.min()
                && value != def.max();
    }

    /** Decimals needed to write the value exactly (up to {@value #MAX_DECIMALS}). */
    static int decimals(double value) {
        double scaled = Math.abs(value);
        for (int d = 0; d < MAX_DECIMALS; d++) {
            if (Math.abs(scaled - Math.rint(scaled)) < 1e-6 * Math.max(1, scaled)) {
                return d;
            }
            scaled *= 10;
        }
        return MAX_DECIMALS;
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

    /** Per-metric run lengths and change history of a device. A Flink POJO. */
    public static class Repeats {
        public double[] last;
        public int[] run;

        /** One bit per recent change, newest lowest: 1 if the change was noise. */
        public long[] noisy;

        /** Changes seen so far per metric. */
        public int[] changes;

        /** The latest change per metric (signed), NaN before the second reading. */
        public double[] lastChange;

        public int[] decimals;
        public boolean[] watched;
        public long lastTime;

        /** Operating phase the change history belongs to. */
        public String phase;

        public Repeats() {}

        void forgetHistory() {
            Arrays.fill(noisy, 0L);
            Arrays.fill(changes, 0);
            Arrays.fill(lastChange, Double.NaN);
            Arrays.fill(watched, false);
        }

        static Repeats start(double[] values) {
            Repeats s = new Repeats();
            int n = values.length;
            s.last = values.clone();
            s.run = new int[n];
            Arrays.fill(s.run, 1);
            s.noisy = new long[n];
            s.changes = new int[n];
            s.lastChange = new double[n];
            Arrays.fill(s.lastChange, Double.NaN);
            s.decimals = new int[n];
            for (int i = 0; i < n; i++) {
                s.decimals[i] = Double.isNaN(values[i]) ? 0 : decimals(values[i]);
            }
            s.watched = new boolean[n];
            s.phase = "";
            return s;
        }
    }
}
