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
import java.util.Map;
import org.apache.flink.cep.nfa.aftermatch.AfterMatchSkipStrategy;
import org.apache.flink.cep.pattern.Pattern;
import org.apache.flink.cep.pattern.conditions.IterativeCondition;
import org.apache.flink.cep.pattern.conditions.SimpleCondition;

/**
 * Two consecutive flight readings that no aircraft can produce: the great-circle distance between
 * their positions implies a ground speed above {@code max_speed_ms}, or the reported velocity
 * changes faster than {@code max_accel_ms2}. (Altitude steps are left out: a barometric altitude
 * released from a frozen sensor steps back to the truth, which is the frozen-sensor alert's
 * business.)
 *
 * <table>
 * <caption>Parameters</caption>
 * <tr><th>parameter</th><th>kind</th><th>default</th></tr>
 * <tr><td>{@code within}</td><td>structural (longest gap between the two readings)</td>
 *     <td>60 s</td></tr>
 * <tr><td>{@link RuleParam#IMPOSSIBLE_JUMP_MAX_SPEED_MS max_speed_ms}</td><td>rule</td>
 *     <td>450 m/s</td></tr>
 * <tr><td>{@link RuleParam#IMPOSSIBLE_JUMP_MAX_ACCEL_MS2 max_accel_ms2}</td><td>rule</td>
 *     <td>25 m/s²</td></tr>
 * </table>
 */
public final class ImpossibleJumpPattern implements AnomalyPattern {

    private static final long serialVersionUID = 1L;
    private static final AnomalyType TYPE = AnomalyType.IMPOSSIBLE_JUMP;
    static final int VELOCITY = Metrics.indexOf(Family.FLIGHT, Metrics.VELOCITY_MS);
    static final double EARTH_RADIUS_M = 6_371_008.8;

    private final Duration within;

    public ImpossibleJumpPattern() {
        this(Duration.ofSeconds(60));
    }

    public ImpossibleJumpPattern(Duration within) {
        this.within = within;
    }

    @Override
    public AnomalyType type() {
        return TYPE;
    }

    @Override
    public Pattern<AnnotatedReading, ?> pattern() {
        return Pattern.<AnnotatedReading>begin("from", AfterMatchSkipStrategy.skipPastLastEvent())
                .where(new ActiveCondition())
                .next("to")
                .where(new JumpCondition())
                .within(within);
    }

    static final class ActiveCondition extends SimpleCondition<AnnotatedReading> {
        private static final long serialVersionUID = 1L;

        @Override
        public boolean filter(AnnotatedReading r) {
            return Detections.active(r, TYPE);
        }
    }

    static final class JumpCondition extends IterativeCondition<AnnotatedReading> {
        private static final long serialVersionUID = 1L;

        @Override
        public boolean filter(AnnotatedReading r, Context<AnnotatedReading> ctx) throws Exception {
            if (!Detections.active(r, TYPE)) {
                return false;
            }
            AnnotatedReading from = MatchedSoFar.of(ctx, "from", -1).last;
            return from != null && Jump.between(from, r).impossible(r);
        }
    }

    /** What changed between two readings, per second. */
    record Jump(double speedMs, double accelMs2) {

        static Jump between(AnnotatedReading from, AnnotatedReading to) {
            double seconds = (to.time() - from.time()) / 1000.0;
            if (seconds <= 0) {
                return new Jump(Double.NaN, Double.NaN);
            }
            double distance =
                    from.reading.hasPosition() && to.reading.hasPosition()
                            ? haversine(
                                    from.reading.lat,
                                    from.reading.lon,
                                    to.reading.lat,
                                    to.reading.lon)
                            : Double.NaN;
            return new Jump(
                    distance / seconds,
                    Math.abs(to.value(VELOCITY) - from.value(VELOCITY)) / seconds);
        }

        boolean impossible(AnnotatedReading r) {
            return speedMs > r.param(TYPE, RuleParam.IMPOSSIBLE_JUMP_MAX_SPEED_MS)
                    || accelMs2 > r.param(TYPE, RuleParam.IMPOSSIBLE_JUMP_MAX_ACCEL_MS2);
        }
    }

    /** Great-circle distance in metres. */
    static double haversine(double lat1, double lon1, double lat2, double lon2) {
        double dLat = Math.toRadians(lat2 - lat1);
        double dLon = Math.toRadians(lon2 - lon1);
        double a =
                Math.sin(dLat / 2) * Math.sin(dLat / 2)
                        + Math.cos(Math.toRadians(lat1))
                                * Math.cos(Math.toRadians(lat2))
                                * Math.sin(dLon / 2)
                                * Math.sin(dLon / 2);
        return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(a)));
    }

    @Override
    public Detection toDetection(Map<String, List<AnnotatedReading>> match) {
        AnnotatedReading from = Detections.first(match.get("from"));
        AnnotatedReading to = Detections.first(match.get("to"));
        Jump jump = Jump.between(from, to);
        double maxSpeed = to.param(TYPE, RuleParam.IMPOSSIBLE_JUMP_MAX_SPEED_MS);
        double maxAccel = to.param(TYPE, RuleParam.IMPOSSIBLE_JUMP_MAX_ACCEL_MS2);
        Detection d =
                Detections.start(to, TYPE).clearsWhen(ClearCondition.TIMEOUT_ONLY, Double.NaN);
        if (jump.speedMs() > maxSpeed) {
            return d.measured("position", jump.speedMs(), maxSpeed)
                    .explained(
                            "position jumped "
                                    + fmt(jump.speedMs() * (to.time() - from.time()) / 1000.0)
                                    + " m in "
                                    + fmt((to.time() - from.time()) / 1000.0)
                                    + " s, implying "
                                    + fmt(jump.speedMs())
                                    + " m/s (limit "
                                    + fmt(maxSpeed)
                                    + ")");
        }
        return d.measured(Metrics.VELOCITY_MS, jump.accelMs2(), maxAccel)
                .explained(
                        "velocity changed "
                                + fmt(from.value(VELOCITY))
                                + " → "
                                + fmt(to.value(VELOCITY))
                                + " m/s, "
                                + fmt(jump.accelMs2())
                                + " m/s² (limit "
                                + fmt(maxAccel)
                                + ")");
    }
}
