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
 * An airborne aircraft loses altitude far faster than a normal descent: for {@code confirmReadings}
 * consecutive readings the sink rate (reported vertical rate, or the altitude lost since the
 * previous reading of the match) exceeds {@code max_descent_ms}. Shipped rules switch the detector
 * off at the gate, taxiing and landing, and allow a steeper sink rate in the descent phase.
 *
 * <table>
 * <caption>Parameters</caption>
 * <tr><th>parameter</th><th>kind</th><th>default</th></tr>
 * <tr><td>{@code confirmReadings}</td><td>structural</td><td>2</td></tr>
 * <tr><td>{@code within}</td><td>structural</td><td>10 s</td></tr>
 * <tr><td>{@link RuleParam#RAPID_DESCENT_MAX_DESCENT_MS max_descent_ms}</td><td>rule</td>
 *     <td>25 m/s (descent 30 m/s)</td></tr>
 * </table>
 */
public final class RapidDescentPattern extends ConsecutiveReadingsPattern {

    private static final long serialVersionUID = 1L;
    private static final AnomalyType TYPE = AnomalyType.RAPID_DESCENT;
    static final int ALTITUDE = Metrics.indexOf(Family.FLIGHT, Metrics.BARO_ALTITUDE_M);
    static final int VERTICAL_RATE = Metrics.indexOf(Family.FLIGHT, Metrics.VERTICAL_RATE_MS);
    static final int ON_GROUND = Metrics.indexOf(Family.FLIGHT, Metrics.ON_GROUND);

    public RapidDescentPattern() {
        this(2, Duration.ofSeconds(10));
    }

    public RapidDescentPattern(int confirmReadings, Duration within) {
        super(TYPE, "sink", confirmReadings, within);
    }

    /** Airborne and sinking too fast by the reported rate, else by the altitude lost. */
    @Override
    boolean accepts(AnnotatedReading r, IterativeCondition.Context<AnnotatedReading> ctx)
            throws Exception {
        if (r.value(ON_GROUND) == 1.0) {
            return false;
        }
        double limit = r.param(TYPE, RuleParam.RAPID_DESCENT_MAX_DESCENT_MS);
        if (-r.value(VERTICAL_RATE) > limit) {
            return true;
        }
        MatchedSoFar so = matchedSoFar(ctx, -1);
        return !so.isEmpty() && altitudeSinkRate(so.last, r) > limit;
    }

    /** Metres per second lost between two readings; NaN if not computable. */
    static double altitudeSinkRate(AnnotatedReading from, AnnotatedReading to) {
        double seconds = (to.time() - from.time()) / 1000.0;
        return seconds <= 0 ? Double.NaN : (from.value(ALTITUDE) - to.value(ALTITUDE)) / seconds;
    }

    @Override
    Detection detectionFor(List<AnnotatedReading> sink) {
        AnnotatedReading first = Detections.first(sink);
        AnnotatedReading last = Detections.last(sink);
        double limit = last.param(TYPE, RuleParam.RAPID_DESCENT_MAX_DESCENT_MS);
        double rate = last.value(VERTICAL_RATE);
        double altitudeRate = altitudeSinkRate(first, last);
        if (Double.isNaN(rate) || (!Double.isNaN(altitudeRate) && -altitudeRate < rate)) {
            rate = -altitudeRate;
        }
        double margin = last.param(TYPE, RuleParam.CLEAR_MARGIN_PCT) / 100;
        return Detections.start(last, TYPE)
                .measured(Metrics.VERTICAL_RATE_MS, rate, -limit)
                .clearsWhen(ClearCondition.ABOVE_LEVEL, -limit * (1 - margin))
                .explained(
                        "sinking at "
                                + fmt(-rate)
                                + " m/s (limit "
                                + fmt(limit)
                                + " in phase "
                                + last.phase()
                                + "), altitude "
                                + fmt(first.value(ALTITUDE))
                                + " → "
                                + fmt(last.value(ALTITUDE))
                                + " m");
    }
}
