package dev.telemetry.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jdk.jfr.Configuration;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * A Flight Recorder recording of this JVM (job, broker and clients all run here) with its CPU
 * samples summarised: the hottest methods by self time, and the share of samples that pass through
 * each area of interest (JSON parsing, Flink serialization, CEP, state, JDBC, the Kafka broker).
 * Equivalent to {@code jfr print --events jdk.ExecutionSample} piped through a counter.
 */
final class JfrProfile implements AutoCloseable {

    /** Areas whose inclusive share of CPU samples is reported, by frame prefix. */
    static final Map<String, List<String>> AREAS = areas();

    private final Recording recording;
    private final Path file;
    private boolean closed;

    private JfrProfile(Recording recording, Path file) {
        this.recording = recording;
        this.file = file;
    }

    /** Starts a recording with the JDK's "profile" settings (10 ms Java sampling). */
    static JfrProfile start(Path file) throws IOException, ParseException {
        Recording recording = new Recording(Configuration.getConfiguration("profile"));
        recording.setToDisk(true);
        recording.setDestination(file);
        recording.start();
        return new JfrProfile(recording, file);
    }

    /** Stops the recording and summarises its execution samples. */
    Summary stop(int topFrames) throws IOException {
        recording.stop(); // writes the recording to its destination
        close();
        return summarise(file, topFrames);
    }

    static Summary summarise(Path file, int topFrames) throws IOException {
        Map<String, Long> self = new HashMap<>();
        Map<String, Long> byThread = new HashMap<>();
        Map<String, Long> inArea = new LinkedHashMap<>();
        AREAS.keySet().forEach(a -> inArea.put(a, 0L));
        long samples = 0;
        for (RecordedEvent event : RecordingFile.readAllEvents(file)) {
            if (!event.getEventType().getName().equals("jdk.ExecutionSample")) {
                continue;
            }
            RecordedStackTrace stack = event.getStackTrace();
            if (stack == null || stack.getFrames().isEmpty()) {
                continue;
            }
            samples++;
            List<RecordedFrame> frames = stack.getFrames();
            self.merge(method(frames.get(0)), 1L, Long::sum);
            byThread.merge(threadGroup(event), 1L, Long::sum);
            for (Map.Entry<String, List<String>> area : AREAS.entrySet()) {
                if (passesThrough(frames, area.getValue())) {
                    inArea.merge(area.getKey(), 1L, Long::sum);
                }
            }
        }
        return new Summary(
                file.toString(),
                samples,
                top(self, samples, topFrames),
                top(byThread, samples, 12),
                shares(inArea, samples));
    }

    private static boolean passesThrough(List<RecordedFrame> frames, List<String> prefixes) {
        for (RecordedFrame frame : frames) {
            String type = frame.getMethod().getType().getName();
            for (String prefix : prefixes) {
                if (type.startsWith(prefix)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static String method(RecordedFrame frame) {
        return frame.getMethod().getType().getName() + "." + frame.getMethod().getName();
    }

    /** Flink task threads by operator chain; the rest by name without numbers. */
    private static String threadGroup(RecordedEvent event) {
        var thread = event.getThread("sampledThread");
        String name = thread == null || thread.getJavaName() == null ? "?" : thread.getJavaName();
        int subtask = name.lastIndexOf(" (");
        if (subtask > 0) {
            name = name.substring(0, subtask); // "Source: x -> y (1/2)#0" -> "Source: x -> y"
        }
        name = name.replaceAll("[0-9]+", "N");
        return name.length() > 120 ? name.substring(0, 117) + "..." : name;
    }

    private static List<Share> top(Map<String, Long> counts, long total, int n) {
        return counts.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .limit(n)
                .map(e -> new Share(e.getKey(), e.getValue(), percent(e.getValue(), total)))
                .toList();
    }

    private static List<Share> shares(Map<String, Long> counts, long total) {
        List<Share> out = new ArrayList<>();
        counts.forEach((k, v) -> out.add(new Share(k, v, percent(v, total))));
        out.sort((a, b) -> Long.compare(b.samples(), a.samples()));
        return out;
    }

    private static double percent(long part, long total) {
        return total == 0 ? 0 : Math.round(1000.0 * part / total) / 10.0;
    }

    private static Map<String, List<String>> areas() {
        Map<String, List<String>> areas = new LinkedHashMap<>();
        areas.put("JSON decode (Jackson)", List.of("com.fasterxml.jackson."));
        areas.put("telemetry model decode/validate", List.of("dev.telemetry.model."));
        areas.put("job code (dev.telemetry.job)", List.of("dev.telemetry.job."));
        areas.put(
                "Flink type serializers",
                List.of(
                        "org.apache.flink.api.common.typeutils.",
                        "org.apache.flink.api.java.typeutils."));
        areas.put("Kryo", List.of("com.esotericsoftware.kryo."));
        areas.put("Flink CEP (NFA, shared buffer)", List.of("org.apache.flink.cep."));
        areas.put("Flink heap state backend", List.of("org.apache.flink.runtime.state."));
        areas.put(
                "Flink network stack",
                List.of("org.apache.flink.runtime.io.network.", "org.apache.flink.shaded.netty4."));
        areas.put(
                "Flink windows",
                List.of("org.apache.flink.streaming.runtime.operators.windowing."));
        areas.put("Kafka consumer (Flink source)", List.of("org.apache.kafka.clients.consumer."));
        areas.put("Kafka producer", List.of("org.apache.kafka.clients.producer."));
        areas.put(
                "Kafka broker (in this JVM)",
                List.of("kafka.", "org.apache.kafka.storage.", "org.apache.kafka.server."));
        areas.put("JDBC (PgJDBC)", List.of("org.postgresql."));
        areas.put("compression (lz4)", List.of("net.jpountz."));
        return areas;
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            recording.close();
        }
    }

    /** One line of a profile: what, how many samples, and their share of all samples in %. */
    record Share(String name, long samples, double percent) {}

    /**
     * @param file the recording
     * @param samples Java execution samples in it
     * @param topSelf hottest methods by self time
     * @param byThread samples per thread group (Flink task chains by name)
     * @param areas inclusive share of samples per area of interest
     */
    record Summary(
            String file,
            long samples,
            List<Share> topSelf,
            List<Share> byThread,
            List<Share> areas) {}
}
