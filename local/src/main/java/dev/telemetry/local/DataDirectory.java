package dev.telemetry.local;

import dev.telemetry.infra.DirectoryTrees;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.util.OptionalInt;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * The data directory of local mode, held exclusively by one run:
 *
 * <pre>
 * .lock              held while a local mode runs here (a second one fails at once)
 * log/local.log      the log of the latest run
 * ports.properties   the ports of the latest run, reused so that addresses stay stable
 * kafka/             the broker's log directory
 * postgres/          the PostgreSQL cluster
 * flink/             Flink's temporary files, emptied at every start
 * </pre>
 */
final class DataDirectory implements AutoCloseable {

    /** Its own directory: the web UI lists every file next to the log as a log. */
    static final String LOG_DIR = "log";

    private static final String LOCK_FILE = ".lock";
    private static final String PORTS_FILE = "ports.properties";

    /** Entries that survive {@code --fresh}: the lock we hold and the log already open. */
    private static final Set<String> KEPT_BY_FRESH = Set.of(LOCK_FILE, LOG_DIR);

    /** Runs PostgreSQL as this uid when the JVM runs as root (see local-infra). */
    private static final int POSTGRES_UID_AS_ROOT = 65534;

    /** Data directories locked by stacks of this JVM. */
    private static final Set<Path> HELD_BY_THIS_JVM = ConcurrentHashMap.newKeySet();

    private final Path root;
    private final FileChannel lockChannel;
    private final FileLock lock;

    private DataDirectory(Path root, FileChannel lockChannel, FileLock lock) {
        this.root = root;
        this.lockChannel = lockChannel;
        this.lock = lock;
    }

    /**
     * Creates (if needed) and locks the directory, wiping its contents first if {@code fresh}.
     *
     * @throws LocalModeException if another local mode holds it or it is unusable
     */
    static DataDirectory open(Path dir, boolean fresh) {
        Path root = dir.toAbsolutePath().normalize();
        requireReachableByPostgres(root);
        createTraversable(root);
        // Checked before opening the lock file: on Linux, closing any descriptor of a file
        // drops all of this process's locks on it, including the one another stack holds.
        if (!HELD_BY_THIS_JVM.add(root)) {
            throw inUse(root);
        }
        FileChannel channel;
        FileLock lock;
        try {
            channel =
                    FileChannel.open(
                            root.resolve(LOCK_FILE),
                            StandardOpenOption.CREATE,
                            StandardOpenOption.WRITE);
            lock = tryLock(channel);
        } catch (IOException e) {
            HELD_BY_THIS_JVM.remove(root);
            throw new LocalModeException("cannot use data directory " + root + ": " + e, e);
        }
        if (lock == null) {
            closeQuietly(channel);
            HELD_BY_THIS_JVM.remove(root);
            throw inUse(root);
        }
        DataDirectory data = new DataDirectory(root, channel, lock);
        try {
            channel.truncate(0);
            channel.write(StandardCharsets.US_ASCII.encode(ProcessHandle.current().pid() + "\n"));
            if (fresh) {
                data.wipe();
            }
            createTraversable(data.flinkTmp());
            deleteContents(data.flinkTmp(), Set.of());
        } catch (IOException | RuntimeException e) {
            data.close();
            if (e instanceof LocalModeException local) {
                throw local;
            }
            throw new LocalModeException("cannot prepare data directory " + root + ": " + e, e);
        }
        return data;
    }

    private static LocalModeException inUse(Path root) {
        return new LocalModeException(
                "another local mode is running with data directory "
                        + root
                        + " (stop it, or choose another --data-dir)");
    }

    /** The lock, or null if another process (or another stack in this JVM) holds it. */
    private static FileLock tryLock(FileChannel channel) throws IOException {
        try {
            return channel.tryLock();
        } catch (OverlappingFileLockException heldByThisJvm) {
            return null;
        }
    }

    Path root() {
        return root;
    }

    Path kafka() {
        return root.resolve("kafka");
    }

    Path postgres() {
        return root.resolve("postgres");
    }

    Path flinkTmp() {
        return root.resolve("flink");
    }

    Path logFile() {
        return root.resolve(LOG_DIR).resolve("local.log");
    }

    /** A port saved by an earlier run under {@code name}. */
    OptionalInt savedPort(String name) {
        Path file = root.resolve(PORTS_FILE);
        if (!Files.isRegularFile(file)) {
            return OptionalInt.empty();
        }
        Properties ports = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            ports.load(in);
            String value = ports.getProperty(name);
            return value == null ? OptionalInt.empty() : OptionalInt.of(Integer.parseInt(value));
        } catch (IOException | NumberFormatException e) {
            return OptionalInt.empty(); // a damaged file only costs stable addresses
        }
    }

    /** Saves the ports of this run for the next one. */
    void savePorts(Properties ports) {
        try (OutputStream out = Files.newOutputStream(root.resolve(PORTS_FILE))) {
            ports.store(out, "ports of the latest local mode run; reused when free");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Deletes everything but the lock and the open log. */
    void wipe() {
        deleteContents(root, KEPT_BY_FRESH);
    }

    /** Releases the lock; the directory stays. Idempotent. */
    @Override
    public synchronized void close() {
        if (!lockChannel.isOpen()) {
            return;
        }
        try {
            if (lock.isValid()) {
                lock.release();
            }
        } catch (IOException e) {
            // closing the channel releases it too
        }
        closeQuietly(lockChannel);
        HELD_BY_THIS_JVM.remove(root);
    }

    /** Releases the lock and deletes the directory. */
    void closeAndDelete() {
        deleteContents(root, Set.of(LOCK_FILE));
        close();
        DirectoryTrees.deleteRecursively(root);
    }

    /**
     * As root, PostgreSQL runs as uid 65534, which must be able to traverse every parent of its
     * data directory; {@code /root} (mode 700) is the usual trap.
     */
    private static void requireReachableByPostgres(Path dir) {
        if (currentUid() != 0) {
            return;
        }
        for (Path p = dir.getParent(); p != null; p = p.getParent()) {
            try {
                if (Files.exists(p)
                        && !Files.getPosixFilePermissions(p)
                                .contains(PosixFilePermission.OTHERS_EXECUTE)) {
                    throw new LocalModeException(
                            "--data-dir "
                                    + dir
                                    + " cannot be used as root: PostgreSQL runs as uid "
                                    + POSTGRES_UID_AS_ROOT
                                    + ", which cannot traverse "
                                    + p
                                    + "; choose a directory under /tmp");
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private static int currentUid() {
        try {
            // /proc/self belongs to the effective uid of the reading process.
            return (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid");
        } catch (IOException | UnsupportedOperationException e) {
            return -1;
        }
    }

    /** Creates {@code dir} and missing parents with mode 755, whatever the umask. */
    private static void createTraversable(Path dir) {
        try {
            DirectoryTrees.createTraversable(dir);
        } catch (UncheckedIOException e) {
            throw new LocalModeException("cannot create directory " + dir + ": " + e.getCause(), e);
        }
    }

    private static void deleteContents(Path dir, Set<String> keep) {
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (Stream<Path> entries = Files.list(dir)) {
            for (Path entry : entries.toList()) {
                if (!keep.contains(entry.getFileName().toString())) {
                    DirectoryTrees.deleteRecursively(entry);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot empty " + dir, e);
        }
    }

    private static void closeQuietly(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException e) {
            // nothing left to release
        }
    }
}
