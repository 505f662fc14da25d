package dev.telemetry.local;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * One look at a running pipeline, for the periodic summary and for tests that wait for results.
 * Counts cover this run only: the data directory may hold earlier runs' rows and offsets.
 *
 * @param at when it was taken
 * @param uptime since the stack was started
 * @param jobStatus the Flink job's status ({@code RUNNING}, {@code RESTARTING}, ...)
 * @param produced records the brokers acknowledged from the simulator or replay
 * @param producedPerSecond over the last few summaries
 * @param deliveryFailures records the producer could not deliver
 * @param anomaliesInjected anomalies the simulator injected and finished
 * @param processed records of this run the job has consumed, as committed at its checkpoints
 * @param processedPerSecond over the last few summaries
 * @param lag records on the telemetry topic not yet committed by the job; -1 if unknown
 * @param rejectedByReason rejected records by reason (table {@code rejected_events})
 * @param deviceWindows per-device KPI windows written (table {@code device_windows})
 * @param alerts alerts active in this run by type and severity (table {@code alerts})
 * @param problems what could not be read, e.g. a table that does not exist yet
 */
public record PipelineSummary(
        Instant at,
        Duration uptime,
        String jobStatus,
        long produced,
        double producedPerSecond,
        long deliveryFailures,
        long anomaliesInjected,
        long processed,
        double processedPerSecond,
        long lag,
        Map<String, Long> rejectedByReason,
        long deviceWindows,
        List<AlertCount> alerts,
        List<String> problems) {

    /**
     * Alerts of one type and severity.
     *
     * @param open not resolved yet
     * @param total raised in this run, resolved or not
     */
    public record AlertCount(String anomalyType, String severity, long open, long total) {}

    public PipelineSummary {
        // In the order given: most frequent first.
        rejectedByReason = Collections.unmodifiableMap(new LinkedHashMap<>(rejectedByReason));
        alerts = List.copyOf(alerts);
        problems = List.copyOf(problems);
    }

    public long rejected() {
        return rejectedByReason.values().stream().mapToLong(Long::longValue).sum();
    }

    public long openAlerts() {
        return alerts.stream().mapToLong(AlertCount::open).sum();
    }

    public long alertsRaised() {
        return alerts.stream().mapToLong(AlertCount::total).sum();
    }

    /** A few lines for a terminal. */
    public String format(ZoneId zone) {
        StringBuilder out = new StringBuilder();
        out.append(
                String.format(
                        Locale.ROOT,
                        "── %s  up %s  job %s%n",
                        LocalTime.ofInstant(at, zone).truncatedTo(ChronoUnit.SECONDS),
                        formatDuration(uptime),
                        jobStatus));
        out.append(
                String.format(
                        Locale.ROOT,
                        "   events    produced %,d (%.1f/s)%s  processed %,d (%.1f/s)  lag %s%n",
                        produced,
                        producedPerSecond,
                        deliveryFailures > 0
                                ? String.format(Locale.ROOT, ", %,d failed", deliveryFailures)
                                : "",
                        processed,
                        processedPerSecond,
                        lag < 0 ? "?" : String.format(Locale.ROOT, "%,d", lag)));
        out.append(
                String.format(
                        Locale.ROOT,
                        "   rejected  %,d%s%n",
                        rejected(),
                        rejectedByReason.isEmpty()
                                ? ""
                                : rejectedByReason.entrySet().stream()
                                        .map(e -> e.getKey() + " " + e.getValue())
                                        .collect(Collectors.joining(", ", ": ", ""))));
        out.append(String.format(Locale.ROOT, "   kpis      %,d device windows%n", deviceWindows));
        out.append(
                String.format(
                        Locale.ROOT,
                        "   alerts    %,d open, %,d raised; %,d anomalies injected%s%n",
                        openAlerts(),
                        alertsRaised(),
                        anomaliesInjected,
                        alerts.stream().anyMatch(a -> a.open() > 0)
                                ? alerts.stream()
                                        .filter(a -> a.open() > 0)
                                        .map(
                                                a ->
                                                        a.anomalyType()
                                                                + "/"
                                                                + a.severity()
                                                                + " "
                                                                + a.open())
                                        .collect(Collectors.joining(", ", "; open: ", ""))
                                : ""));
        for (String problem : problems) {
            out.append("   note      ").append(problem).append(System.lineSeparator());
        }
        return out.toString();
    }

    private static String formatDuration(Duration d) {
        long seconds = d.toSeconds();
        if (seconds < 60) {
            return seconds + "s";
        }
        if (seconds < 3600) {
            return seconds / 60 + "m" + String.format(Locale.ROOT, "%02ds", seconds % 60);
        }
        return seconds / 3600 + "h" + String.format(Locale.ROOT, "%02dm", seconds % 3600 / 60);
    }
}
