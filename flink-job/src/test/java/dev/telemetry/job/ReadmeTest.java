package dev.telemetry.job;

import static org.assertj.core.api.Assertions.assertThat;

import dev.telemetry.job.config.JobOptions;
import dev.telemetry.job.testing.TableSnapshot;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Keeps flink-job/README.md in step with the options, operators and tables. */
class ReadmeTest {

    private static String readme() throws Exception {
        return Files.readString(Path.of("README.md"));
    }

    @Test
    void shouldDocumentEveryOption() throws Exception {
        String readme = readme();
        for (var option : JobOptions.ALL) {
            assertThat(readme).contains("`" + option.key() + "`");
        }
        JobOptions.ALIASES
                .keySet()
                .forEach(alias -> assertThat(readme).contains("`" + alias + "`"));
    }

    @Test
    void shouldShowEveryOperatorInTheTopology() throws Exception {
        String readme = readme();
        for (OperatorIds id : TelemetryPipelineTest.INGEST_AND_KPIS) {
            assertThat(readme).contains(id.uid());
        }
    }

    @Test
    void shouldDescribeEveryTable() throws Exception {
        String readme = readme();
        for (String table : TableSnapshot.TABLES) {
            assertThat(readme).contains("`" + table + "`");
        }
    }
}
