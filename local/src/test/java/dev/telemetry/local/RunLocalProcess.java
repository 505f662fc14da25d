package dev.telemetry.local;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code ./run-local ...} as a user starts it, with its output captured line by line and the
 * process ids of its descendants remembered, so that a test can check none outlives it.
 */
final class RunLocalProcess implements AutoCloseable {

    private final Process process;
    private final List<String> out = new CopyOnWriteArrayList<>();
    private final List<String> err = new CopyOnWriteArrayList<>();
    private final Set<ProcessHandle> descendants = ConcurrentHashMap.newKeySet();
    private final Thread[] readers;

    private RunLocalProcess(Process process) {
        this.process = process;
        this.readers =
                new Thread[] {
                    reader(process.getInputStream(), out, "run-local-stdout"),
                    reader(process.getErrorStream(), err, "run-local-stderr")
                };
    }

    /** Runs the top-level script without letting it build: {@code verify} built the jar. */
    static RunLocalProcess start(String... args) throws IOException {
        Path script = Path.of(System.getProperty("run.local.script", "../run-local"));
        if (!Files.isExecutable(script)) {
            throw new IllegalStateException("no executable run-local script at " + script);
        }
        List<String> command = new ArrayList<>();
        command.add(script.toAbsolutePath().normalize().toString());
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().put("RUN_LOCAL_BUILD", "never");
        builder.environment().remove("JAVA_OPTS");
        builder.environment().remove("TELEMETRY_JDBC_PASSWORD");
        return new RunLocalProcess(builder.start());
    }

    private static Thread reader(InputStream stream, List<String> lines, String name) {
        Thread thread =
                new Thread(
                        () -> {
                            try (BufferedReader reader =
                                    new BufferedReader(
                                            new InputStreamReader(
                                                    stream, StandardCharsets.UTF_8))) {
                                String line;
                                while ((line = reader.readLine()) != null) {
                                    lines.add(line);
                                }
                            } catch (IOException e) {
                                lines.add("(stream failed: " + e + ")");
                            }
                        },
                        name);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    /** Adds the process's current descendants (e.g. PostgreSQL's processes) to those seen. */
    void recordDescendants() {
        process.descendants().forEach(descendants::add);
    }

    Set<ProcessHandle> descendantsSeen() {
        return Set.copyOf(descendants);
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    List<String> out() {
        return List.copyOf(out);
    }

    List<String> err() {
        return List.copyOf(err);
    }

    /** The first stdout line matching {@code pattern}, group 1. */
    Optional<String> find(Pattern pattern) {
        for (String line : out) {
            Matcher m = pattern.matcher(line);
            if (m.find()) {
                return Optional.of(m.group(1));
            }
        }
        return Optional.empty();
    }

    /** Waits for the exit; returns the exit code, or empty on timeout. */
    Optional<Integer> awaitExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            return Optional.empty();
        }
        for (Thread reader : readers) {
            reader.join(5_000);
        }
        return Optional.of(process.exitValue());
    }

    /** Output for assertion messages. */
    String transcript() {
        return "--- stdout\n" + String.join("\n", out) + "\n--- stderr\n" + String.join("\n", err);
    }

    /** Kills what is left after a failed test: the process, then its descendants. */
    @Override
    public void close() {
        recordDescendants();
        if (process.isAlive()) {
            process.destroyForcibly();
        }
        descendants.forEach(ProcessHandle::destroyForcibly);
    }
}
