package dev.telemetry.reliability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The measured figures of every case, written to {@code target/reliability-report.md} (system
 * property {@value #PROPERTY}) and printed. The file is rewritten after every section, so a run
 * that fails half-way still leaves what it measured.
 */
final class ReliabilityReport {

    static final String PROPERTY = "reliability.report";

    private static final Map<String, String> SECTIONS = new TreeMap<>();
    private static final Instant STARTED = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    private static final double LOAD_AT_START = loadAverage();

    private ReliabilityReport() {}

    /**
     * Adds or replaces a section; sections are ordered by {@code order}, e.g. {@code "2 kills"}.
     */
    static synchronized void section(String order, String markdown) {
        SECTIONS.put(order, markdown.strip() + "\n");
        System.out.println();
        System.out.println(markdown.strip());
        System.out.println();
        write();
    }

    static Path path() {
        return Path.of(System.getProperty(PROPERTY, "target/reliability-report.md"));
    }

    private static void write() {
        StringBuilder out = new StringBuilder();
        out.append("# Reliability report\n\n")
                .append(
                        String.format(
                                Locale.ROOT,
                                "Started %s on %d cores; load average %.1f at the start, %.1f at"
                                        + " the last update.%n%n",
                                STARTED,
                                Runtime.getRuntime().availableProcessors(),
                                LOAD_AT_START,
                                loadAverage()));
        SECTIONS.values().forEach(section -> out.append(section).append('\n'));
        try {
            Path path = path();
            Files.createDirectories(path.toAbsolutePath().getParent());
            Files.writeString(path, out, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A Markdown table. */
    static String table(List<String> header, List<List<String>> rows) {
        StringBuilder out = new StringBuilder();
        out.append("| ").append(String.join(" | ", header)).append(" |\n");
        out.append(header.stream().map(h -> "---").collect(Collectors.joining("|", "|", "|")))
                .append('\n');
        for (List<String> row : rows) {
            out.append("| ")
                    .append(
                            row.stream()
                                    .map(c -> c.replace("|", "\\|"))
                                    .collect(Collectors.joining(" | ")))
                    .append(" |\n");
        }
        return out.toString();
    }

    /** Seconds with one decimal, e.g. {@code 7.4 s}. */
    static String seconds(Duration duration) {
        return String.format(Locale.ROOT, "%.1f s", duration.toMillis() / 1000.0);
    }

    static String seconds(long nanos) {
        return seconds(Duration.ofNanos(nanos));
    }

    private static double loadAverage() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }
}
