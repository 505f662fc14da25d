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
 * Battery power beyond the asset's rating for {@code confirmReadings} consecutive readings:
 * discharging above {@code max_discharge_kw}, or charging/regenerating above {@code max_charge_kw}
 * (power is negative then). Energy sites report W; limits are in kW for both.
 *
 * <table>
 * <caption>Parameters</caption>
 * <tr><th>parameter</th><th>kind</th><th>default</th></tr>
 * <tr><td>{@code confirmReadings}</td><td>structural</td><td>2</td></tr>
 * <tr><td>{@code within}</td><td>structural</td><td>10 s</td></tr>
 * <tr><td>{@link RuleParam#OVER_POWER_MAX_DISCHARGE_KW max_discharge_kw}</td><td>rule</td>
 *     <td>vehicle 200 kW, energy 2500 kW</td></tr>
 * <tr><td>{@link RuleParam#OVER_POWER_MAX_CHARGE_KW max_charge_kw}</td><td>rule</td>
 *     <td>vehicle 200 kW, energy 2500 kW</td></tr>
 * </table>
 */
public final class OverPowerPattern extends ConsecutiveReadingsPattern {

    private static final long serialVersionUID = 1L;
    private static final AnomalyType TYPE = AnomalyType.OVER_POWER;

    public OverPowerPattern() {
        this(2, Duration.ofSeconds(10));
    }

    public OverPowerPattern(int confirmReadings, Duration within) {
        super(TYPE, "over", confirmReadings, within);
    }

    /** Each reading on its own: power beyond the discharge or the charge rating. */
    @Override
    boolean accepts(AnnotatedReading r, IterativeCondition.Context<AnnotatedReading> ctx) {
        BatteryMetrics m = BatteryMetrics.of(r.reading.family);
        double kw = r.value(m.powerIndex) * m.toKw;
        return kw > r.param(TYPE, RuleParam.OVER_POWER_MAX_DISCHARGE_KW)
                || kw < -r.param(TYPE, RuleParam.OVER_POWER_MAX_CHARGE_KW);
    }

    @Override
    Detection detectionFor(List<AnnotatedReading> over) {
        AnnotatedReading last = Detections.last(over);
        BatteryMetrics m = BatteryMetrics.of(last.reading.family);
        double power = last.value(m.powerIndex);
        boolean charging = power < 0;
        double limitKw =
                charging
                        ? -last.param(TYPE, RuleParam.OVER_POWER_MAX_CHARGE_KW)
                        : last.param(TYPE, RuleParam.OVER_POWER_MAX_DISCHARGE_KW);
        double threshold = limitKw / m.toKw;
        double margin = last.param(TYPE, RuleParam.CLEAR_MARGIN_PCT) / 100;
        return Detections.start(last, TYPE)
                .measured(m.power, power, threshold)
                .clearsWhen(
                        charging ? ClearCondition.ABOVE_LEVEL : ClearCondition.BELOW_LEVEL,
                        threshold * (1 - margin))
                .explained(
                        (charging ? "charging" : "discharging")
                                + " at "
                                + fmt(Math.abs(power * m.toKw))
                                + " kW beyond the rating of "
                                + fmt(Math.abs(limitKw))
                                + " kW in phase "
                                + last.phase());
    }
}
