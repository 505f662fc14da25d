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
 * An engine temperature keeps rising: {@code readings} consecutive strictly rising values of one
 * metric whose total rise reaches the minimum rise within {@code max_span_s}, the last of them
 * above the metric's floor. One instance watches the chamber temperature, another the turbopump
 * (each with its own floor and minimum rise, since their levels differ by thousands of kelvin).
 *
 * <table>
 * <caption>Parameters</caption>
 * <tr><th>parameter</th><th>kind</th><th>default</th></tr>
 * <tr><td>{@code metric}</td><td>structural</td><td>{@code chamber_temp_k} (or {@code
 *     turbopump_temp_k})</td></tr>
 * <tr><td>{@code readings}</td><td>structural</td><td>5</td></tr>
 * <tr><td>{@code within}</td><td>structural (upper bound of max_span_s)</td><td>60 s</td></tr>
 * <tr><td>{@link RuleParam#TEMPERATURE_RUNAWAY_FLOOR_K floor_k} / {@link
 *     RuleParam#TEMPERATURE_RUNAWAY_PUMP_FLOOR_K pump_floor_k}</td><td>rule</td>
 *     <td>1000 K / 655 K</td></tr>
 * <tr><td>{@link RuleParam#TEMPERATURE_RUNAWAY_MIN_RISE_K min_rise_k} / {@link
 *     RuleParam#TEMPERATURE_RUNAWAY_PUMP_MIN_RISE_K pump_min_rise_k}</td><td>rule</td>
 *     <td>25 K / 25 K</td></tr>
 * <tr><td>{@link RuleParam#TEMPERATURE_RUNAWAY_MAX_SPAN_S max_span_s}</td><td>rule</td>
 *     <td>10 s</td></tr>
 * </table>
 *
 * Shipped rules run it in mainstage only: temperatures climb steeply by design during ignition, and
 * the turbopump floor lies above its steady state so its slow warm-up never counts.
 */
public final class TemperatureRunawayPattern extends ConsecutiveReadingsPattern {

    private static final long serialVersionUID = 1L;
    private static final AnomalyType TYPE = AnomalyType.TEMPERATURE_RUNAWAY;

    private final String metric;
    private final int metricIndex;
    private final RuleParam floor;
    private final RuleParam minRise;

    /** The chamber temperature detector with default structure. */
    public TemperatureRunawayPattern() {
        this(Metrics.CHAMBER_TEMP_K);
    }

    /** A detector for {@code chamber_temp_k} or {@code turbopump_temp_k}, default structure. */
    public TemperatureRunawayPattern(String metric) {
        this(metric, 5, Duration.ofSeconds(60));
    }

    public TemperatureRunawayPattern(String metric, int readings, Duration within) {
        super(TYPE, "rising", atLeastTwo(readings, "rise"), within);
        this.metric = metric;
        this.metricIndex = Metrics.indexOf(Family.ENGINE, metric);
        if (metric.equals(Metrics.CHAMBER_TEMP_K)) {
            floor = RuleParam.TEMPERATURE_RUNAWAY_FLOOR_K;
            minRise = RuleParam.TEMPERATURE_RUNAWAY_MIN_RISE_K;
        } else if (metric.equals(Metrics.TURBOPUMP_TEMP_K)) {
            floor = RuleParam.TEMPERATURE_RUNAWAY_PUMP_FLOOR_K;
            minRise = RuleParam.TEMPERATURE_RUNAWAY_PUMP_MIN_RISE_K;
        } else {
            throw new IllegalArgumentException("not an engine temperature: " + metric);
        }
    }

    /** Above the previous reading; on the last reading also total rise and floor. */
    @Override
    boolean accepts(AnnotatedReading r, IterativeCondition.Context<AnnotatedReading> ctx)
            throws Exception {
        double t = r.value(metricIndex);
        if (Double.isNaN(t)) {
            return false;
        }
        MatchedSoFar so = matchedSoFar(ctx, -1);
        if (so.isEmpty()) {
            return true;
        }
        if (!(t > so.last.value(metricIndex))) {
            return false;
        }
        double spanS = (r.time() - so.first.time()) / 1000.0;
        if (spanS > r.param(TYPE, RuleParam.TEMPERATURE_RUNAWAY_MAX_SPAN_S)) {
            return false;
        }
        return !completesRun(so)
                || (t - so.first.value(metricIndex) >= r.param(TYPE, minRise)
                        && t >= r.param(TYPE, floor));
    }

    @Override
    Detection detectionFor(List<AnnotatedReading> rising) {
        AnnotatedReading first = Detections.first(rising);
        AnnotatedReading last = Detections.last(rising);
        double start = first.value(metricIndex);
        double end = last.value(metricIndex);
        double threshold = start + last.param(TYPE, minRise);
        return Detections.start(last, TYPE)
                .measured(metric, end, threshold)
                .clearsWhen(ClearCondition.TIMEOUT_ONLY, Double.NaN)
                .explained(
                        metric
                                + " rose "
                                + fmt(end - start)
                                + " K in "
                                + fmt((last.time() - first.time()) / 1000.0)
                                + " s over "
                                + rising.size()
                                + " rising readings, from "
                                + fmt(start)
                                + " to "
                                + fmt(end)
                                + " K");
    }
}
