package dev.telemetry.bench;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * Sizes of files on disk, tolerating files that disappear while they are counted (Flink deletes
 * subsumed checkpoints concurrently).
 */
final class FileSizes {

    private FileSizes() {}

    /** Total size of every directory named {@code name} below {@code root}; 0 if there is none. */
    static long directorySize(Path root, String name) {
        long[] total = {0};
        walk(
                root,
                new SimpleFileVisitor<>() {
                    @Override
                    public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes a) {
                        if (dir.getFileName() != null
                                && dir.getFileName().toString().equals(name)) {
                            total[0] += treeSize(dir);
                            return FileVisitResult.SKIP_SUBTREE;
                        }
                        return FileVisitResult.CONTINUE;
                    }

                    @Override
                    public FileVisitResult visitFileFailed(Path file, IOException e) {
                        return FileVisitResult.CONTINUE;
                    }
                });
        return total[0];
    }

    static long treeSize(Path dir) {
        long[] total = {0};
        walk(
                dir,
                new SimpleFileVisitor<>() {
                    @Override
                    public FileVisitResult visitFile(Path file, BasicFileAttributes a) {
                        total[0] += a.size();
                        return FileVisitResult.CONTINUE;
                    }

                    @Override
                    public FileVisitResult visitFileFailed(Path file, IOException e) {
                        return FileVisitResult.CONTINUE;
                    }
                });
        return total[0];
    }

    private static void walk(Path root, SimpleFileVisitor<Path> visitor) {
        if (!Files.isDirectory(root)) {
            return;
        }
        try {
            Files.walkFileTree(root, visitor);
        } catch (IOException e) {
            // A directory vanished mid-walk: what was counted stands.
        }
    }
}
