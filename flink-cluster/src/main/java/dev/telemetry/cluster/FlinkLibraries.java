package dev.telemetry.cluster;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The Flink jars a standalone cluster runs on, gathered by this module's build into {@code
 * flink-cluster/target/flink-lib} (Flink runtime, web, clients, streaming, RPC, log4j).
 */
public final class FlinkLibraries {

    /** System property that points at another directory of Flink jars. */
    public static final String LIB_DIR_PROPERTY = "flink.cluster.lib";

    private static final String BUILD_INFO = "flink-cluster.properties";

    private final Path directory;
    private final List<Path> jars;

    private FlinkLibraries(Path directory, List<Path> jars) {
        this.directory = directory;
        this.jars = List.copyOf(jars);
    }

    /**
     * The directory named by the {@value #LIB_DIR_PROPERTY} system property, else the one this
     * module's build filled.
     */
    public static FlinkLibraries locate() {
        String override = System.getProperty(LIB_DIR_PROPERTY);
        if (override != null && !override.isBlank()) {
            return in(Path.of(override));
        }
        return in(Path.of(buildInfo().getProperty("flink.lib.dir")));
    }

    /** The Flink jars in {@code directory}; fails if it holds no flink-runtime jar. */
    public static FlinkLibraries in(Path directory) {
        Path dir = directory.toAbsolutePath().normalize();
        List<Path> jars;
        try (Stream<Path> files = Files.list(dir)) {
            jars = files.filter(f -> f.getFileName().toString().endsWith(".jar")).sorted().toList();
        } catch (IOException e) {
            throw new ClusterException(missingMessage(dir));
        }
        if (jars.stream().noneMatch(j -> j.getFileName().toString().startsWith("flink-runtime-"))) {
            throw new ClusterException(missingMessage(dir));
        }
        return new FlinkLibraries(dir, jars);
    }

    /** The Flink version this module was built against. */
    public static String flinkVersion() {
        return buildInfo().getProperty("flink.version");
    }

    public Path directory() {
        return directory;
    }

    public List<Path> jars() {
        return jars;
    }

    /** The jars as a JVM {@code -classpath} value, in a stable order. */
    public String classpath() {
        return jars.stream()
                .map(Path::toString)
                .collect(Collectors.joining(System.getProperty("path.separator")));
    }

    private static String missingMessage(Path dir) {
        return "No Flink jars in "
                + dir
                + "; build them with './mvnw -pl flink-cluster -am install -DskipTests'"
                + " or point -D"
                + LIB_DIR_PROPERTY
                + " at a directory of Flink jars";
    }

    private static Properties buildInfo() {
        Properties properties = new Properties();
        try (InputStream in = FlinkLibraries.class.getResourceAsStream(BUILD_INFO)) {
            if (in == null) {
                throw new ClusterException(BUILD_INFO + " is missing from the classpath");
            }
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties;
    }
}
