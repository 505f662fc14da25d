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
 * Battery temperature (vehicle pack or storage container) rising faster than {@code
 * rate_c_per_min}: over {@code readings} consecutive readings the average rate from first to last
 * exceeds the limit and the last reading is at least {@code floor_c}. Averaging over several
 * readings keeps sensor noise from looking like a fast rise.
 *
 * <table>
 * <caption>Parameters</caption>
 * <tr><th>parameter</th><th>kind</th><th>default</th></tr>
 * <tr><td>{@code readings}</td><td>structural</td><td>4</td></tr>
 * <tr><td>{@code within}</td><td>structural</td><td>60 s</td></tr>
 * <tr><td>{@link RuleParam#BATTERY_THERMAL_RUNAWAY_RATE_C_PER_MIN rate_c_per_min}</td><td>rule</td>
 *     <td>6 °C/min (charging 8 °C/min)</td></tr>
 * <tr><td>{@link RuleParam#BATTERY_THERMAL_RUNAWAY_FLOOR_C floor_c}</td><td>rule</td>
 *     <td>-40 °C (off)</td></tr>
 * </table>
 */
public final class BatteryThermalRunawayPattern extends ConsecutiveReadingsPattern {

    private static final long serialVersionUID = 1L;
    private static final AnomalyType TYPE = AnomalyType.BATTERY_THERMAL_RUNAWAY;

    public BatteryThermalRunawayPattern() {
        this(4, Duration.ofSeconds(60));
    }

    public BatteryThermalRunawayPattern(int readings, Duration within) {
        super(TYPE, "window", atLeastTwo(readings, "rate"), within);
    }

    /** Every reading has a temperature; the last one decides on rate and floor. */
    @Override
    boolean accepts(AnnotatedReading r, IterativeCondition.Context<AnnotatedReading> ctx)
            throws Exception {
        BatteryMetrics m = BatteryMetrics.of(r.reading.family);
        if (Double.isNaN(r.value(m.temperatureIndex))) {
            return false;
        }
        MatchedSoFar so = matchedSoFar(ctx, -1);
        if (!completesRun(so)) {
            return true;
        }
        return r.value(m.temperatureIndex)
                        >= r.param(TYPE, RuleParam.BATTERY_THERMAL_RUNAWAY_FLOOR_C)
                && rate(so.first, r, m)
                        > r.param(TYPE, RuleParam.BATTERY_THERMAL_RUNAWAY_RATE_C_PER_MIN);
    }

    /** Temperature rise in °C per minute from one reading to a later one. */
    static double rate(AnnotatedReading from, AnnotatedReading to, BatteryMetrics m) {
        double minutes = (to.time() - from.time()) / 60_000.0;
        if (minutes <= 0) {
            return Double.NaN;
        }
        return (to.value(m.temperatureIndex) - from.value(m.temperatureIndex)) / minutes;
    }

    @Override
    Detection detectionFor(List<AnnotatedReading> window) {
        AnnotatedReading first = Detections.first(window);
        AnnotatedReading last = Detections.last(window);
        BatteryMetrics m = BatteryMetrics.of(last.reading.family);
        double rate = rate(first, last, m);
        double limit = last.param(TYPE, RuleParam.BATTERY_THERMAL_RUNAWAY_RATE_C_PER_MIN);
        return Detections.start(last, TYPE)
                .measured(m.temperature, rate, limit)
                .clearsWhen(ClearCondition.TIMEOUT_ONLY, Double.NaN)
                .explained(
                        m.temperature
                                + " rising at "
                                + fmt(rate)
                                + " °C/min (limit "
                                + fmt(limit)
                                + " in phase "
                                + last.phase()
                                + "), now "
                                + fmt(last.value(m.temperatureIndex))
                                + " °C");
    }
}
