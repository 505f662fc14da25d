package dev.telemetry.job.rules;

import dev.telemetry.job.model.Reading;
import dev.telemetry.model.Family;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.flink.annotation.VisibleForTesting;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.BroadcastState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ReadOnlyBroadcastState;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Attaches the rules in force and a rolling per-metric baseline to each reading. Rules arrive as
 * broadcast state (validated upstream by {@link RuleValidationFunction}) and take effect for the
 * next reading, without a restart; until a rule for a (family, detector) arrives, the shipped
 * default rule applies. A rule with a lower version than the one in force is ignored as stale.
 *
 * <p>The baseline is a time-aware exponentially weighted mean over the readings before the current
 * one, restarted when the operating phase changes so that a phase transition is not mistaken for a
 * spike. Its per-device state is dropped after {@code idleRetention} of event time without
 * readings. Only readings of the families given as {@code baselineFamilies} (those with a detector
 * that reads baselines) get one; the others carry none, and their devices keep no state here.
 */
public class RuleAnnotator
        extends KeyedBroadcastProcessFunction<String, Reading, Rule, AnnotatedReading> {

    private static final long serialVersionUID = 1L;

    /** Broadcast state: rule key ({@link Rule#key()}) to the rule in force. */
    public static final MapStateDescriptor<String, Rule> RULES_STATE =
            new MapStateDescriptor<>("rules", Types.STRING, TypeInformation.of(Rule.class));

    /** Readings in a phase before the baseline is trusted. */
    static final int BASELINE_WARMUP_READINGS = 3;

    /** Timer granularity: cleanup timers are rounded so a device holds at most a few of them. */
    static final long TIMER_GRANULARITY_MS = 60_000;

    private final List<Rule> defaults;
    private final long baselineTauMs;
    private final long idleRetentionMs;
    private final EnumSet<Family> baselineFamilies;

    private transient ValueState<Baseline> baselineState;
    private transient RuleBook book;
    private transient Counter staleRules;
    private transient Counter appliedRules;

    /**
     * Default rules from the classpath, a 60 s baseline time constant (slow enough that a dip of a
     * few seconds barely moves it, so the recovery is no spike), 10 min idle retention.
     */
    public RuleAnnotator(Set<Family> baselineFamilies) {
        this(DefaultRules.load(), Duration.ofSeconds(60), Duration.ofMinutes(10), baselineFamilies);
    }

    /** Baselines for every family. */
    public RuleAnnotator(List<Rule> defaults, Duration baselineTau, Duration idleRetention) {
        this(defaults, baselineTau, idleRetention, EnumSet.allOf(Family.class));
    }

    public RuleAnnotator(
            List<Rule> defaults,
            Duration baselineTau,
            Duration idleRetention,
            Set<Family> baselineFamilies) {
        this.defaults = new ArrayList<>(defaults);
        this.baselineTauMs = baselineTau.toMillis();
        this.idleRetentionMs = idleRetention.toMillis();
        this.baselineFamilies = EnumSet.noneOf(Family.class);
        this.baselineFamilies.addAll(baselineFamilies);
    }

    @Override
    public void open(OpenContext openContext) {
        baselineState =
                getRuntimeContext()
                        .getState(new ValueStateDescriptor<>("baseline", Baseline.class));
        staleRules = getRuntimeContext().getMetricGroup().counter("staleRules");
        appliedRules = getRuntimeContext().getMetricGroup().counter("appliedRules");
        book = null;
    }

    @Override
    public void processElement(
            Reading reading, ReadOnlyContext ctx, Collector<AnnotatedReading> out)
            throws Exception {
        if (book == null) {
            book = buildBook(ctx.getBroadcastState(RULES_STATE));
        }
        double[] baseline = null;
        if (baselineFamilies.contains(reading.family)) {
            Baseline state = baselineState.value();
            baseline = advanceBaseline(state == null ? new Baseline() : state, reading);
            ctx.timerService().registerEventTimeTimer(cleanupTime(reading.eventTime));
        }
        out.collect(
                AnnotatedReading.of(
                        reading, book.resolve(reading.family, reading.phase), baseline));
    }

    @Override
    public void processBroadcastElement(Rule rule, Context ctx, Collector<AnnotatedReading> out)
            throws Exception {
        BroadcastState<String, Rule> rules = ctx.getBroadcastState(RULES_STATE);
        Rule current = rules.get(rule.key());
        if (current == null) {
            current = defaultRule(rule.key());
        }
        if (current != null && rule.version < current.version) {
            staleRules.inc();
            return;
        }
        rules.put(rule.key(), rule);
        appliedRules.inc();
        book = null;
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<AnnotatedReading> out)
            throws Exception {
        Baseline state = baselineState.value();
        if (state != null && state.lastTime + idleRetentionMs <= timestamp) {
            baselineState.clear();
        }
    }

    private long cleanupTime(long eventTime) {
        return (Math.floorDiv(eventTime, TIMER_GRANULARITY_MS) + 1) * TIMER_GRANULARITY_MS
                + idleRetentionMs;
    }

    /**
     * Returns the baseline before this reading (null while it warms up) and folds the reading into
     * the state.
     */
    private double[] advanceBaseline(Baseline state, Reading reading) throws Exception {
        int n = reading.values.length;
        if (state.mean == null
                || state.mean.length != n
                || !reading.phase.equals(state.phase)
                || reading.eventTime < state.lastTime) {
            if (state.mean != null
                    && reading.eventTime < state.lastTime
                    && state.mean.length == n
                    && reading.phase.equals(state.phase)) {
                // A slightly out-of-order reading: use the baseline as is, do not rewind time.
                return state.samples >= BASELINE_WARMUP_READINGS ? state.mean.clone() : null;
            }
            state.phase = reading.phase;
            state.mean = reading.values.clone();
            state.samples = 1;
            state.lastTime = reading.eventTime;
            baselineState.update(state);
            return null;
        }
        double[] before = state.samples >= BASELINE_WARMUP_READINGS ? state.mean.clone() : null;
        double dt = reading.eventTime - state.lastTime;
        double alpha = baselineTauMs <= 0 ? 1 : 1 - Math.exp(-dt / baselineTauMs);
        for (int i = 0; i < n; i++) {
            double v = reading.values[i];
            if (Double.isNaN(v)) {
                continue;
            }
            state.mean[i] =
                    Double.isNaN(state.mean[i]) ? v : state.mean[i] + alpha * (v - state.mean[i]);
        }
        state.samples++;
        state.lastTime = reading.eventTime;
        baselineState.update(state);
        return before;
    }

    private Rule defaultRule(String key) {
        for (Rule rule : defaults) {
            if (rule.key().equals(key)) {
                return rule;
            }
        }
        return null;
    }

    private RuleBook buildBook(ReadOnlyBroadcastState<String, Rule> state) throws Exception {
        Map<String, Rule> rules = new LinkedHashMap<>();
        for (Rule rule : defaults) {
            rules.put(rule.key(), rule);
        }
        for (Map.Entry<String, Rule> entry : state.immutableEntries()) {
            rules.put(entry.getKey(), entry.getValue());
        }
        return new RuleBook(rules.values());
    }

    @VisibleForTesting
    RuleBook currentBook() {
        return book;
    }

    /** Per-device rolling baseline state. A Flink POJO. */
    public static class Baseline {
        public String phase;
        public long lastTime;
        public int samples;
        public double[] mean;

        public Baseline() {}
    }
}
