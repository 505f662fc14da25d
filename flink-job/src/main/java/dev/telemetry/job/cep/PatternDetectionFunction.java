package dev.telemetry.job.cep;

import dev.telemetry.job.alert.Detection;
import dev.telemetry.job.rules.AnnotatedReading;
import java.util.List;
import java.util.Map;
import org.apache.flink.cep.functions.PatternProcessFunction;
import org.apache.flink.util.Collector;

/** Turns the matches of an {@link AnomalyPattern} into {@link Detection}s. */
public class PatternDetectionFunction extends PatternProcessFunction<AnnotatedReading, Detection> {

    private static final long serialVersionUID = 1L;
    private final AnomalyPattern pattern;

    public PatternDetectionFunction(AnomalyPattern pattern) {
        this.pattern = pattern;
    }

    @Override
    public void processMatch(
            Map<String, List<AnnotatedReading>> match, Context ctx, Collector<Detection> out) {
        Detection detection = pattern.toDetection(match);
        if (detection != null) {
            out.collect(detection);
        }
    }
}
