package dev.telemetry.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;

/**
 * A small client for the Flink REST API of any session cluster: upload and run job jars, read
 * cluster, job and checkpoint state, cancel jobs.
 *
 * <p>Every failure is a {@link FlinkRestException} with a one-line message; Flink's server-side
 * stack traces are reduced to their first line and root cause.
 */
public final class FlinkRestClient {

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);
    // Running a jar executes the job's main() on the JobManager, which may take a while.
    private static final Duration SUBMIT_TIMEOUT = Duration.ofMinutes(3);

    // Flink wraps server-side stack traces in these markers.
    private static final String SERVER_SIDE_START = "<Exception on server side:";
    private static final String SERVER_SIDE_END = "End of exception on server side>";

    private final URI baseUri;
    private final HttpClient http;
    private final ObjectMapper json = new ObjectMapper();

    /** A client for the REST API at {@code baseUri}, e.g. {@code http://localhost:8081}. */
    public FlinkRestClient(URI baseUri) {
        this.baseUri = validate(baseUri);
        this.http = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).build();
    }

    /**
     * Parses {@code url} and returns a client for it; rejects anything but http(s)://host[:port].
     */
    public static FlinkRestClient forUrl(String url) {
        try {
            return new FlinkRestClient(new URI(url.strip()));
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("Invalid REST URL '" + url + "': " + e.getReason());
        }
    }

    private static URI validate(URI uri) {
        String scheme = uri.getScheme();
        if (scheme == null
                || !(scheme.equals("http") || scheme.equals("https"))
                || uri.getHost() == null) {
            throw new IllegalArgumentException(
                    "Invalid REST URL '" + uri + "': expected http://host:port");
        }
        String text = uri.toString();
        return URI.create(text.endsWith("/") ? text.substring(0, text.length() - 1) : text);
    }

    public URI baseUri() {
        return baseUri;
    }

    /** The web UI page of a job. */
    public URI jobUiUri(String jobId) {
        return URI.create(baseUri + "/#/job/running/" + jobId + "/overview");
    }

    /** REST {@code GET /overview}. */
    public ClusterOverview overview() {
        JsonNode body = send(get("/overview"));
        return new ClusterOverview(
                body.path("taskmanagers").asInt(),
                body.path("slots-total").asInt(),
                body.path("slots-available").asInt(),
                body.path("jobs-running").asInt(),
                body.path("flink-version").asText(""));
    }

    /** REST {@code GET /jobmanager/config}: the JobManager's effective configuration. */
    public Map<String, String> jobManagerConfig() {
        Map<String, String> config = new LinkedHashMap<>();
        for (JsonNode entry : send(get("/jobmanager/config"))) {
            config.put(entry.path("key").asText(), entry.path("value").asText());
        }
        return config;
    }

    /** Uploads a job jar and runs it; returns the job id. */
    public String submitJar(Path jar, JarRun run) {
        return runJar(uploadJar(jar), run);
    }

    /** REST {@code POST /jars/upload}; returns the jar id to run it with. */
    public String uploadJar(Path jar) {
        requireJar(jar);
        String boundary = "----flink-cluster-" + UUID.randomUUID();
        String fileName = jar.getFileName().toString().replace("\"", "");
        String head =
                "--"
                        + boundary
                        + "\r\n"
                        + "Content-Disposition: form-data; name=\"jarfile\"; filename=\""
                        + fileName
                        + "\"\r\n"
                        + "Content-Type: application/x-java-archive\r\n\r\n";
        String tail = "\r\n--" + boundary + "--\r\n";
        BodyPublisher body;
        try {
            body =
                    BodyPublishers.concat(
                            BodyPublishers.ofString(head, StandardCharsets.UTF_8),
                            BodyPublishers.ofFile(jar),
                            BodyPublishers.ofString(tail, StandardCharsets.UTF_8));
        } catch (FileNotFoundException e) {
            throw new FlinkRestException("Job jar not found: " + jar, e);
        }
        HttpRequest request =
                request("/jars/upload", SUBMIT_TIMEOUT)
                        .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                        .POST(body)
                        .build();
        String uploaded = send(request).path("filename").asText("");
        if (uploaded.isEmpty()) {
            throw new FlinkRestException(
                    200, "Flink accepted the jar upload but returned no jar id");
        }
        // Flink answers with the stored file's path; its last segment is the jar id.
        return Path.of(uploaded).getFileName().toString();
    }

    /** REST {@code POST /jars/<jarId>/run}; returns the job id. */
    public String runJar(String jarId, JarRun run) {
        ObjectNode body = json.createObjectNode();
        run.entryClass().ifPresent(entryClass -> body.put("entryClass", entryClass));
        body.putPOJO("programArgsList", run.programArgs());
        run.parallelism().ifPresent(parallelism -> body.put("parallelism", parallelism));
        run.savepointPath().ifPresent(path -> body.put("savepointPath", path));
        HttpRequest request =
                request("/jars/" + jarId + "/run", SUBMIT_TIMEOUT)
                        .header("Content-Type", "application/json")
                        .POST(BodyPublishers.ofString(body.toString()))
                        .build();
        String jobId = send(request).path("jobid").asText("");
        if (jobId.isEmpty()) {
            throw new FlinkRestException(200, "Flink ran the jar but returned no job id");
        }
        return jobId;
    }

    /** REST {@code GET /jobs/<jobId>}: the job state and every vertex's task states. */
    public JobStatus jobStatus(String jobId) {
        JsonNode body = send(get("/jobs/" + jobId));
        List<JobStatus.Vertex> vertices = new ArrayList<>();
        for (JsonNode vertex : body.path("vertices")) {
            Map<String, Integer> tasks = new LinkedHashMap<>();
            vertex.path("tasks")
                    .properties()
                    .forEach(e -> tasks.put(e.getKey(), e.getValue().asInt()));
            vertices.add(
                    new JobStatus.Vertex(
                            vertex.path("name").asText(),
                            vertex.path("parallelism").asInt(),
                            vertex.path("status").asText(),
                            tasks));
        }
        return new JobStatus(
                body.path("jid").asText(jobId),
                body.path("name").asText(""),
                body.path("state").asText(),
                vertices);
    }

    /** REST {@code GET /jobs/<jobId>/checkpoints}: checkpoint counts, latest completed/restored. */
    public CheckpointStats checkpointStats(String jobId) {
        JsonNode body = send(get("/jobs/" + jobId + "/checkpoints"));
        JsonNode counts = body.path("counts");
        JsonNode completed = body.path("latest").path("completed");
        JsonNode restored = body.path("latest").path("restored");
        return new CheckpointStats(
                counts.path("completed").asLong(),
                counts.path("failed").asLong(),
                counts.path("in_progress").asLong(),
                counts.path("restored").asLong(),
                optionalLong(completed.path("id")),
                completed.path("external_path").isTextual()
                        ? Optional.of(completed.path("external_path").asText())
                        : Optional.empty(),
                optionalLong(restored.path("id")));
    }

    /**
     * The latest failure in the job's exception history (REST {@code /jobs/<jobId>/exceptions}), as
     * one line.
     */
    public Optional<String> latestFailure(String jobId) {
        JsonNode entries = send(get("/jobs/" + jobId + "/exceptions")).path("exceptionHistory");
        JsonNode latest = entries.path("entries").path(0);
        if (latest.isMissingNode()) {
            return Optional.empty();
        }
        String trace = latest.path("stacktrace").asText("");
        return Optional.of(
                trace.isBlank() ? latest.path("exceptionName").asText() : summarize(trace));
    }

    /** REST {@code PATCH /jobs/<jobId>?mode=cancel}: asks Flink to cancel; does not wait. */
    public void cancel(String jobId) {
        send(
                request("/jobs/" + jobId + "?mode=cancel", REQUEST_TIMEOUT)
                        .method("PATCH", BodyPublishers.noBody())
                        .build());
    }

    private HttpRequest get(String path) {
        return request(path, REQUEST_TIMEOUT).GET().build();
    }

    private HttpRequest.Builder request(String path, Duration timeout) {
        return HttpRequest.newBuilder(URI.create(baseUri + path))
                .timeout(timeout)
                .header("Accept", "application/json");
    }

    private JsonNode send(HttpRequest request) {
        String what = request.method() + " " + request.uri().getPath();
        HttpResponse<String> response;
        try {
            response = http.send(request, BodyHandlers.ofString());
        } catch (ConnectException | HttpConnectTimeoutException e) {
            throw new FlinkRestException("Cannot reach the Flink REST API at " + baseUri, e);
        } catch (HttpTimeoutException e) {
            throw new FlinkRestException(
                    "Flink REST API at " + baseUri + " did not answer " + what + " in time", e);
        } catch (IOException e) {
            throw new FlinkRestException(
                    "Flink REST call " + what + " at " + baseUri + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FlinkRestException("Interrupted during Flink REST call " + what, e);
        }
        JsonNode body = parse(response.body());
        if (response.statusCode() >= 300) {
            throw new FlinkRestException(
                    response.statusCode(),
                    "Flink REST call "
                            + what
                            + " failed ("
                            + response.statusCode()
                            + "): "
                            + errorMessage(body, response.body()));
        }
        return body;
    }

    private JsonNode parse(String body) {
        if (body == null || body.isBlank()) {
            return json.createObjectNode();
        }
        try {
            return json.readTree(body);
        } catch (IOException e) {
            return json.createObjectNode();
        }
    }

    private static String errorMessage(JsonNode body, String raw) {
        JsonNode errors = body.path("errors");
        if (errors.isArray() && !errors.isEmpty()) {
            List<String> summaries = new ArrayList<>();
            errors.forEach(e -> summaries.add(summarize(e.asText())));
            return String.join(" / ", summaries);
        }
        return raw == null || raw.isBlank() ? "no details" : summarize(raw);
    }

    /**
     * Reduces a server-side stack trace to its first line plus the innermost "Caused by" line,
     * which is usually the actionable part (a missing class, a bad argument).
     */
    static String summarize(String trace) {
        String[] lines =
                trace.strip()
                        .replace(SERVER_SIDE_START, "")
                        .replace(SERVER_SIDE_END, "")
                        .strip()
                        .split("\\R");
        String first = lines[0].strip();
        String rootCause = null;
        for (String line : lines) {
            String stripped = line.strip();
            if (stripped.startsWith("Caused by: ")) {
                rootCause = stripped.substring("Caused by: ".length());
            }
        }
        return rootCause == null || rootCause.equals(first)
                ? first
                : first + " (root cause: " + rootCause + ")";
    }

    private static OptionalLong optionalLong(JsonNode node) {
        return node.isNumber() ? OptionalLong.of(node.asLong()) : OptionalLong.empty();
    }

    private static void requireJar(Path jar) {
        if (!Files.isRegularFile(jar)) {
            throw new FlinkRestException(-1, "Job jar not found: " + jar);
        }
        if (!jar.getFileName().toString().endsWith(".jar")) {
            // Flink's upload handler rejects anything else.
            throw new FlinkRestException(-1, "Job jar must be a .jar file: " + jar);
        }
    }
}
