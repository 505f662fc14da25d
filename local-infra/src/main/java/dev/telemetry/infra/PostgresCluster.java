package dev.telemetry.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Creates PostgreSQL data directories: with initdb, or by copying a cached template cluster. */
final class PostgresCluster {

    private static final Logger LOG = LoggerFactory.getLogger(PostgresCluster.class);

    private static final Duration INITDB_TIMEOUT = Duration.ofMinutes(2);

    private PostgresCluster() {}

    /**
     * Runs initdb for {@code dataDir} as the server user; its output goes to {@code logDir}.
     *
     * @param sync whether initdb flushes the new files to disk (durable clusters)
     */
    static void initdb(ServerUser user, Path installDir, Path dataDir, boolean sync, Path logDir) {
        List<String> command =
                new ArrayList<>(
                        List.of(
                                installDir.resolve("bin/initdb").toString(),
                                "-D",
                                dataDir.toString(),
                                "--no-locale",
                                "-E",
                                "UTF8",
                                "-A",
                                "trust",
                                "-U",
                                EmbeddedPostgres.SUPERUSER,
                                "--no-instructions"));
        if (!sync) {
            command.add("--no-sync");
        }
        long started = System.nanoTime();
        Path log = logDir.resolve("initdb.log");
        int exit = user.run(command, logDir, log, INITDB_TIMEOUT);
        if (exit != 0) {
            throw new IllegalStateException(
                    "initdb failed with exit code " + exit + ":\n" + logTail(log));
        }
        LOG.debug("initdb of {} took {} ms", dataDir, (System.nanoTime() - started) / 1_000_000);
    }

    /**
     * Fills {@code dataDir} (which must not exist) with a copy of a freshly initialised cluster
     * that is created once per PostgreSQL version next to the binaries. Copying ~40 MB costs a
     * fraction of initdb's CPU time, which matters on small, busy CI machines. The copies share the
     * template's system identifier, which only matters for replication.
     */
    static void copyTemplate(ServerUser user, Path installDir, Path dataDir) {
        Path template = template(user, installDir);
        long started = System.nanoTime();
        copyTree(template, dataDir);
        try {
            // PostgreSQL refuses a data directory that others can read.
            Files.setPosixFilePermissions(dataDir, PosixFilePermissions.fromString("rwx------"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        LOG.debug(
                "Copied template cluster into {} in {} ms",
                dataDir,
                (System.nanoTime() - started) / 1_000_000);
    }

    /** The last lines of a log file, for error messages. */
    static String logTail(Path log) {
        try {
            if (!Files.exists(log, LinkOption.NOFOLLOW_LINKS)) {
                return "(no " + log.getFileName() + ")";
            }
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(cannot read " + log + ": " + e + ")";
        }
    }

    private static Path template(ServerUser user, Path installDir) {
        Path root = installDir.resolveSibling(installDir.getFileName() + ".template");
        Path template = root.resolve("data");
        if (Files.isRegularFile(template.resolve("PG_VERSION"))) {
            return template;
        }
        InfraDirectories.removeAbandonedPartials(root);
        Path partial = InfraDirectories.partialDirFor(root);
        try {
            DirectoryTrees.createTraversable(partial);
            // initdb runs as the server user and must be able to create data/ in here.
            user.takeOwnership(partial);
            initdb(user, installDir, partial.resolve("data"), false, partial);
            Files.deleteIfExists(partial.resolve("initdb.log"));
            InfraDirectories.publish(partial, root, template.resolve("PG_VERSION"));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the template cluster " + root, e);
        } finally {
            DirectoryTrees.deleteRecursively(partial);
        }
        return template;
    }

    private static void copyTree(Path source, Path target) {
        try {
            Files.walkFileTree(
                    source,
                    new SimpleFileVisitor<>() {
                        @Override
                        public FileVisitResult preVisitDirectory(
                                Path dir, BasicFileAttributes attrs) throws IOException {
                            Path copy = target.resolve(source.relativize(dir));
                            Files.createDirectory(copy);
                            Files.setPosixFilePermissions(copy, Files.getPosixFilePermissions(dir));
                            return FileVisitResult.CONTINUE;
                        }

                        @Override
                        public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
                                throws IOException {
                            Files.copy(
                                    file,
                                    target.resolve(source.relativize(file)),
                                    StandardCopyOption.COPY_ATTRIBUTES,
                                    LinkOption.NOFOLLOW_LINKS);
                            return FileVisitResult.CONTINUE;
                        }
                    });
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot copy " + source + " to " + target, e);
        }
    }
}
