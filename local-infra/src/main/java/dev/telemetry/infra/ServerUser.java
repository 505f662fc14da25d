package dev.telemetry.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The operating-system user that runs PostgreSQL: the current user, or uid/gid 65534 ("nobody")
 * when the JVM runs as root, because PostgreSQL refuses to run as root.
 */
final class ServerUser {

    /** "nobody"/"nogroup" on Debian, Ubuntu, Alpine and RHEL alike. */
    static final int UNPRIVILEGED_ID = 65534;

    private final boolean dropPrivileges;

    private ServerUser(boolean dropPrivileges) {
        this.dropPrivileges = dropPrivileges;
    }

    static ServerUser forCurrentProcess() {
        return new ServerUser(currentUid() == 0);
    }

    boolean dropsPrivileges() {
        return dropPrivileges;
    }

    /** Prefixes {@code command} with {@code setpriv} so that it runs as the server user. */
    List<String> command(List<String> command) {
        if (!dropPrivileges) {
            return List.copyOf(command);
        }
        List<String> wrapped = new ArrayList<>();
        wrapped.add("setpriv");
        wrapped.add("--reuid=" + UNPRIVILEGED_ID);
        wrapped.add("--regid=" + UNPRIVILEGED_ID);
        wrapped.add("--clear-groups");
        wrapped.addAll(command);
        return wrapped;
    }

    /**
     * A process builder for {@code command} as the server user, with a predictable environment and
     * a working directory the server user can enter (the JVM's may be under {@code /root}).
     */
    ProcessBuilder processBuilder(List<String> command, Path workDir) {
        ProcessBuilder builder = new ProcessBuilder(command(command));
        builder.directory(workDir.toFile());
        Map<String, String> env = builder.environment();
        // PGDATA, PGPORT etc. of the caller's shell must not redirect our servers.
        env.keySet().removeIf(name -> name.startsWith("PG"));
        env.put("LC_ALL", "C");
        env.put("LANG", "C");
        return builder;
    }

    /** Runs {@code command} as the server user, appending its output to {@code log}. */
    int run(List<String> command, Path workDir, Path log, Duration timeout) {
        try {
            Process process =
                    processBuilder(command, workDir)
                            .redirectErrorStream(true)
                            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                            .start();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(command.get(0) + " timed out after " + timeout);
            }
            return process.exitValue();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while running " + command, e);
        }
    }

    /** Hands a directory tree to the server user (a no-op unless privileges are dropped). */
    void takeOwnership(Path root) {
        if (!dropPrivileges) {
            return;
        }
        try {
            Files.walkFileTree(
                    root,
                    new SimpleFileVisitor<>() {
                        @Override
                        public FileVisitResult preVisitDirectory(
                                Path dir, BasicFileAttributes attrs) throws IOException {
                            chown(dir);
                            return FileVisitResult.CONTINUE;
                        }

                        @Override
                        public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
                                throws IOException {
                            chown(file);
                            return FileVisitResult.CONTINUE;
                        }
                    });
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot change the owner of " + root, e);
        }
    }

    /**
     * Fails with an actionable message when the server user cannot reach {@code dir}: a typical
     * root home ({@code /root}, mode 700) on the path would otherwise surface as an obscure
     * "Permission denied" from initdb.
     */
    void requireReachable(Path dir) {
        if (!dropPrivileges) {
            return;
        }
        for (Path p = dir.toAbsolutePath().normalize().getParent(); p != null; p = p.getParent()) {
            try {
                if (Files.exists(p)
                        && !Files.getPosixFilePermissions(p)
                                .contains(PosixFilePermission.OTHERS_EXECUTE)) {
                    throw new IllegalStateException(
                            "PostgreSQL runs as uid "
                                    + UNPRIVILEGED_ID
                                    + " because this JVM runs as root, but "
                                    + p
                                    + " is not traversable by other users, so it cannot reach "
                                    + dir
                                    + ". Choose a directory under /tmp (e.g. -D"
                                    + InfraDirectories.BASE_DIR_PROPERTY
                                    + "=/tmp/telemetry-infra) or make "
                                    + p
                                    + " traversable (chmod o+x).");
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private static void chown(Path path) throws IOException {
        Files.setAttribute(path, "unix:uid", UNPRIVILEGED_ID, LinkOption.NOFOLLOW_LINKS);
        Files.setAttribute(path, "unix:gid", UNPRIVILEGED_ID, LinkOption.NOFOLLOW_LINKS);
    }

    private static int currentUid() {
        try {
            // /proc/self belongs to the effective uid of the reading process.
            return (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid");
        } catch (IOException | UnsupportedOperationException e) {
            return -1;
        }
    }
}
