package dev.telemetry.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The REST client against a fake Flink REST API that answers like Flink 2.2 does. */
class FlinkRestClientTest {

    private final Map<String, String> received = new ConcurrentHashMap<>();
    private HttpServer server;
    private FlinkRestClient client;

    @TempDir Path dir;

    @BeforeEach
    void startFakeFlink() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext(
                "/jars/upload",
                exchange -> {
                    received.put(
                            "upload.contentType",
                            exchange.getRequestHeaders().getFirst("Content-Type"));
                    received.put("upload.body", body(exchange));
                    respond(
                            exchange,
                            200,
                            "{\"filename\":\"/tmp/flink-web/flink-web-upload/abc123_job.jar\","
                                    + "\"status\":\"success\"}");
                });
        server.createContext(
                "/jars/abc123_job.jar/run",
                exchange -> {
                    received.put("run.body", body(exchange));
                    respond(exchange, 200, "{\"jobid\":\"0123456789abcdef0123456789abcdef\"}");
                });
        server.createContext(
                "/jars/broken.jar/run",
                exchange ->
                        respond(
                                exchange,
                                500,
                                "{\"errors\":[\"org.apache.flink.runtime.rest.handler.RestHandlerException:"
                                        + " Could not execute application.\\n\\tat org.apache.flink.X.y(X.java:1)\\n"
                                        + "Caused by: java.util.concurrent.CompletionException: boom\\n"
                                        + "Caused by: java.lang.ClassNotFoundException: com.example.Missing\\n"
                                        + "\\t... 5 more\"]}"));
        server.createContext(
                "/jobs/j1",
                exchange -> {
                    if (exchange.getRequestMethod().equals("PATCH")) {
                        received.put("cancel.query", exchange.getRequestURI().getQuery());
                        respond(exchange, 202, "{}");
                    } else {
                        respond(
                                exchange,
                                200,
                                "{\"jid\":\"j1\",\"name\":\"job\",\"state\":\"RUNNING\",\"vertices\":["
                                        + "{\"name\":\"Source\",\"parallelism\":2,\"status\":\"RUNNING\","
                                        + "\"tasks\":{\"RUNNING\":2,\"SCHEDULED\":0}},"
                                        + "{\"name\":\"Sink\",\"parallelism\":2,\"status\":\"SCHEDULED\","
                                        + "\"tasks\":{\"RUNNING\":1,\"SCHEDULED\":1}}]}");
                    }
                });
        server.createContext(
                "/jobs/j1/checkpoints",
                exchange ->
                        respond(
                                exchange,
                                200,
                                "{\"counts\":{\"restored\":1,\"total\":7,\"in_progress\":0,"
                                        + "\"completed\":6,\"failed\":1},"
                                        + "\"latest\":{\"completed\":{\"id\":7,"
                                        + "\"external_path\":\"file:/cp/chk-7\"},"
                                        + "\"savepoint\":null,\"failed\":null,"
                                        + "\"restored\":{\"id\":5,\"is_savepoint\":false}}}"));
        server.createContext(
                "/overview",
                exchange ->
                        respond(
                                exchange,
                                200,
                                "{\"taskmanagers\":1,\"slots-total\":2,\"slots-available\":0,"
                                        + "\"jobs-running\":1,\"flink-version\":\"2.2.1\"}"));
        server.start();
        client =
                new FlinkRestClient(
                        URI.create("http://localhost:" + server.getAddress().getPort() + "/"));
    }

    @AfterEach
    void stopFakeFlink() {
        server.stop(0);
    }

    @Test
    void shouldUploadJarAsMultipartFieldJarfileAndRunWithProgramArgsList() throws IOException {
        Path jar = Files.write(dir.resolve("job.jar"), new byte[] {1, 2, 3});

        String jobId =
                client.submitJar(jar, JarRun.of("com.example.Job", List.of("--a", "b c"), 2));

        assertThat(jobId).isEqualTo("0123456789abcdef0123456789abcdef");
        assertThat(received.get("upload.contentType")).startsWith("multipart/form-data; boundary=");
        assertThat(received.get("upload.body"))
                .contains("Content-Disposition: form-data; name=\"jarfile\"; filename=\"job.jar\"");
        JsonNode run = new ObjectMapper().readTree(received.get("run.body"));
        assertThat(run.path("entryClass").asText()).isEqualTo("com.example.Job");
        assertThat(run.path("programArgsList").toString()).isEqualTo("[\"--a\",\"b c\"]");
        assertThat(run.path("parallelism").asInt()).isEqualTo(2);
        assertThat(run.has("savepointPath")).isFalse();
    }

    @Test
    void shouldSummariseFlinkErrorsToFirstLineAndRootCause() {
        assertThatThrownBy(() -> client.runJar("broken.jar", JarRun.of(null, List.of(), 1)))
                .isInstanceOf(FlinkRestException.class)
                .hasMessage(
                        "Flink REST call POST /jars/broken.jar/run failed (500):"
                                + " org.apache.flink.runtime.rest.handler.RestHandlerException:"
                                + " Could not execute application. (root cause:"
                                + " java.lang.ClassNotFoundException: com.example.Missing)")
                .extracting(e -> ((FlinkRestException) e).statusCode())
                .isEqualTo(500);
    }

    @Test
    void shouldReadTaskStatesPerVertex() {
        JobStatus status = client.jobStatus("j1");

        assertThat(status.state()).isEqualTo("RUNNING");
        assertThat(status.vertices())
                .extracting(JobStatus.Vertex::allTasksRunning)
                .containsExactly(true, false);
        assertThat(status.allTasksRunning()).isFalse();
        assertThat(status.describe())
                .isEqualTo("RUNNING [Source: RUNNING=2; Sink: RUNNING=1 SCHEDULED=1]");
    }

    @Test
    void shouldReadCheckpointCountsAndLatestCheckpoints() {
        CheckpointStats stats = client.checkpointStats("j1");

        assertThat(stats.completed()).isEqualTo(6);
        assertThat(stats.failed()).isEqualTo(1);
        assertThat(stats.restored()).isEqualTo(1);
        assertThat(stats.latestCompletedId()).hasValue(7);
        assertThat(stats.latestCompletedPath()).hasValue("file:/cp/chk-7");
        assertThat(stats.latestRestoredId()).hasValue(5);
    }

    @Test
    void shouldReadOverviewAndCancelWithPatch() {
        assertThat(client.overview()).isEqualTo(new ClusterOverview(1, 2, 0, 1, "2.2.1"));

        client.cancel("j1");

        assertThat(received.get("cancel.query")).isEqualTo("mode=cancel");
    }

    @Test
    void shouldReportUnreachableClusterInOneLine() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        FlinkRestClient unreachable = FlinkRestClient.forUrl("http://localhost:" + closedPort);

        assertThatThrownBy(unreachable::overview)
                .isInstanceOf(FlinkRestException.class)
                .hasMessage("Cannot reach the Flink REST API at http://localhost:" + closedPort)
                .extracting(e -> ((FlinkRestException) e).statusCode())
                .isEqualTo(-1);
    }

    @Test
    void shouldRejectMissingJarAndBadUrlBeforeCallingFlink() {
        assertThatThrownBy(() -> client.uploadJar(dir.resolve("missing.jar")))
                .isInstanceOf(FlinkRestException.class)
                .hasMessageStartingWith("Job jar not found: ");
        assertThatThrownBy(() -> FlinkRestClient.forUrl("localhost:8081"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("expected http://host:port");
        assertThat(received).isEmpty();
    }

    private static String body(HttpExchange exchange) throws IOException {
        return new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.ISO_8859_1);
    }

    private static void respond(HttpExchange exchange, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }
}
