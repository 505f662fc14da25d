package dev.telemetry.job.cep;

import static dev.telemetry.job.cep.Detections.fmt;

import dev.telemetry.job.alert.ClearCondition;
import dev.telemetry.job.alert.Detection;
import dev.telemetry.job.rules.AnnotatedReading;
import dev.telemetry.job.rules.RuleParam;
import dev.telemetry.model.label.AnomalyType;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.flink.cep.nfa.aftermatch.AfterMatchSkipStrategy;
import org.apache.flink.cep.pattern.Pattern;
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
public final class BatteryThermalRunawayPattern implements AnomalyPattern {

    private static final long serialVersionUID = 1L;
    private static final AnomalyType TYPE = AnomalyType.BATTERY_THERMAL_RUNAWAY;

    private final int readings;
    private final Duration within;

    public BatteryThermalRunawayPattern() {
        this(4, Duration.ofSeconds(60));
    }

    public BatteryThermalRunawayPattern(int readings, Duration within) {
        if (readings < 2) {
            throw new IllegalArgumentException("a rate needs at least two readings");
        }
        this.readings = readings;
        this.within = within;
    }

    @Override
    public AnomalyType type() {
        return TYPE;
    }

    @Override
    public Pattern<AnnotatedReading, ?> pattern() {
        return Pattern.<AnnotatedReading>begin("window", AfterMatchSkipStrategy.skipPastLastEvent())
                .where(new RateCondition(readings))
                .times(readings)
                .consecutive()
                .within(within);
    }

    /** Every reading has a temperature; the last one decides on rate and floor. */
    static final class RateCondition extends IterativeCondition<AnnotatedReading> {
        private static final long serialVersionUID = 1L;
        private final int readings;

        RateCondition(int readings) {
            this.readings = readings;
        }

        @Override
        public boolean filter(AnnotatedReading r, Context<AnnotatedReading> ctx) throws Exception {
            if (!Detections.active(r, TYPE)) {
                return false;
            }
            BatteryMetrics m = BatteryMetrics.of(r.reading.family);
            if (Double.isNaN(r.value(m.temperatureIndex))) {
                return false;
            }
            MatchedSoFar so = MatchedSoFar.of(ctx, "window", -1);
            if (so.count < readings - 1) {
                return true;
            }
            return r.value(m.temperatureIndex)
                            >= r.param(TYPE, RuleParam.BATTERY_THERMAL_RUNAWAY_FLOOR_C)
                    && rate(so.first, r, m)
                            > r.param(TYPE, RuleParam.BATTERY_THERMAL_RUNAWAY_RATE_C_PER_MIN);
        }
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
    public Detection toDetection(Map<String, List<AnnotatedReading>> match) {
        List<AnnotatedReading> window = match.get("window");
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
