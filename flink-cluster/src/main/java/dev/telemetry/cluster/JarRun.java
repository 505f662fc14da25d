package dev.telemetry.cluster;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * How to run an uploaded job jar: the body of REST {@code POST /jars/<id>/run}.
 *
 * @param entryClass the job's main class; empty to use the jar manifest's {@code Main-Class}
 * @param programArgs the arguments passed to {@code main}
 * @param parallelism the job's default parallelism; empty for the cluster's default
 * @param savepointPath a savepoint or retained checkpoint to start from
 */
public record JarRun(
        Optional<String> entryClass,
        List<String> programArgs,
        OptionalInt parallelism,
        Optional<String> savepointPath) {

    public JarRun {
        programArgs = List.copyOf(programArgs);
    }

    /**
     * Runs {@code entryClass} (null for the manifest's) with the given arguments and parallelism.
     */
    public static JarRun of(String entryClass, List<String> programArgs, int parallelism) {
        if (parallelism < 1) {
            throw new IllegalArgumentException("parallelism must be at least 1: " + parallelism);
        }
        return new JarRun(
                Optional.ofNullable(entryClass),
                programArgs,
                OptionalInt.of(parallelism),
                Optional.empty());
    }

    /** The same run, started from a savepoint or retained checkpoint. */
    public JarRun fromSavepoint(String path) {
        return new JarRun(entryClass, programArgs, parallelism, Optional.of(path));
    }
}
