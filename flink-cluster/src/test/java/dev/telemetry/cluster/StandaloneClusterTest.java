package dev.telemetry.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Start-up failures and settings checks that need no running cluster. */
class StandaloneClusterTest {

    @TempDir Path dir;

    @Test
    void shouldFailInOneMessageAndCleanUpWhenFlinkCannotRun() throws IOException {
        // A "flink-runtime" jar without classes: BashJavaUtils cannot even start.
        Path lib = Files.createDirectories(dir.resolve("lib"));
        Files.write(lib.resolve("flink-runtime-0.jar"), new byte[0]);
        Path baseDir = dir.resolve("cluster");

        for (int attempt = 0; attempt < 2; attempt++) {
            StandaloneCluster cluster =
                    StandaloneCluster.builder(baseDir).libraries(FlinkLibraries.in(lib)).build();

            // The second attempt shows the first released the base directory.
            assertThatThrownBy(cluster::start)
                    .isInstanceOf(ClusterException.class)
                    .hasMessageContaining("BashJavaUtils GET_");
            assertThat(baseDir.resolve("cluster.pids")).doesNotExist();
            assertThat(baseDir.resolve("conf/config.yaml")).content().contains("rest.port: '");
        }
    }

    @Test
    void shouldRejectSettingsThatCannotWork() {
        StandaloneCluster.Builder builder = StandaloneCluster.builder(dir);

        assertThatThrownBy(() -> builder.slots(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> builder.restPort(70000))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> builder.checkpointDir(java.net.URI.create("relative/dir")))
                .hasMessageContaining("scheme");
        assertThatThrownBy(
                        () ->
                                builder.heartbeatInterval(Duration.ofSeconds(10))
                                        .heartbeatTimeout(Duration.ofSeconds(5))
                                        .build())
                .hasMessageContaining("must be longer than the interval");
    }
}
