package dev.telemetry.simulator.generator;

import dev.telemetry.model.TelemetryEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Ways to walk the readings of simulated devices in tests. */
public final class ReadingSeries {

    private ReadingSeries() {}

    /** A check on two consecutive readings of a device. */
    @FunctionalInterface
    interface PairCheck {
        void accept(TelemetryEvent previous, TelemetryEvent current);
    }

    /** Calls {@code check} for every two readings of a device with consecutive seq numbers. */
    static void forConsecutive(Map<String, List<TelemetryEvent>> byDevice, PairCheck check) {
        byDevice.forEach(
                (device, events) -> {
                    for (int i = 1; i < events.size(); i++) {
                        TelemetryEvent a = events.get(i - 1);
                        TelemetryEvent b = events.get(i);
                        if (b.seq() == a.seq() + 1) {
                            check.accept(a, b);
                        }
                    }
                });
    }

    /** Splits a device's readings into runs of one phase. */
    static List<List<TelemetryEvent>> stretches(List<TelemetryEvent> events) {
        List<List<TelemetryEvent>> stretches = new ArrayList<>();
        List<TelemetryEvent> current = new ArrayList<>();
        for (TelemetryEvent e : events) {
            if (!current.isEmpty() && !current.get(0).phase().equals(e.phase())) {
                stretches.add(current);
                current = new ArrayList<>();
            }
            current.add(e);
        }
        if (!current.isEmpty()) {
            stretches.add(current);
        }
        return stretches;
    }

    /** The mean of a metric over some readings. */
    public static double mean(List<TelemetryEvent> events, String metric) {
        return events.stream().mapToDouble(e -> e.metric(metric)).average().orElseThrow();
    }
}
