package dev.telemetry.local.grafana;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The repository's {@code grafana/} directory as Grafana would load it: provisioned data sources,
 * dashboard providers, alert rule files and dashboard JSON files, parsed.
 */
public final class GrafanaProvisioning {

    /** Data source uids Grafana provides itself. */
    public static final List<String> BUILT_IN_DATASOURCE_UIDS =
            List.of("-- Grafana --", "-- Dashboard --", "-- Mixed --", "__expr__");

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final YAMLMapper YAML = new YAMLMapper();

    private final Path root;
    private final Map<Path, JsonNode> dashboards;
    private final Map<Path, JsonNode> datasourceFiles;
    private final Map<Path, JsonNode> dashboardProviderFiles;
    private final Map<Path, JsonNode> alertingFiles;

    private GrafanaProvisioning(Path root) {
        this.root = root;
        this.dashboards = parseAll(root.resolve("dashboards"), JSON, ".json");
        this.datasourceFiles = parseAll(root.resolve("provisioning/datasources"), YAML, ".yaml");
        this.dashboardProviderFiles =
                parseAll(root.resolve("provisioning/dashboards"), YAML, ".yaml");
        this.alertingFiles = parseAll(root.resolve("provisioning/alerting"), YAML, ".yaml");
    }

    /** Loads the {@code grafana/} directory of the repository this test runs in. */
    public static GrafanaProvisioning ofRepository() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isDirectory(dir.resolve("grafana/provisioning"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException(
                    "no grafana/provisioning above " + Path.of("").toAbsolutePath());
        }
        return new GrafanaProvisioning(dir.resolve("grafana"));
    }

    /**
     * Parses every file with one of Grafana's extensions; a file that is not valid JSON or YAML
     * fails here.
     */
    private static Map<Path, JsonNode> parseAll(Path dir, ObjectMapper mapper, String extension) {
        Map<Path, JsonNode> parsed = new LinkedHashMap<>();
        if (!Files.isDirectory(dir)) {
            return parsed;
        }
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.sorted().toList()) {
                String name = file.getFileName().toString();
                boolean yaml = extension.equals(".yaml") && name.endsWith(".yml");
                if (name.endsWith(extension) || yaml) {
                    parsed.put(file, mapper.readTree(file.toFile()));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot parse a file in " + dir, e);
        }
        return parsed;
    }

    public Path root() {
        return root;
    }

    /** Every file under {@code grafana/}, relative to the repository root. */
    public List<Path> allFiles() {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile)
                    .map(file -> root.getParent().relativize(file))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Map<Path, JsonNode> dashboards() {
        return dashboards;
    }

    public Map<Path, JsonNode> datasourceFiles() {
        return datasourceFiles;
    }

    public Map<Path, JsonNode> dashboardProviderFiles() {
        return dashboardProviderFiles;
    }

    public Map<Path, JsonNode> alertingFiles() {
        return alertingFiles;
    }

    /** The provisioned data sources by uid. */
    public Map<String, JsonNode> datasources() {
        Map<String, JsonNode> byUid = new LinkedHashMap<>();
        for (JsonNode file : datasourceFiles.values()) {
            for (JsonNode datasource : file.path("datasources")) {
                byUid.put(datasource.path("uid").asText(), datasource);
            }
        }
        return byUid;
    }

    /** The dashboard with {@code uid}. */
    public JsonNode dashboard(String uid) {
        return dashboards.values().stream()
                .filter(d -> d.path("uid").asText().equals(uid))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no dashboard " + uid));
    }

    /** Every alert rule of every rule group of every alerting file. */
    public List<AlertRule> alertRules() {
        List<AlertRule> rules = new ArrayList<>();
        alertingFiles.forEach(
                (file, content) -> {
                    for (JsonNode group : content.path("groups")) {
                        for (JsonNode rule : group.path("rules")) {
                            rules.add(new AlertRule(file, group, rule));
                        }
                    }
                });
        return rules;
    }

    /** One provisioned alert rule with the group it belongs to. */
    public record AlertRule(Path file, JsonNode group, JsonNode rule) {

        public String title() {
            return rule.path("title").asText();
        }

        @Override
        public String toString() {
            return file.getFileName() + ": " + title();
        }
    }

    /** All panels of a dashboard, those nested in collapsed rows included. */
    public static List<JsonNode> panels(JsonNode dashboard) {
        List<JsonNode> panels = new ArrayList<>();
        for (JsonNode panel : dashboard.path("panels")) {
            panels.add(panel);
            for (JsonNode nested : panel.path("panels")) {
                panels.add(nested);
            }
        }
        return panels;
    }
}
