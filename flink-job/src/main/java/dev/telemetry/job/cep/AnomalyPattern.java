package dev.telemetry.job.cep;

import dev.telemetry.job.alert.Detection;
import dev.telemetry.job.rules.AnnotatedReading;
import dev.telemetry.model.label.AnomalyType;
import java.io.Serializable;
import java.util.List;
import java.util.Map;
import org.apache.flink.cep.pattern.Pattern;

/**
 * A Flink CEP pattern over a device's annotated readings plus the translation of a match into a
 * {@link Detection}. Structural parameters (how many readings, the {@code within} bound) are fixed
 * when the job starts; thresholds come from the rules attached to each reading and change at run
 * time.
 */
public interface AnomalyPattern extends Serializable {

    /** The anomaly the pattern detects. */
    AnomalyType type();

    /**
     * Whether the conditions read {@link AnnotatedReading#baseline(int)}; the annotator keeps
     * baselines only for the families of detectors that do.
     */
    default boolean readsBaseline() {
        return false;
    }

    /** The compiled-at-start pattern; conditions read thresholds from the readings. */
    Pattern<AnnotatedReading, ?> pattern();

    /** The detection for a match, or null if a final check rejects it. */
    Detection toDetection(Map<String, List<AnnotatedReading>> match);
}
