package dev.telemetry.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Creates and deletes directory trees the way the embedded servers need them: traversable by the
 * unprivileged user that runs PostgreSQL, deleted without following links, safe against other JVMs
 * doing the same at the same time.
 *
 * <p>No logger here: local mode uses it before it configures log4j, which the first logger would
 * initialise with the wrong configuration.
 */
public final class DirectoryTrees {

    static final Set<PosixFilePermission> WORLD_READABLE_DIR =
            PosixFilePermissions.fromString("rwxr-xr-x");

    private DirectoryTrees() {}

    /** Creates {@code dir} and missing parents with mode 755, whatever the umask. */
    public static Path createTraversable(Path dir) {
        Path absolute = dir.toAbsolutePath().normalize();
        List<Path> missing = new ArrayList<>();
        for (Path p = absolute; p != null && !Files.exists(p); p = p.getParent()) {
            missing.add(0, p);
        }
        try {
            for (Path p : missing) {
                try {
                    Files.createDirectory(p);
                    Files.setPosixFilePermissions(p, WORLD_READABLE_DIR);
                } catch (FileAlreadyExistsException raced) {
                    // another JVM created it in the meantime
                }
            }
            return absolute;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create directory " + absolute, e);
        }
    }

    /** Deletes a directory tree without following symbolic links; tolerates concurrent deletes. */
    public static void deleteRecursively(Path root) {
        if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try {
            Files.walkFileTree(
                    root,
                    new SimpleFileVisitor<>() {
                        @Override
                        public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
                                throws IOException {
                            Files.deleteIfExists(file);
                            return FileVisitResult.CONTINUE;
                        }

                        @Override
                        public FileVisitResult visitFileFailed(Path file, IOException e)
                                throws IOException {
                            if (e instanceof NoSuchFileException) {
                                return FileVisitResult.CONTINUE;
                            }
                            throw e;
                        }

                        @Override
                        public FileVisitResult postVisitDirectory(Path dir, IOException e)
                                throws IOException {
                            if (e != null && !(e instanceof NoSuchFileException)) {
                                throw e;
                            }
                            Files.deleteIfExists(dir);
                            return FileVisitResult.CONTINUE;
                        }
                    });
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot delete " + root, e);
        }
    }
}
