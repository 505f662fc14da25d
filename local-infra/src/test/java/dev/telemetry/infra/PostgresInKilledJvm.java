package dev.telemetry.infra;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/**
 * Runs an {@link EmbeddedPostgres} in a child JVM that a test then kills with SIGKILL, so that no
 * shutdown hook runs: only the parent-death signal can stop the server.
 */
final class PostgresInKilledJvm {

    static final String READY = "READY";

    private PostgresInKilledJvm() {}

    /** Starts the child JVM; it prints {@code READY <postmaster pid> <instance dir>}. */
    static Process launch() throws IOException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        return new ProcessBuilder(
                        List.of(
                                java.toString(),
                                "-cp",
                                System.getProperty("java.class.path"),
                                PostgresInKilledJvm.class.getName()))
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
    }

    public static void main(String[] args) throws IOException {
        EmbeddedPostgres postgres = EmbeddedPostgres.builder().start();
        System.out.println(
                READY
                        + " "
                        + postgres.postmasterProcess().orElseThrow().pid()
                        + " "
                        + postgres.instanceDir());
        System.out.flush();
        // Block until the test kills this JVM.
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
    }
}
