package dev.telemetry.bench;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Everything one run measured, filled in section by section and written at the end. */
final class Report {

    final Instant startedAt = Instant.now();
    Instant finishedAt;
    final MachineInfo machine = MachineInfo.current();
    final double[] loadAtStart = MachineInfo.loadAverage();
    double[] loadAtEnd;

    /** Input sizes and settings, for the record. */
    final Map<String, Object> settings = new LinkedHashMap<>();

    final List<Figure> figures = new ArrayList<>();
    final List<Target> targets = new ArrayList<>();

    /** Detail per section (latency percentiles, state per operator, profile, JMH scores). */
    final Map<String, Object> details = new LinkedHashMap<>();

    /** Sections that failed, with the reason; the others still report. */
    final Map<String, String> failures = new LinkedHashMap<>();

    final List<String> notes = new ArrayList<>();

    void add(Figure figure) {
        figures.add(figure);
    }

    Figure figure(String id) {
        return figures.stream().filter(f -> f.id().equals(id)).findFirst().orElse(null);
    }
}
