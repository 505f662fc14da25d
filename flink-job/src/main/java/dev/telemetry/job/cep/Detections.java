package dev.telemetry.job.cep;

import dev.telemetry.job.alert.Detection;
import dev.telemetry.job.rules.AnnotatedReading;
import dev.telemetry.job.rules.RuleParam;
import dev.telemetry.model.label.AnomalyType;
import java.util.List;
import java.util.Locale;

/** Helpers shared by the detectors: building detections from the rules a reading carries. */
final class Detections {

    private Detections() {}

    /**
     * A detection at the reading's event time, with severity and lifecycle tuning from its rules.
     */
    static Detection start(AnnotatedReading r, AnomalyType type) {
        return Detection.of(r.reading.deviceId, r.reading.family, type, r.time(), r.phase())
                .severity(r.severity(type))
                .resolvedAfter(
                        (int) r.param(type, RuleParam.CLEAR_READINGS),
                        Math.round(r.param(type, RuleParam.RESOLVE_TIMEOUT_S) * 1000));
    }

    /** The clear level for a trigger threshold, moved inwards by the rule's hysteresis margin. */
    static double clearLevel(
            AnnotatedReading r, AnomalyType type, double reference, double threshold) {
        double margin = r.param(type, RuleParam.CLEAR_MARGIN_PCT) / 100.0;
        return threshold - margin * (threshold - reference);
    }

    /** True if the detector runs for this reading (family applies, rule enabled in its phase). */
    static boolean active(AnnotatedReading r, AnomalyType type) {
        return r.enabled(type) && type.appliesTo(r.reading.family);
    }

    static <T> T first(List<T> events) {
        return events.get(0);
    }

    static <T> T last(List<T> events) {
        return events.get(events.size() - 1);
    }

    static String fmt(double value) {
        return String.format(Locale.ROOT, "%.4g", value);
    }
}
