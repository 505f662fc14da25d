package dev.telemetry.job.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.apache.flink.configuration.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JobConfigTest {

    @Test
    void shouldUseDocumentedDefaults() {
        JobConfig config = JobConfig.of(Map.of());

        assertThat(config.topic()).isEqualTo("telemetry");
        assertThat(config.deadLetterTopic()).isEqualTo("telemetry-dlq");
        assertThat(config.windowSize()).isEqualTo(Duration.ofMinutes(1));
        assertThat(config.outOfOrderness()).isEqualTo(Duration.ofSeconds(5));
        assertThat(config.idleness()).isEqualTo(Duration.ofSeconds(30));
        assertThat(config.allowedLateness()).isZero();
        assertThat(config.maxRecordBytes()).isEqualTo(64 * 1024);
        assertThat(config.deadLetterPayloadBytes()).isEqualTo(4 * 1024);
        assertThat(config.jdbcBatchSize()).isEqualTo(1000);
        assertThat(config.jdbcBatchInterval()).isEqualTo(Duration.ofMillis(200));
        assertThat(config.parallelism()).isEmpty();
        assertThat(config.bounded()).isFalse();
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "window.size|0 s|window.size must be positive",
                "window.size|soon|invalid value 'soon' for window.size: expected a duration",
                "ingest.max-record-bytes|12|ingest.max-record-bytes must be between",
                "ingest.max-record-bytes|lots|invalid value 'lots' for ingest.max-record-bytes: expected an integer",
                "kafka.bootstrap-servers|kafka|kafka.bootstrap-servers expected host:port",
                "kafka.dead-letter-topic|telemetry|kafka.dead-letter-topic must differ",
                "kafka.starting-offsets|middle|invalid value 'middle' for kafka.starting-offsets: expected one of",
                "jdbc.url|mysql://x|jdbc.url must be a PostgreSQL JDBC URL",
                "watermark.out-of-orderness|-1 s|invalid value '-1 s' for watermark.out-of-orderness",
                "dedup.idle-timeout|3 s|dedup.idle-timeout must exceed",
                "job.parallelism|0|job.parallelism must be at least 1",
                "kpi.energy.expected-reading-interval|2 min|kpi.energy.expected-reading-interval must not exceed"
            })
    void shouldRejectMistakesWithOneLineMessage(String key, String value, String message) {
        assertThatThrownBy(() -> JobConfig.of(Map.of(key, value)))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessageStartingWith(message)
                .hasNoCause()
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    @Test
    void shouldReadPasswordFromEnvironmentWithoutShowingIt() {
        JobConfig config =
                JobConfig.from(
                        Configuration.fromMap(Map.of("jdbc.password-env", "MY_PW")),
                        Map.of("MY_PW", "s3cret"));

        assertThat(config.database().password().reveal()).isEqualTo("s3cret");
        assertThat(config.toString()).doesNotContain("s3cret");
        assertThat(config.database().toString()).doesNotContain("s3cret");
    }

    @Test
    void shouldPreferPasswordFile(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("pw"), "from-file\n");

        JobConfig config =
                JobConfig.from(
                        Configuration.fromMap(Map.of("jdbc.password-file", file.toString())),
                        Map.of("TELEMETRY_JDBC_PASSWORD", "from-env"));

        assertThat(config.database().password().reveal()).isEqualTo("from-file");
    }

    @Test
    void shouldReportUnreadablePasswordFileWithoutContents(@TempDir Path dir) {
        assertThatThrownBy(
                        () ->
                                JobConfig.of(
                                        Map.of(
                                                "jdbc.password-file",
                                                dir.resolve("missing").toString())))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessageStartingWith("jdbc.password-file cannot be read");
    }
}
