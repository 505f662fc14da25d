package dev.telemetry.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The build gathers exactly what a Flink cluster needs, with a logging binding that works. */
class FlinkLibrariesTest {

    @Test
    void shouldGatherFlinkJarsAtTheBuildVersionWithSlf4j17Binding() {
        List<String> jars =
                FlinkLibraries.locate().jars().stream()
                        .map(jar -> jar.getFileName().toString())
                        .toList();
        String version = FlinkLibraries.flinkVersion();

        assertThat(jars)
                .contains(
                        "flink-runtime-" + version + ".jar",
                        "flink-runtime-web-" + version + ".jar",
                        "flink-clients-" + version + ".jar",
                        "flink-streaming-java-" + version + ".jar",
                        "flink-rpc-akka-loader-" + version + ".jar",
                        "flink-connector-base-" + version + ".jar")
                .anyMatch(jar -> jar.startsWith("log4j-slf4j-impl-"))
                .anyMatch(jar -> jar.startsWith("slf4j-api-1.7."))
                .noneMatch(jar -> jar.startsWith("log4j-slf4j2-impl-"))
                // The tool's own libraries stay off the cluster's classpath.
                .noneMatch(
                        jar -> jar.startsWith("picocli-") || jar.startsWith("jackson-databind-"));
        assertThat(jars)
                .filteredOn(jar -> jar.startsWith("flink-") && !jar.startsWith("flink-shaded-"))
                .allMatch(jar -> jar.endsWith("-" + version + ".jar"));
    }

    @Test
    void shouldExplainHowToBuildMissingJars(@TempDir Path empty) {
        assertThatThrownBy(() -> FlinkLibraries.in(empty))
                .isInstanceOf(ClusterException.class)
                .hasMessageContaining("./mvnw -pl flink-cluster -am install -DskipTests");
    }
}
