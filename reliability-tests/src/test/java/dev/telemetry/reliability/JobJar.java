package dev.telemetry.reliability;

import java.nio.file.Files;
import java.nio.file.Path;

/** Locates the shaded job jar under test, {@code ../flink-job/target/flink-job.jar}. */
final class JobJar {

    /** System property naming the jar; the module's pom sets it. */
    static final String PROPERTY = "reliability.job-jar";

    private JobJar() {}

    /**
     * @throws IllegalStateException with how to build it, if the jar is missing
     */
    static Path locate() {
        Path jar =
                Path.of(System.getProperty(PROPERTY, "../flink-job/target/flink-job.jar"))
                        .toAbsolutePath()
                        .normalize();
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(
                    "The job jar "
                            + jar
                            + " is missing. Build it first: ./mvnw -q install -DskipTests -pl"
                            + " reliability-tests -am");
        }
        return jar;
    }
}
