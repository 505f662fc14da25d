package dev.telemetry.job.cep;

import static dev.telemetry.job.cep.Detections.fmt;

import dev.telemetry.job.alert.ClearCondition;
import dev.telemetry.job.alert.Detection;
import dev.telemetry.job.rules.AnnotatedReading;
import dev.telemetry.job.rules.RuleParam;
import dev.telemetry.model.Family;
import dev.telemetry.model.Metrics;
import dev.telemetry.model.label.AnomalyType;
import java.time.Duration;
import java.util.List;
import org.apache.flink.cep.pattern.conditions.IterativeCondition;

/**
 * Engine chamber pressure jumps well above its recent baseline: {@code confirmReadings} consecutive
 * readings above {@code baseline × (1 + rise_pct/100)} and at least {@code min_rise_bar} above it,
 * where the baseline is the rolling mean before the first of them (so the spike does not raise its
 * own bar), or above the absolute ceiling {@code max_bar}. During the ignition ramp the shipped
 * rules rely on the ceiling alone, so the normal ramp and its overshoot do not alert.
 *
 * <table>
 * <caption>Parameters</caption>
 * <tr><th>parameter</th><th>kind</th><th>default</th></tr>
 * <tr><td>{@code confirmReadings}</td><td>structural</td><td>2</td></tr>
 * <tr><td>{@code within}</td><td>structural</td><td>5 s</td></tr>
 * <tr><td>{@link RuleParam#PRESSURE_SPIKE_RISE_PCT rise_pct}</td><td>rule</td><td>25 %</td></tr>
 * <tr><td>{@link RuleParam#PRESSURE_SPIKE_MIN_RISE_BAR min_rise_bar}</td><td>rule</td>
 *     <td>15 bar (ignition 300 bar: relative test off)</td></tr>
 * <tr><td>{@link RuleParam#PRESSURE_SPIKE_MAX_BAR max_bar}</td><td>rule</td>
 *     <td>290 bar (ignition 280 bar)</td></tr>
 * </table>
 *
 * Shipped rules switch the detector off during shutdown, when pressure only falls.
 */
public final class PressureSpikePattern extends ConsecutiveReadingsPattern {

    private static final long serialVersionUID = 1L;
    private static final AnomalyType TYPE = AnomalyType.PRESSURE_SPIKE;
    static final int PRESSURE = Metrics.indexOf(Family.ENGINE, Metrics.CHAMBER_PRESSURE_BAR);

    public PressureSpikePattern() {
        this(2, Duration.ofSeconds(5));
    }

    public PressureSpikePattern(int confirmReadings, Duration within) {
        super(TYPE, "spike", confirmReadings, within);
    }

    @Override
    public boolean readsBaseline() {
        return true;
    }

    /** Pressure above the threshold relative to the baseline before the first spiking reading. */
    @Override
    boolean accepts(AnnotatedReading r, IterativeCondition.Context<AnnotatedReading> ctx)
            throws Exception {
        MatchedSoFar so = matchedSoFar(ctx, -1);
        double baseline = (so.isEmpty() ? r : so.first).baseline(PRESSURE);
        return r.value(PRESSURE) >= threshold(r, baseline);
    }

    static double threshold(AnnotatedReading r, double baseline) {
        double relative = baseline * (1 + r.param(TYPE, RuleParam.PRESSURE_SPIKE_RISE_PCT) / 100);
        double absolute = baseline + r.param(TYPE, RuleParam.PRESSURE_SPIKE_MIN_RISE_BAR);
        double ceiling = r.param(TYPE, RuleParam.PRESSURE_SPIKE_MAX_BAR);
        // Without a baseline (warming up) only the ceiling applies.
        return Double.isNaN(baseline) ? ceiling : Math.min(ceiling, Math.max(relative, absolute));
    }

    @Override
    Detection detectionFor(List<AnnotatedReading> spike) {
        AnnotatedReading first = Detections.first(spike);
        AnnotatedReading last = Detections.last(spike);
        double baseline = first.baseline(PRESSURE);
        double threshold = threshold(last, baseline);
        double reference = Double.isNaN(baseline) ? threshold * 0.8 : baseline;
        double peak = Double.NEGATIVE_INFINITY;
        for (AnnotatedReading r : spike) {
            peak = Math.max(peak, r.value(PRESSURE));
        }
        return Detections.start(last, TYPE)
                .measured(Metrics.CHAMBER_PRESSURE_BAR, peak, threshold)
                .clearsWhen(
                        ClearCondition.BELOW_LEVEL,
                        Detections.clearLevel(last, TYPE, reference, threshold))
                .explained(
                        "chamber pressure "
                                + fmt(peak)
                                + " bar over "
                                + spike.size()
                                + " readings, baseline "
                                + fmt(baseline)
                                + " bar, threshold "
                                + fmt(threshold)
                                + " bar");
    }
}
