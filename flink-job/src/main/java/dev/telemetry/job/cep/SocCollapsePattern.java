package dev.telemetry.job.cep;

import static dev.telemetry.job.cep.Detections.fmt;

import dev.telemetry.job.alert.ClearCondition;
import dev.telemetry.job.alert.Detection;
import dev.telemetry.job.rules.AnnotatedReading;
import dev.telemetry.job.rules.RuleParam;
import dev.telemetry.model.label.AnomalyType;
import java.time.Duration;
import java.util.List;
import org.apache.flink.cep.pattern.conditions.IterativeCondition;

/**
 * State of charge falls far faster than the drawn power explains: over {@code readings} consecutive
 * readings, the SOC loss minus the loss explained by the mean discharge power ({@code energy /
 * capacity_kwh}) is at least {@code drop_pct} percentage points.
 *
 * <table>
 * <caption>Parameters</caption>
 * <tr><th>parameter</th><th>kind</th><th>default</th></tr>
 * <tr><td>{@code readings}</td><td>structural</td><td>4</td></tr>
 * <tr><td>{@code within}</td><td>structural</td><td>60 s</td></tr>
 * <tr><td>{@link RuleParam#SOC_COLLAPSE_DROP_PCT drop_pct}</td><td>rule</td><td>1.5 points</td></tr>
 * <tr><td>{@link RuleParam#SOC_COLLAPSE_CAPACITY_KWH capacity_kwh}</td><td>rule</td>
 *     <td>75 kWh (vehicle), 4000 kWh (energy site)</td></tr>
 * </table>
 */
public final class SocCollapsePattern extends ConsecutiveReadingsPattern {

    private static final long serialVersionUID = 1L;
    private static final AnomalyType TYPE = AnomalyType.SOC_COLLAPSE;

    public SocCollapsePattern() {
        this(4, Duration.ofSeconds(60));
    }

    public SocCollapsePattern(int readings, Duration within) {
        super(TYPE, "window", atLeastTwo(readings, "drop"), within);
    }

    /** Every reading has a SOC; the last one decides on the drop beyond the mean power's. */
    @Override
    boolean accepts(AnnotatedReading r, IterativeCondition.Context<AnnotatedReading> ctx)
            throws Exception {
        BatteryMetrics m = BatteryMetrics.of(r.reading.family);
        if (Double.isNaN(r.value(m.socIndex))) {
            return false;
        }
        MatchedSoFar so = matchedSoFar(ctx, m.powerIndex);
        if (!completesRun(so)) {
            return true;
        }
        double meanPowerKw = (so.sum + r.value(m.powerIndex)) / (so.count + 1) * m.toKw;
        return unexplainedDrop(so.first, r, m, meanPowerKw)
                >= r.param(TYPE, RuleParam.SOC_COLLAPSE_DROP_PCT);
    }

    /** SOC points lost from one reading to a later one beyond what the mean power explains. */
    static double unexplainedDrop(
            AnnotatedReading from, AnnotatedReading to, BatteryMetrics m, double meanPowerKw) {
        return (from.value(m.socIndex) - to.value(m.socIndex))
                - explainedDrop(from, to, meanPowerKw);
    }

    static double explainedDrop(AnnotatedReading from, AnnotatedReading to, double meanPowerKw) {
        double hours = (to.time() - from.time()) / 3_600_000.0;
        double capacity = to.param(TYPE, RuleParam.SOC_COLLAPSE_CAPACITY_KWH);
        double power = Double.isNaN(meanPowerKw) ? 0 : Math.max(0, meanPowerKw);
        return power * hours / capacity * 100;
    }

    @Override
    Detection detectionFor(List<AnnotatedReading> window) {
        AnnotatedReading first = Detections.first(window);
        AnnotatedReading last = Detections.last(window);
        BatteryMetrics m = BatteryMetrics.of(last.reading.family);
        double sum = 0;
        for (AnnotatedReading r : window) {
            sum += r.value(m.powerIndex);
        }
        double meanPowerKw = sum / window.size() * m.toKw;
        double drop = first.value(m.socIndex) - last.value(m.socIndex);
        double explained = explainedDrop(first, last, meanPowerKw);
        double threshold = explained + last.param(TYPE, RuleParam.SOC_COLLAPSE_DROP_PCT);
        return Detections.start(last, TYPE)
                .measured(m.soc, drop, threshold)
                .clearsWhen(ClearCondition.TIMEOUT_ONLY, Double.NaN)
                .explained(
                        m.soc
                                + " fell "
                                + fmt(drop)
                                + " points in "
                                + fmt((last.time() - first.time()) / 1000.0)
                                + " s (to "
                                + fmt(last.value(m.socIndex))
                                + " %); mean power "
                                + fmt(meanPowerKw)
                                + " kW explains "
                                + fmt(explained));
    }
}
