package dev.telemetry.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Records which JVMs a cluster started, and which JVM owns the cluster, so that a later start in
 * the same base directory can clean up after a run that crashed without closing its cluster.
 *
 * <p>Format: one line {@code owner <pid> <startMillis>}, then {@code process <pid> <startMillis>
 * <name>} per started JVM.
 */
final class PidFile {

    private static final System.Logger LOG = System.getLogger(PidFile.class.getName());

    private static final Duration KILL_TIMEOUT = Duration.ofSeconds(10);

    private final Path file;
    private final int leftoversKilled;
    private final List<String> lines = new ArrayList<>();

    private PidFile(Path file, int leftoversKilled) {
        this.file = file;
        this.leftoversKilled = leftoversKilled;
    }

    /**
     * Takes over {@code file} for the current JVM. If another live JVM owns it, fails; if its owner
     * is gone, first kills the processes it recorded that are still alive and still Flink entry
     * points reading {@code confDir}.
     *
     * @return the number of leftover processes killed
     */
    static PidFile claim(Path file, Path confDir, List<String> entryPoints) {
        int killed = 0;
        if (Files.isRegularFile(file)) {
            List<String> previous = read(file);
            ProcessHandle self = ProcessHandle.current();
            for (String line : previous) {
                String[] fields = line.split(" ", 4);
                if (fields.length >= 3 && fields[0].equals("owner")) {
                    Optional<ProcessHandle> owner = liveProcess(fields[1], fields[2]);
                    if (owner.isPresent() && owner.get().pid() != self.pid()) {
                        throw new ClusterException(
                                "The cluster directory "
                                        + file.getParent()
                                        + " is in use by a running process (pid "
                                        + owner.get().pid()
                                        + "); stop it or choose another base directory");
                    }
                }
            }
            for (String line : previous) {
                String[] fields = line.split(" ", 4);
                if (fields.length >= 3 && fields[0].equals("process")) {
                    Optional<ProcessHandle> leftover =
                            liveProcess(fields[1], fields[2])
                                    .filter(p -> isFlinkEntryPoint(p, confDir, entryPoints));
                    if (leftover.isPresent()) {
                        String name = fields.length > 3 ? fields[3] : "process";
                        LOG.log(
                                System.Logger.Level.WARNING,
                                "Killing {0} (pid {1}) left over from a previous run in {2}",
                                name,
                                fields[1],
                                file.getParent());
                        kill(leftover.get());
                        killed++;
                    }
                }
            }
        }
        PidFile pidFile = new PidFile(file, killed);
        pidFile.lines.add(describe("owner", ProcessHandle.current()));
        pidFile.write();
        return pidFile;
    }

    /** How many processes of a crashed earlier run {@link #claim} killed. */
    int leftoversKilled() {
        return leftoversKilled;
    }

    synchronized void add(String name, ProcessHandle process) {
        lines.add(describe("process", process) + " " + name);
        write();
    }

    synchronized void delete() {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "Cannot delete " + file, e);
        }
    }

    private void write() {
        try {
            Files.createDirectories(file.getParent());
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.write(tmp, lines, StandardCharsets.UTF_8);
            Files.move(
                    tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + file, e);
        }
    }

    private static List<String> read(Path file) {
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
    }

    private static String describe(String kind, ProcessHandle process) {
        long start = process.info().startInstant().map(Instant::toEpochMilli).orElse(0L);
        return kind + " " + process.pid() + " " + start;
    }

    /** The process, if it is alive and started when recorded (guards against reused pids). */
    private static Optional<ProcessHandle> liveProcess(String pid, String startMillis) {
        try {
            long recordedStart = Long.parseLong(startMillis);
            return ProcessHandle.of(Long.parseLong(pid))
                    .filter(ProcessHandle::isAlive)
                    .filter(
                            p ->
                                    recordedStart == 0
                                            || p.info()
                                                    .startInstant()
                                                    .map(s -> s.toEpochMilli() == recordedStart)
                                                    .orElse(true));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** Kill only what is recognisably a Flink entry point of this very cluster directory. */
    static boolean isFlinkEntryPoint(
            ProcessHandle process, Path confDir, List<String> entryPoints) {
        String commandLine = process.info().commandLine().orElse("");
        return commandLine.contains(confDir.toString())
                && entryPoints.stream().anyMatch(commandLine::contains);
    }

    private static void kill(ProcessHandle process) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            process.onExit().get(KILL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
        }
        if (process.isAlive()) {
            throw new ClusterException(
                    "Process " + process.pid() + " from a previous run survived SIGKILL");
        }
    }
}
