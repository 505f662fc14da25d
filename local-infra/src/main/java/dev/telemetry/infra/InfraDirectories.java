package dev.telemetry.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** File-system layout shared by the embedded servers: base directory, instance directories. */
final class InfraDirectories {

    /** System property that overrides the base directory of caches and instances. */
    static final String BASE_DIR_PROPERTY = "telemetry.infra.dir";

    private static final Logger LOG = LoggerFactory.getLogger(InfraDirectories.class);

    /** Instance directories are named {@code <jvm pid>-<port>} so that stale ones can be found. */
    private static final Pattern INSTANCE_NAME = Pattern.compile("(\\d+)-(\\d+)");

    private static final Pattern PARTIAL_NAME = Pattern.compile(".*\\.partial-(\\d+)-\\d+");

    /** Instance directories of servers in this JVM, so that they are never taken for stale. */
    private static final Set<Path> OWNED = ConcurrentHashMap.newKeySet();

    private InfraDirectories() {}

    /**
     * The default base directory: {@code $java.io.tmpdir/telemetry-infra-$user}. Per user, because
     * a directory created by root is not writable by others and vice versa; under the temp
     * directory, because an unprivileged uid must be able to traverse it (unlike {@code /root}).
     */
    static Path defaultBaseDir() {
        String configured = System.getProperty(BASE_DIR_PROPERTY);
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured).toAbsolutePath().normalize();
        }
        return Path.of(
                        System.getProperty("java.io.tmpdir"),
                        "telemetry-infra-" + System.getProperty("user.name"))
                .toAbsolutePath()
                .normalize();
    }

    /**
     * Creates the instance directory {@code <parent>/<jvm pid>-<port>} for a server of this JVM,
     * after {@link #removeStaleInstances removing stale instances} from {@code parent}. A directory
     * of that name that no server of this JVM owns was left by an earlier JVM with the same pid
     * (pids repeat across container restarts): it is cleaned like a stale one.
     *
     * @param beforeDelete stops a server that still runs from a directory about to be deleted
     * @throws IllegalStateException if a server of this JVM already uses that port
     */
    static Path claimInstanceDir(Path parent, int port, Consumer<Path> beforeDelete) {
        Path instances = DirectoryTrees.createTraversable(parent);
        removeStaleInstances(instances, beforeDelete);
        Path dir = instances.resolve(ProcessHandle.current().pid() + "-" + port);
        if (!OWNED.add(dir)) {
            throw new IllegalStateException(
                    "Port " + port + " is already used by another embedded server in this JVM");
        }
        if (Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            LOG.info("Removing stale instance directory {} (left by an earlier JVM)", dir);
            beforeDelete.accept(dir);
            DirectoryTrees.deleteRecursively(dir);
        }
        return DirectoryTrees.createTraversable(dir);
    }

    /** Deletes an instance directory claimed by {@link #claimInstanceDir}. */
    static void releaseInstanceDir(Path dir) {
        try {
            DirectoryTrees.deleteRecursively(dir);
        } finally {
            OWNED.remove(dir);
        }
    }

    /** The pid of the JVM that owns an instance directory, if its name follows the convention. */
    static OptionalLong ownerPid(Path instanceDir) {
        Matcher m = INSTANCE_NAME.matcher(instanceDir.getFileName().toString());
        return m.matches() ? OptionalLong.of(Long.parseLong(m.group(1))) : OptionalLong.empty();
    }

    /**
     * Deletes the instance directories under {@code parent} whose owning JVM is gone (killed, or
     * crashed before its shutdown hook ran), including those named after this JVM's pid that no
     * server of this JVM owns. {@code beforeDelete} gets a chance to stop servers that still run
     * from such a directory.
     */
    private static void removeStaleInstances(Path parent, Consumer<Path> beforeDelete) {
        if (!Files.isDirectory(parent)) {
            return;
        }
        List<Path> stale = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(parent)) {
            for (Path entry : entries) {
                OptionalLong pid = ownerPid(entry);
                if (pid.isEmpty()) {
                    continue;
                }
                boolean ours = pid.getAsLong() == ProcessHandle.current().pid();
                if (ours ? !OWNED.contains(entry) : !isAlive(pid.getAsLong())) {
                    stale.add(entry);
                }
            }
        } catch (IOException e) {
            LOG.warn("Cannot list {} for stale instances", parent, e);
            return;
        }
        for (Path dir : stale) {
            LOG.info("Removing stale instance directory {} (its JVM is gone)", dir);
            beforeDelete.accept(dir);
            DirectoryTrees.deleteRecursively(dir);
        }
    }

    /**
     * A sibling of {@code target} to build it in before {@link #publish}ing it; named after this
     * JVM so that {@link #removeAbandonedPartials} can tell abandoned ones from ones in progress.
     */
    static Path partialDirFor(Path target) {
        return target.resolveSibling(
                target.getFileName()
                        + ".partial-"
                        + ProcessHandle.current().pid()
                        + "-"
                        + System.nanoTime());
    }

    /**
     * Renames a fully built {@code partial} directory to {@code target} in one step, so that
     * concurrent JVMs never see half of it. Losing the race to another JVM is fine.
     */
    static void publish(Path partial, Path target, Path completeMarker) throws IOException {
        try {
            Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException lostRace) {
            if (!Files.exists(completeMarker)) {
                throw lostRace;
            }
        }
    }

    /** Deletes partial directories for {@code target} left by JVMs that died while building. */
    static void removeAbandonedPartials(Path target) {
        try (DirectoryStream<Path> entries =
                Files.newDirectoryStream(target.getParent(), target.getFileName() + ".partial-*")) {
            for (Path entry : entries) {
                Matcher m = PARTIAL_NAME.matcher(entry.getFileName().toString());
                if (m.matches() && !isAlive(Long.parseLong(m.group(1)))) {
                    DirectoryTrees.deleteRecursively(entry);
                }
            }
        } catch (IOException | UncheckedIOException e) {
            LOG.debug("Cannot clean abandoned partial directories of {}", target, e);
        }
    }

    static boolean isAlive(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }
}
