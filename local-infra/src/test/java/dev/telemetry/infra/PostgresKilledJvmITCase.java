package dev.telemetry.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class PostgresKilledJvmITCase {

    @Test
    void shouldStopServerWhenItsJvmIsKilledAndCleanItsDirectoryOnNextStart() throws Exception {
        Process child = PostgresInKilledJvm.launch();
        String[] ready;
        try {
            BufferedReader out =
                    new BufferedReader(
                            new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
            String line;
            do {
                line = out.readLine();
            } while (line != null && !line.startsWith(PostgresInKilledJvm.READY));
            assertThat(line).as("child JVM output").isNotNull();
            ready = line.split(" ");
        } finally {
            // SIGKILL: no shutdown hook runs in the child.
            child.destroyForcibly();
            child.waitFor();
        }
        long postmasterPid = Long.parseLong(ready[1]);
        Path instanceDir = Path.of(ready[2]);

        await().atMost(Duration.ofSeconds(30))
                .until(() -> !InfraDirectories.isAlive(postmasterPid));
        assertThat(instanceDir).as("left behind by the killed JVM").exists();

        try (EmbeddedPostgres next = EmbeddedPostgres.builder().start()) {
            assertThat(next.isRunning()).isTrue();
            assertThat(instanceDir).doesNotExist();
        }
    }
}
