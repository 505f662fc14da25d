package dev.telemetry.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.telemetry.cluster.JobStatus;
import dev.telemetry.cluster.StandaloneCluster;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The REST calls these tests need beyond {@link dev.telemetry.cluster.FlinkRestClient}: stop a job
 * with a draining savepoint (so that its windows flush as at the end of a bounded input), read its
 * restart count and exception history, and wait for its end.
 */
final class JobControl {

    private static final Duration POLL = Duration.ofMillis(250);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

    private final StandaloneCluster cluster;
    private final URI baseUri;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ObjectMapper json = new ObjectMapper();

    JobControl(StandaloneCluster cluster) {
        this.cluster = cluster;
        this.baseUri = cluster.restUrl();
    }

    /**
     * {@code POST /jobs/<id>/stop} with {@code drain: true}: the sources emit the maximum
     * watermark, so every window and timer fires and the sinks flush, as at the end of a bounded
     * input; then a savepoint is taken and the job finishes. Returns the final job status.
     */
    JobStatus stopWithDrain(String jobId, Path savepointDir, Duration timeout) throws Exception {
        ObjectNode body = json.createObjectNode();
        body.put("drain", true);
        body.put("targetDirectory", savepointDir.toUri().toString());
        String trigger =
                send(request("/jobs/" + jobId + "/stop")
                                .header("Content-Type", "application/json")
                                .POST(BodyPublishers.ofString(body.toString()))
                                .build())
                        .path("request-id")
                        .asText();
        long deadline = System.nanoTime() + timeout.toNanos();
        JsonNode status =
                await("stop with drain of job " + jobId + " (savepoint trigger " + trigger + ")")
                        .atMost(timeout)
                        .pollInterval(POLL)
                        .pollDelay(Duration.ZERO)
                        .until(
                                () -> send(get("/jobs/" + jobId + "/savepoints/" + trigger)),
                                s -> "COMPLETED".equals(s.path("status").path("id").asText()));
        JsonNode cause = status.path("operation").path("failure-cause");
        if (!cause.isMissingNode() && !cause.isNull()) {
            throw new IllegalStateException(
                    "Stop with drain of job "
                            + jobId
                            + " failed: "
                            + cause.path("class").asText()
                            + ": "
                            + firstLine(cause.path("stack-trace").asText()));
        }
        // What is left of the timeout, but at least one look at the job's status.
        return awaitTerminal(
                jobId, Duration.ofNanos(Math.max(POLL.toNanos(), deadline - System.nanoTime())));
    }

    /** Waits until the job is FINISHED, CANCELED or FAILED; returns that status. */
    JobStatus awaitTerminal(String jobId, Duration timeout) {
        AtomicReference<JobStatus> last = new AtomicReference<>();
        await("job " + jobId + " ends (FINISHED, CANCELED or FAILED)")
                .atMost(timeout)
                .pollInterval(POLL)
                .pollDelay(Duration.ZERO)
                .untilAsserted(
                        () -> {
                            JobStatus status = cluster.jobStatus(jobId);
                            last.set(status);
                            assertThat(status.isGloballyTerminal())
                                    .as("job status %s", status.describe())
                                    .isTrue();
                        });
        return last.get();
    }

    /** The job's {@code numRestarts} metric (refreshed by the JobManager every second here). */
    long numRestarts(String jobId) throws Exception {
        for (JsonNode metric : send(get("/jobs/" + jobId + "/metrics?get=numRestarts"))) {
            if ("numRestarts".equals(metric.path("id").asText())) {
                return metric.path("value").asLong();
            }
        }
        return 0;
    }

    /** The ids of the TaskManagers registered at the JobManager ({@code /taskmanagers}). */
    Set<String> taskManagerIds() throws Exception {
        Set<String> ids = new HashSet<>();
        for (JsonNode taskManager : send(get("/taskmanagers")).path("taskmanagers")) {
            ids.add(taskManager.path("id").asText());
        }
        return ids;
    }

    /**
     * Every entry of the job's exception history ({@code /jobs/<id>/exceptions}), one line each.
     */
    List<String> exceptions(String jobId) throws Exception {
        List<String> entries = new ArrayList<>();
        for (JsonNode entry :
                send(get("/jobs/" + jobId + "/exceptions"))
                        .path("exceptionHistory")
                        .path("entries")) {
            entries.add(
                    entry.path("exceptionName").asText()
                            + ": "
                            + firstLine(entry.path("stacktrace").asText()));
        }
        return entries;
    }

    private HttpRequest get(String path) {
        return request(path).GET().build();
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(baseUri + path))
                .timeout(REQUEST_TIMEOUT)
                .header("Accept", "application/json");
    }

    private JsonNode send(HttpRequest request) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(request, BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException(
                    request.method()
                            + " "
                            + request.uri().getPath()
                            + " answered "
                            + response.statusCode()
                            + ": "
                            + firstLine(response.body()));
        }
        return json.readTree(response.body());
    }

    private static String firstLine(String text) {
        if (text == null) {
            return "";
        }
        int newline = text.indexOf('\n');
        String line = newline < 0 ? text : text.substring(0, newline);
        return line.length() <= 300 ? line : line.substring(0, 300) + "…";
    }
}
