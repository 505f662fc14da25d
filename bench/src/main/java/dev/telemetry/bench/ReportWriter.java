package dev.telemetry.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Writes a {@link Report} as {@code <date>.json}, {@code <date>.md} and {@code latest.md}. */
final class ReportWriter {

    private static final ObjectMapper JSON =
            new ObjectMapper()
                    .registerModule(
                            new SimpleModule()
                                    .addSerializer(Duration.class, ToStringSerializer.instance)
                                    .addSerializer(Instant.class, ToStringSerializer.instance))
                    .enable(SerializationFeature.INDENT_OUTPUT);

    private ReportWriter() {}

    static void write(Report report, Path dir, String name) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve(name + ".json"), json(report) + "\n");
        String markdown = markdown(report, name);
        Files.writeString(dir.resolve(name + ".md"), markdown);
        Files.writeString(
                dir.resolve("latest.md"),
                "<!-- A copy of " + name + ".md, written by bench/run. -->\n" + markdown);
    }

    static String json(Report report) throws IOException {
        ObjectNode root = JSON.createObjectNode();
        root.put("started_at", report.startedAt.toString());
        root.put("finished_at", String.valueOf(report.finishedAt));
        root.set("machine", JSON.valueToTree(report.machine));
        ObjectNode load = root.putObject("load_average");
        load.set("start", JSON.valueToTree(report.loadAtStart));
        load.set("end", JSON.valueToTree(report.loadAtEnd));
        root.set("settings", JSON.valueToTree(report.settings));
        ArrayNode targets = root.putArray("targets");
        for (Target t : report.targets) {
            ObjectNode n = targets.addObject();
            n.put("target", t.name());
            n.put("measured", round(t.measured()));
            n.put("unit", t.unit());
            n.put("status", t.met() ? "met" : "not met");
            n.put("note", t.note());
        }
        ArrayNode figures = root.putArray("figures");
        for (Figure f : report.figures) {
            ObjectNode n = figures.addObject();
            n.put("id", f.id());
            n.put("what", f.what());
            n.put("value", round(f.value()));
            n.put("unit", f.unit());
            n.put("baseline", f.baseline());
            n.put("baseline_value", round(f.baselineValue()));
            n.put("ratio", Math.round(f.ratio() * 1000) / 1000.0);
            n.put("load1", f.load1());
            n.put("note", f.note());
        }
        root.set("details", JSON.valueToTree(report.details));
        root.set("failures", JSON.valueToTree(report.failures));
        root.set("notes", JSON.valueToTree(report.notes));
        return JSON.writeValueAsString(root);
    }

    static String markdown(Report report, String name) {
        StringBuilder md = new StringBuilder();
        MachineInfo m = report.machine;
        md.append("# Benchmark results ").append(name).append("\n\n");
        md.append("Written by `bench/run` (see [README](../README.md) for what each figure means");
        md.append(" and how it is measured). Every figure is judged against a baseline measured");
        md.append(" in the same run on the same machine; on a shared machine only the ratios");
        md.append(" compare between runs.\n\n");
        md.append("| machine | |\n|---|---|\n");
        row(md, "CPU", m.cpuModel());
        row(md, "cores", Integer.toString(m.cores()));
        row(md, "RAM", String.format(Locale.ROOT, "%,d MB", m.ramMb()));
        row(md, "JDK", m.jdk());
        row(md, "OS", m.os());
        row(
                md,
                "load average (1/5/15 min)",
                "start " + loads(report.loadAtStart) + ", end " + loads(report.loadAtEnd));
        row(md, "run", report.startedAt + ", " + report.settings.get("run_seconds") + " s");
        md.append("\n## Targets\n\n| target | measured | status | from |\n|---|---|---|---|\n");
        for (Target t : report.targets) {
            md.append("| ")
                    .append(t.name())
                    .append(" | ")
                    .append(number(t.measured()))
                    .append(' ')
                    .append(t.unit())
                    .append(" | ")
                    .append(t.met() ? "**met**" : "**not met**")
                    .append(" | ")
                    .append(t.note())
                    .append(" |\n");
        }
        md.append("\n## Figures\n\n");
        md.append("| figure | value | baseline (same run) | baseline value | ratio | load |\n");
        md.append("|---|---|---|---|---|---|\n");
        for (Figure f : report.figures) {
            md.append("| ")
                    .append(f.what())
                    .append(" | ")
                    .append(quantity(f.value(), f.unit()))
                    .append(" | ")
                    .append(f.baseline())
                    .append(" | ")
                    .append(quantity(f.baselineValue(), f.unit()))
                    .append(" | ")
                    .append(
                            Double.isNaN(f.ratio())
                                    ? "–"
                                    : String.format(Locale.ROOT, "%.2f×", f.ratio()))
                    .append(" | ")
                    .append(String.format(Locale.ROOT, "%.1f", f.load1()))
                    .append(" |\n");
        }
        latency(md, report);
        state(md, report);
        profile(md, report);
        if (!report.notes.isEmpty() || !report.failures.isEmpty()) {
            md.append("\n## Notes\n\n");
            report.notes.forEach(n -> md.append("- ").append(n).append('\n'));
            report.failures.forEach(
                    (section, why) ->
                            md.append("- **")
                                    .append(section)
                                    .append(" failed**: ")
                                    .append(why.replace('\n', ' '))
                                    .append('\n'));
        }
        md.append("\n## Settings\n\n| setting | value |\n|---|---|\n");
        report.settings.forEach((k, v) -> row(md, k, String.valueOf(v)));
        return md.toString();
    }

    private static void latency(StringBuilder md, Report report) {
        if (!(report.details.get("latency") instanceof List<?> runs)) {
            return;
        }
        md.append("\n## Latency detail\n\n");
        md.append("| settings | events/s | alerts n | alert p50 / p95 / p99 / max ms |");
        md.append(" KPI rows n | KPI p50 / p95 / p99 ms | baseline pipe p50 / p95 / p99 ms |");
        md.append(" pacing lag p99 / max ms |\n|---|---|---|---|---|---|---|---|\n");
        for (Object o : runs) {
            LatencyBenchmark.Result r = (LatencyBenchmark.Result) o;
            md.append("| ")
                    .append(r.settings().name())
                    .append(": ")
                    .append(r.settings().description())
                    .append(" | ")
                    .append(String.format(Locale.ROOT, "%,.0f", r.achievedRate()))
                    .append(" | ")
                    .append(r.alerts().count())
                    .append(" | ")
                    .append(r.alerts().p50() + " / " + r.alerts().p95() + " / " + r.alerts().p99())
                    .append(" / " + r.alerts().max())
                    .append(" | ")
                    .append(r.kpis().count())
                    .append(" | ")
                    .append(r.kpis().p50() + " / " + r.kpis().p95() + " / " + r.kpis().p99())
                    .append(" | ")
                    .append(r.pipe().p50() + " / " + r.pipe().p95() + " / " + r.pipe().p99())
                    .append(" | ")
                    .append(r.pacingLagP99Ms() + " / " + r.pacingLagMaxMs())
                    .append(" |\n");
        }
    }

    private static void state(StringBuilder md, Report report) {
        if (!(report.details.get("state") instanceof Map<?, ?> state)) {
            return;
        }
        md.append("\n## State by operator chain (100,000-device checkpoint)\n\n");
        md.append("| operator chain | state bytes | bytes per device |\n|---|---|---|\n");
        double devices = ((Number) state.get("devices")).doubleValue();
        Map<?, ?> chains = (Map<?, ?>) state.get("state_bytes_per_operator_chain");
        chains.entrySet().stream()
                .limit(12)
                .forEach(
                        e -> {
                            long bytes = ((Number) e.getValue()).longValue();
                            md.append("| ")
                                    .append(chain(String.valueOf(e.getKey())))
                                    .append(" | ")
                                    .append(String.format(Locale.ROOT, "%,d", bytes))
                                    .append(" | ")
                                    .append(String.format(Locale.ROOT, "%.0f", bytes / devices))
                                    .append(" |\n");
                        });
    }

    private static void profile(StringBuilder md, Report report) {
        if (!(report.details.get("profile_throughput_p1") instanceof JfrProfile.Summary p)) {
            return;
        }
        md.append("\n## Profile of the job at parallelism 1 (JFR, ")
                .append(String.format(Locale.ROOT, "%,d", p.samples()))
                .append(" execution samples, whole JVM incl. the embedded broker)\n\n");
        md.append("| area (inclusive) | samples % |\n|---|---|\n");
        p.areas().forEach(s -> row(md, s.name(), String.format(Locale.ROOT, "%.1f", s.percent())));
        md.append("\n| thread group | samples % |\n|---|---|\n");
        p.byThread()
                .forEach(
                        s ->
                                row(
                                        md,
                                        "`" + s.name() + "`",
                                        String.format(Locale.ROOT, "%.1f", s.percent())));
        md.append("\n| hottest methods (self) | samples % |\n|---|---|\n");
        p.topSelf().stream()
                .limit(15)
                .forEach(
                        s ->
                                row(
                                        md,
                                        "`" + s.name() + "`",
                                        String.format(Locale.ROOT, "%.1f", s.percent())));
    }

    /** "A -> (B -> (C, D), E)" as "A -> (…)": the chain's head names it well enough. */
    static String chain(String name) {
        int nested = name.indexOf(" -> (");
        String head = nested < 0 ? name : name.substring(0, nested) + " → (…)";
        return head.length() > 100 ? head.substring(0, 97) + "..." : head;
    }

    private static void row(StringBuilder md, String key, String value) {
        md.append("| ").append(key).append(" | ").append(value.replace("|", "\\|")).append(" |\n");
    }

    private static String loads(double[] load) {
        return load == null
                ? "?"
                : String.format(Locale.ROOT, "%.1f/%.1f/%.1f", load[0], load[1], load[2]);
    }

    static String quantity(double value, String unit) {
        if (Double.isNaN(value)) {
            return "–";
        }
        if (unit.equals("bytes")) {
            return value >= 1024 * 1024
                    ? String.format(Locale.ROOT, "%,.1f MB", value / (1024 * 1024))
                    : String.format(Locale.ROOT, "%,.1f KB", value / 1024);
        }
        return number(value) + " " + unit;
    }

    static String number(double value) {
        if (Double.isNaN(value)) {
            return "–";
        }
        if (Math.abs(value) >= 100 || value == Math.rint(value)) {
            return String.format(Locale.ROOT, "%,.0f", value);
        }
        return String.format(Locale.ROOT, "%.2f", value);
    }

    private static double round(double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return value;
        }
        return Math.abs(value) >= 100 ? Math.round(value) : Math.round(value * 1000) / 1000.0;
    }
}
