package dev.telemetry.cluster;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** One JobManager or TaskManager JVM started by this tool, with its log files. */
final class FlinkProcess {

    private final String name;
    private final Process process;
    private final Path logFile;
    private final Path outFile;

    private FlinkProcess(String name, Process process, Path logFile, Path outFile) {
        this.name = name;
        this.process = process;
        this.logFile = logFile;
        this.outFile = outFile;
    }

    /**
     * Starts {@code command}; stdout and stderr go to {@code <logDir>/<name>.out}, the Flink log to
     * the {@code <name>.log} the command names via {@code -Dlog.file}.
     */
    static FlinkProcess start(
            String name,
            List<String> command,
            Path workDir,
            Path logDir,
            Map<String, String> environment) {
        Path outFile = logDir.resolve(name + ".out");
        ProcessBuilder builder =
                new ProcessBuilder(command)
                        .directory(workDir.toFile())
                        .redirectErrorStream(true)
                        .redirectOutput(outFile.toFile());
        builder.environment().putAll(environment);
        try {
            return new FlinkProcess(name, builder.start(), logFile(logDir, name), outFile);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start " + name + ": " + command.get(0), e);
        }
    }

    static Path logFile(Path logDir, String name) {
        return logDir.resolve(name + ".log");
    }

    String name() {
        return name;
    }

    long pid() {
        return process.pid();
    }

    ProcessHandle handle() {
        return process.toHandle();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    Path logFile() {
        return logFile;
    }

    /** Sends SIGTERM, so Flink's shutdown hooks run; does not wait. */
    void requestStop() {
        if (process.isAlive()) {
            process.destroy();
        }
    }

    /** Waits for exit until {@code timeout}; returns whether the process has exited. */
    boolean awaitExit(Duration timeout) {
        try {
            return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return !process.isAlive();
        }
    }

    /**
     * SIGKILL ({@code destroyForcibly} signals the JVM itself, which was started directly, not
     * through a shell), then waits until the kernel reports it gone.
     */
    void kill(Duration timeout) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            process.onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // checked below
        }
        if (process.isAlive()) {
            throw new ClusterException(name + " (pid " + pid() + ") survived SIGKILL");
        }
    }

    /** Why the process ended: exit code and the last lines it printed. */
    String exitDescription() {
        String code = process.isAlive() ? "still running" : "exit code " + process.exitValue();
        return name
                + " (pid "
                + pid()
                + ") "
                + code
                + "; last output: "
                + tail(outFile, 600)
                + " — see "
                + logFile;
    }

    /** The last {@code lines} lines the process printed, joined with " | ". */
    String outputTail(int lines) {
        String[] all = tail(outFile, 4096).split(" \\| ");
        return String.join(
                " | ", Arrays.asList(all).subList(Math.max(0, all.length - lines), all.length));
    }

    private static String tail(Path file, int maxChars) {
        if (!Files.isRegularFile(file)) {
            return "(none)";
        }
        try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
            long length = in.length();
            long from = Math.max(0, length - maxChars);
            byte[] bytes = new byte[(int) (length - from)];
            in.seek(from);
            in.readFully(bytes);
            String text =
                    new String(bytes, StandardCharsets.UTF_8)
                            .strip()
                            .replaceAll("\\s*\\R\\s*", " | ");
            return text.isEmpty() ? "(none)" : text;
        } catch (IOException e) {
            return "(unreadable: " + e.getMessage() + ")";
        }
    }
}
