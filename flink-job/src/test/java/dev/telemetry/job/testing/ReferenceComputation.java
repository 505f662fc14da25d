package dev.telemetry.job.testing;

import dev.telemetry.model.DecodeResult;
import dev.telemetry.model.EventValidator;
import dev.telemetry.model.RejectReason;
import dev.telemetry.model.Rejection;
import dev.telemetry.model.TelemetryEvent;
import dev.telemetry.model.TelemetryJson;
import dev.telemetry.model.label.BadDataType;
import dev.telemetry.model.label.GroundTruthLabel;
import dev.telemetry.simulator.SimRecord;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What the job must produce, worked out plainly from the simulator's records: each record in
 * emission order is rejected (by the model's decoder and validator), a duplicate (its device and
 * seq were seen before), late (the simulator labelled it VERY_LATE) or accepted; accepted events
 * are grouped by device and window.
 */
public final class ReferenceComputation {

    /** A device window. */
    public record Key(String deviceId, long windowStart) implements Comparable<Key> {
        @Override
        public int compareTo(Key other) {
            int c = deviceId.compareTo(other.deviceId);
            return c != 0 ? c : Long.compare(windowStart, other.windowStart);
        }
    }

    public final Map<RejectReason, Long> rejected = new EnumMap<>(RejectReason.class);
    public long duplicates;
    public long late;
    public long accepted;

    /** Accepted events per device window, in arrival order. */
    public final Map<Key, List<TelemetryEvent>> windows = new TreeMap<>();

    private ReferenceComputation() {}

    public static ReferenceComputation of(SimulatedInput input, long windowMillis) {
        ReferenceComputation ref = new ReferenceComputation();
        Set<String> veryLate = new HashSet<>();
        for (GroundTruthLabel label : input.labels()) {
            if (label.badDataType() == BadDataType.VERY_LATE) {
                veryLate.add(label.deviceId() + "#" + label.seq());
            }
        }
        EventValidator validator = EventValidator.withDefaults();
        Set<String> seen = new HashSet<>();
        for (SimRecord record : input.records()) {
            DecodeResult decoded = TelemetryJson.decode(record.payload());
            Rejection rejection =
                    decoded.isOk()
                            ? validator.validate(decoded.event(), record.timestamp())
                            : decoded.rejection();
            if (rejection != null) {
                ref.rejected.merge(rejection.reason(), 1L, Long::sum);
                continue;
            }
            TelemetryEvent event = decoded.event();
            String id = event.deviceId() + "#" + event.seq();
            if (!seen.add(id)) {
                ref.duplicates++;
            } else if (veryLate.contains(id)) {
                ref.late++;
            } else {
                ref.accepted++;
                long windowStart = Math.floorDiv(event.eventTime(), windowMillis) * windowMillis;
                ref.windows
                        .computeIfAbsent(
                                new Key(event.deviceId(), windowStart), k -> new ArrayList<>())
                        .add(event);
            }
        }
        return ref;
    }

    /** Values of one metric in arrival order. */
    public static double[] values(List<TelemetryEvent> events, String metric) {
        return events.stream()
                .mapToDouble(e -> e.metric(metric))
                .filter(v -> !Double.isNaN(v))
                .toArray();
    }

    public static double mean(double[] values) {
        double sum = 0;
        for (double v : values) {
            sum += v;
        }
        return sum / values.length;
    }

    /** Population standard deviation, two-pass. */
    public static double stddev(double[] values) {
        double mean = mean(values);
        double squares = 0;
        for (double v : values) {
            squares += (v - mean) * (v - mean);
        }
        return Math.sqrt(squares / values.length);
    }

    /** The value of the event with the latest event time (later arrival wins ties). */
    public static double last(List<TelemetryEvent> events, String metric) {
        TelemetryEvent last = null;
        for (TelemetryEvent e : events) {
            if (!Double.isNaN(e.metric(metric))
                    && (last == null || e.eventTime() >= last.eventTime())) {
                last = e;
            }
        }
        return last == null ? Double.NaN : last.metric(metric);
    }

    /** The value of the event with the earliest event time (earlier arrival wins ties). */
    public static double first(List<TelemetryEvent> events, String metric) {
        TelemetryEvent first = null;
        for (TelemetryEvent e : events) {
            if (!Double.isNaN(e.metric(metric))
                    && (first == null || e.eventTime() < first.eventTime())) {
                first = e;
            }
        }
        return first == null ? Double.NaN : first.metric(metric);
    }
}
