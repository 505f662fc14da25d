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
 * Engine fuel-system failure: for {@code confirmReadings} consecutive readings, either fuel flow is
 * {@code fuel_drop_pct} below its baseline while chamber pressure is {@code pressure_drop_pct}
 * below its own (the pressure follows the starved flow), or the mixture ratio is outside {@code
 * [mixture_min, mixture_max]}. Baselines are those before the first reading of the match.
 *
 * <table>
 * <caption>Parameters</caption>
 * <tr><th>parameter</th><th>kind</th><th>default</th></tr>
 * <tr><td>{@code confirmReadings}</td><td>structural</td><td>2</td></tr>
 * <tr><td>{@code within}</td><td>structural</td><td>5 s</td></tr>
 * <tr><td>{@link RuleParam#FUEL_SYSTEM_FAILURE_FUEL_DROP_PCT fuel_drop_pct}</td><td>rule</td>
 *     <td>25 %</td></tr>
 * <tr><td>{@link RuleParam#FUEL_SYSTEM_FAILURE_PRESSURE_DROP_PCT pressure_drop_pct}</td>
 *     <td>rule</td><td>10 %</td></tr>
 * <tr><td>{@link RuleParam#FUEL_SYSTEM_FAILURE_MIXTURE_MIN mixture_min}</td><td>rule</td>
 *     <td>1.8</td></tr>
 * <tr><td>{@link RuleParam#FUEL_SYSTEM_FAILURE_MIXTURE_MAX mixture_max}</td><td>rule</td>
 *     <td>3.4</td></tr>
 * </table>
 *
 * Shipped rules run it in mainstage only: flows and pressure legitimately fall during shutdown and
 * the mixture is not settled during ignition.
 */
public final class FuelSystemFailurePattern extends ConsecutiveReadingsPattern {

    private static final long serialVersionUID = 1L;
    private static final AnomalyType TYPE = AnomalyType.FUEL_SYSTEM_FAILURE;
    static final int FUEL = Metrics.indexOf(Family.ENGINE, Metrics.FUEL_FLOW_KG_S);
    static final int PRESSURE = Metrics.indexOf(Family.ENGINE, Metrics.CHAMBER_PRESSURE_BAR);
    static final int MIXTURE = Metrics.indexOf(Family.ENGINE, Metrics.MIXTURE_RATIO);

    public FuelSystemFailurePattern() {
        this(2, Duration.ofSeconds(5));
    }

    public FuelSystemFailurePattern(int confirmReadings, Duration within) {
        super(TYPE, "failure", confirmReadings, within);
    }

    @Override
    public boolean readsBaseline() {
        return true;
    }

    /** Mixture out of band, or flow and pressure below the baselines before the run. */
    @Override
    boolean accepts(AnnotatedReading r, IterativeCondition.Context<AnnotatedReading> ctx)
            throws Exception {
        MatchedSoFar so = matchedSoFar(ctx, -1);
        AnnotatedReading base = so.isEmpty() ? r : so.first;
        return mixtureOutOfBand(r) || flowStarved(r, base);
    }

    static boolean mixtureOutOfBand(AnnotatedReading r) {
        double mr = r.value(MIXTURE);
        return mr < r.param(TYPE, RuleParam.FUEL_SYSTEM_FAILURE_MIXTURE_MIN)
                || mr > r.param(TYPE, RuleParam.FUEL_SYSTEM_FAILURE_MIXTURE_MAX);
    }

    static boolean flowStarved(AnnotatedReading r, AnnotatedReading base) {
        return r.value(FUEL) <= fuelThreshold(r, base)
                && r.value(PRESSURE)
                        <= base.baseline(PRESSURE)
                                * (1
                                        - r.param(
                                                        TYPE,
                                                        RuleParam
                                                                .FUEL_SYSTEM_FAILURE_PRESSURE_DROP_PCT)
                                                / 100);
    }

    static double fuelThreshold(AnnotatedReading r, AnnotatedReading base) {
        return base.baseline(FUEL)
                * (1 - r.param(TYPE, RuleParam.FUEL_SYSTEM_FAILURE_FUEL_DROP_PCT) / 100);
    }

    @Override
    Detection detectionFor(List<AnnotatedReading> failure) {
        AnnotatedReading first = Detections.first(failure);
        AnnotatedReading last = Detections.last(failure);
        Detection d = Detections.start(last, TYPE);
        if (flowStarved(last, first)) {
            double threshold = fuelThreshold(last, first);
            double baseline = first.baseline(FUEL);
            return d.measured(Metrics.FUEL_FLOW_KG_S, last.value(FUEL), threshold)
                    .clearsWhen(
                            ClearCondition.ABOVE_LEVEL,
                            Detections.clearLevel(last, TYPE, baseline, threshold))
                    .explained(
                            "fuel flow "
                                    + fmt(last.value(FUEL))
                                    + " kg/s fell below "
                                    + fmt(threshold)
                                    + " (baseline "
                                    + fmt(baseline)
                                    + ") while chamber pressure fell to "
                                    + fmt(last.value(PRESSURE))
                                    + " bar (baseline "
                                    + fmt(first.baseline(PRESSURE))
                                    + ")");
        }
        double mr = last.value(MIXTURE);
        double min = last.param(TYPE, RuleParam.FUEL_SYSTEM_FAILURE_MIXTURE_MIN);
        double max = last.param(TYPE, RuleParam.FUEL_SYSTEM_FAILURE_MIXTURE_MAX);
        double margin = last.param(TYPE, RuleParam.CLEAR_MARGIN_PCT) / 100 * (max - min) / 2;
        boolean low = mr < min;
        return d.measured(Metrics.MIXTURE_RATIO, mr, low ? min : max)
                .clearsWhen(
                        low ? ClearCondition.ABOVE_LEVEL : ClearCondition.BELOW_LEVEL,
                        low ? min + margin : max - margin)
                .explained(
                        "mixture ratio "
                                + fmt(mr)
                                + " outside ["
                                + fmt(min)
                                + ", "
                                + fmt(max)
                                + "]");
    }
}
