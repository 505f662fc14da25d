package dev.telemetry.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command line fails in one line, without stack traces, on bad input and unreachable clusters.
 */
class ClusterCliTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @TempDir Path dir;

    @Test
    void shouldRejectUnknownOptionInOneLine() {
        int exit = run("deploy", "--jar", "x.jar", "--no-such-option");

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString().strip())
                .isEqualTo(
                        "error: Unknown option: '--no-such-option' (see 'flink-cluster deploy --help')");
    }

    @Test
    void shouldRejectMissingJarBeforeStartingAnything() {
        int exit = run("deploy", "--jar", dir.resolve("missing.jar").toString());

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).startsWith("error: Job jar not found: ").hasLineCount(1);
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void shouldReportUnreachableRestApiInOneLine() throws IOException {
        Path jar = Files.write(dir.resolve("job.jar"), new byte[] {1});
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }

        int exit =
                run(
                        "submit",
                        "--rest-url",
                        "http://localhost:" + closedPort,
                        "--jar",
                        jar.toString(),
                        "--",
                        "--job-arg",
                        "1");

        assertThat(exit).isEqualTo(1);
        assertThat(err.toString())
                .isEqualTo(
                        "error: Cannot reach the Flink REST API at http://localhost:"
                                + closedPort
                                + System.lineSeparator());
    }

    @Test
    void shouldRejectMalformedRestUrlAsUsageError() throws IOException {
        Path jar = Files.write(dir.resolve("job.jar"), new byte[] {1});

        int exit = run("submit", "--rest-url", "localhost:8081", "--jar", jar.toString());

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).contains("expected http://host:port").hasLineCount(1);
    }

    @Test
    void shouldRejectBadDurationInOneLine() {
        int exit = run("start", "--duration", "soon");

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).contains("'soon' is not a duration").hasLineCount(1);
    }

    @Test
    void shouldAskForACommand() {
        assertThat(run()).isEqualTo(2);
        assertThat(err.toString()).startsWith("error: Missing command: start, deploy or submit");
    }

    @Test
    void shouldParseShortAndIsoDurations() {
        ClusterCli.DurationConverter converter = new ClusterCli.DurationConverter();

        assertThat(converter.convert("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(converter.convert("90s")).isEqualTo(Duration.ofSeconds(90));
        assertThat(converter.convert("10m")).isEqualTo(Duration.ofMinutes(10));
        assertThat(converter.convert("1h")).isEqualTo(Duration.ofHours(1));
        assertThat(converter.convert("PT2M")).isEqualTo(Duration.ofMinutes(2));
    }

    private int run(String... args) {
        return ClusterCli.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
    }
}
