package dev.telemetry.job.cep;

import dev.telemetry.job.alert.Detection;
import dev.telemetry.job.rules.AnnotatedReading;
import dev.telemetry.model.label.AnomalyType;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.flink.cep.nfa.aftermatch.AfterMatchSkipStrategy;
import org.apache.flink.cep.pattern.Pattern;
import org.apache.flink.cep.pattern.conditions.IterativeCondition;

/**
 * A detector that fires on a run of consecutive readings of a device: {@code readings} readings in
 * a row, each accepted by the detector's decision, within {@code within}; after a match the next
 * run starts past its last reading. Subclasses decide per reading ({@link #accepts}) and describe a
 * complete run ({@link #detectionFor}); readings the detector is not active for (family, rule
 * disabled in the phase) never reach them.
 */
abstract class ConsecutiveReadingsPattern implements AnomalyPattern {

    private static final long serialVersionUID = 1L;

    private final AnomalyType type;
    private final String name;
    private final int readings;
    private final Duration within;

    /**
     * @param name the pattern's name; partial matches in the CEP operator's state are stored under
     *     it, so a detector keeps its name across releases
     */
    ConsecutiveReadingsPattern(AnomalyType type, String name, int readings, Duration within) {
        this.type = type;
        this.name = name;
        this.readings = readings;
        this.within = within;
    }

    /**
     * {@code readings}, for a decision ("rate", "drop", …) that compares a run's first and last.
     */
    static int atLeastTwo(int readings, String decision) {
        if (readings < 2) {
            throw new IllegalArgumentException("a " + decision + " needs at least two readings");
        }
        return readings;
    }

    @Override
    public final AnomalyType type() {
        return type;
    }

    @Override
    public final Pattern<AnnotatedReading, ?> pattern() {
        return Pattern.<AnnotatedReading>begin(name, AfterMatchSkipStrategy.skipPastLastEvent())
                .where(new RunCondition(this))
                .times(readings)
                .consecutive()
                .within(within);
    }

    @Override
    public final Detection toDetection(Map<String, List<AnnotatedReading>> match) {
        return detectionFor(match.get(name));
    }

    /**
     * Whether {@code r} continues the run (the readings accepted before it are in {@link
     * #matchedSoFar}); called only for readings the detector is active for.
     */
    abstract boolean accepts(AnnotatedReading r, IterativeCondition.Context<AnnotatedReading> ctx)
            throws Exception;

    /** The detection for a complete run (oldest reading first), or null to drop it. */
    abstract Detection detectionFor(List<AnnotatedReading> run);

    /** The run before the reading under decision; {@code metric} as in {@link MatchedSoFar#of}. */
    final MatchedSoFar matchedSoFar(IterativeCondition.Context<AnnotatedReading> ctx, int metric)
            throws Exception {
        return MatchedSoFar.of(ctx, name, metric);
    }

    /** True if the reading under decision would be the last of the run. */
    final boolean completesRun(MatchedSoFar so) {
        return so.count >= readings - 1;
    }

    /** The pattern's one condition: the detector is active for the reading and accepts it. */
    static final class RunCondition extends IterativeCondition<AnnotatedReading> {
        private static final long serialVersionUID = 1L;
        private final ConsecutiveReadingsPattern detector;

        RunCondition(ConsecutiveReadingsPattern detector) {
            this.detector = detector;
        }

        @Override
        public boolean filter(AnnotatedReading r, Context<AnnotatedReading> ctx) throws Exception {
            return Detections.active(r, detector.type) && detector.accepts(r, ctx);
        }
    }
}
