package dev.telemetry.local.grafana;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.telemetry.model.Family;
import dev.telemetry.model.MetricDefinition;
import dev.telemetry.model.Metrics;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

/**
 * Checks the dashboards and alert rules as Grafana's provisioning would load them, without a
 * Grafana server: files parse, identifiers are unique, every reference resolves.
 */
class ProvisioningFilesTest {

    private static final GrafanaProvisioning GRAFANA = GrafanaProvisioning.ofRepository();

    /** Where docker-compose.yml and the Kubernetes Deployment mount grafana/dashboards. */
    private static final String DASHBOARDS_MOUNT = "/etc/grafana/telemetry/dashboards";

    /** Variables Grafana defines itself; macros ({@code $__name(}) are not variables. */
    private static final Set<String> BUILT_IN_VARIABLES =
            Set.of(
                    "__interval",
                    "__interval_ms",
                    "__from",
                    "__to",
                    "__range",
                    "__range_s",
                    "__range_ms",
                    "__dashboard",
                    "__org",
                    "__user");

    private static final Pattern VARIABLE_REFERENCE =
            Pattern.compile(
                    "\\$(\\w+)(\\()?|\\[\\[(\\w+?)(?::\\w+)?]]|\\$\\{(\\w+)(?:\\.[^:^}]+)?(?::[^}]+)?}");

    /** A column compared with a literal; a literal holding a {@code $variable} is not one. */
    private static final Pattern METRIC_LITERAL =
            Pattern.compile("\\bmetric\\s*(?:=|<>|!=)\\s*'([^'$]*)'");

    private static final Pattern FAMILY_LITERAL =
            Pattern.compile("\\bfamily\\s*(?:=|<>|!=)\\s*'([^'$]*)'");

    private static final Set<String> REDUCERS =
            Set.of("sum", "mean", "min", "max", "count", "last", "median");
    private static final Map<String, Integer> THRESHOLD_ARGUMENTS =
            Map.of(
                    "gt", 1,
                    "lt", 1,
                    "eq", 1,
                    "ne", 1,
                    "gte", 1,
                    "lte", 1,
                    "within_range", 2,
                    "outside_range", 2,
                    "within_range_included", 2,
                    "outside_range_included", 2);
    private static final Set<String> NO_DATA_STATES =
            Set.of("NoData", "Alerting", "OK", "KeepLast");
    private static final Set<String> ERROR_STATES = Set.of("Error", "Alerting", "OK", "KeepLast");
    private static final Pattern PROMETHEUS_DURATION =
            Pattern.compile(
                    "^((\\d+)y)?((\\d+)w)?((\\d+)d)?((\\d+)h)?((\\d+)m)?((\\d+)s)?((\\d+)ms)?$");
    private static final Pattern UID = Pattern.compile("^[a-zA-Z0-9\\-_]{1,40}$");

    // ------------------------------------------------------------------ files

    @Test
    void shouldFindDashboardsAProviderAndAlertRules() {
        assertThat(GRAFANA.dashboards()).hasSizeGreaterThanOrEqualTo(5);
        assertThat(GRAFANA.dashboardProviderFiles()).isNotEmpty();
        assertThat(GRAFANA.alertingFiles()).isNotEmpty();
        assertThat(GRAFANA.datasources()).containsKey("telemetry-pg");
    }

    @Test
    void shouldProvisionDashboardsFromTheDirectoryTheDeploymentsMount() {
        for (JsonNode file : GRAFANA.dashboardProviderFiles().values()) {
            assertThat(file.path("apiVersion").asInt()).isEqualTo(1);
            assertThat(file.path("providers")).isNotEmpty();
            for (JsonNode provider : file.path("providers")) {
                assertThat(provider.path("name").asText()).isNotBlank();
                assertThat(provider.path("type").asText()).isEqualTo("file");
                assertThat(provider.path("options").path("path").asText())
                        .isEqualTo(DASHBOARDS_MOUNT);
            }
        }
    }

    // ------------------------------------------------------------------ dashboards

    @Test
    void shouldGiveEveryDashboardAUniqueUidAndTitle() {
        List<String> uids = new ArrayList<>();
        List<String> titles = new ArrayList<>();
        GRAFANA.dashboards()
                .forEach(
                        (file, dashboard) -> {
                            assertThat(dashboard.path("uid").asText())
                                    .as("uid of %s", file)
                                    .matches(UID);
                            assertThat(dashboard.path("title").asText())
                                    .as("title of %s", file)
                                    .isNotBlank();
                            assertThat(dashboard.path("schemaVersion").asInt())
                                    .as("schemaVersion of %s", file)
                                    .isPositive();
                            assertThat(dashboard.has("id") && !dashboard.get("id").isNull())
                                    .as("%s must not carry a database id", file)
                                    .isFalse();
                            uids.add(dashboard.path("uid").asText());
                            titles.add(dashboard.path("title").asText());
                        });
        assertThat(uids).doesNotHaveDuplicates();
        assertThat(titles).doesNotHaveDuplicates();
    }

    @Test
    void shouldGivePanelsUniqueIdsTitlesAndPositionsInEachDashboard() {
        eachDashboard(
                (file, dashboard) -> {
                    List<Integer> ids = new ArrayList<>();
                    for (JsonNode panel : GrafanaProvisioning.panels(dashboard)) {
                        String where = file.getFileName() + " panel " + panel.path("id");
                        assertThat(panel.path("id").isInt()).as("%s has an id", where).isTrue();
                        ids.add(panel.path("id").asInt());
                        assertThat(panel.path("title").asText()).as("%s title", where).isNotBlank();
                        assertThat(panel.path("type").asText()).as("%s type", where).isNotBlank();
                        JsonNode grid = panel.path("gridPos");
                        assertThat(grid.path("w").asInt()).as("%s width", where).isBetween(1, 24);
                        assertThat(grid.path("h").asInt()).as("%s height", where).isPositive();
                        assertThat(grid.path("x").asInt() + grid.path("w").asInt())
                                .as("%s fits the 24 columns", where)
                                .isLessThanOrEqualTo(24);
                    }
                    assertThat(ids).as("panel ids of %s", file).doesNotHaveDuplicates();
                });
    }

    @Test
    void shouldReferenceOnlyProvisionedDatasourcesByUidAndType() {
        Map<String, JsonNode> provisioned = GRAFANA.datasources();
        eachDashboard(
                (file, dashboard) ->
                        forEachField(
                                dashboard,
                                "datasource",
                                reference -> {
                                    assertThat(reference.isObject())
                                            .as("%s: datasource %s by name", file, reference)
                                            .isTrue();
                                    String uid = reference.path("uid").asText();
                                    if (GrafanaProvisioning.BUILT_IN_DATASOURCE_UIDS.contains(
                                            uid)) {
                                        return;
                                    }
                                    assertThat(provisioned)
                                            .as("%s: datasource uid %s", file, uid)
                                            .containsKey(uid);
                                    assertThat(reference.path("type").asText())
                                            .as("%s: type of datasource %s", file, uid)
                                            .isEqualTo(provisioned.get(uid).path("type").asText());
                                }));
    }

    @Test
    void shouldRunOnlyRawSqlTargetsWithAKnownFormatAndUniqueRefIds() {
        eachDashboard(
                (file, dashboard) -> {
                    for (JsonNode panel : GrafanaProvisioning.panels(dashboard)) {
                        String where = file.getFileName() + " › " + panel.path("title").asText();
                        List<String> refIds = new ArrayList<>();
                        for (JsonNode target : panel.path("targets")) {
                            refIds.add(target.path("refId").asText());
                            assertThat(target.path("refId").asText())
                                    .as("%s refId", where)
                                    .isNotBlank();
                            assertThat(target.path("rawSql").asText())
                                    .as("%s SQL", where)
                                    .isNotBlank();
                            assertThat(target.path("rawQuery").asBoolean())
                                    .as("%s uses code mode", where)
                                    .isTrue();
                            assertThat(target.path("format").asText())
                                    .as("%s format", where)
                                    .isIn("table", "time_series");
                        }
                        assertThat(refIds).as("%s refIds", where).doesNotHaveDuplicates();
                        if (!panel.path("type").asText().equals("row")) {
                            assertThat(panel.path("targets"))
                                    .as("%s has a query", where)
                                    .isNotEmpty();
                        }
                    }
                });
    }

    @Test
    void shouldDefineEveryVariableThatQueriesTitlesAndRepeatsUse() {
        eachDashboard(
                (file, dashboard) -> {
                    Set<String> defined = new HashSet<>();
                    dashboard
                            .path("templating")
                            .path("list")
                            .forEach(v -> defined.add(v.path("name").asText()));
                    List<String> texts = new ArrayList<>();
                    for (GrafanaQuery query : GrafanaQuery.ofDashboard(dashboard)) {
                        texts.add(query.rawSql());
                    }
                    for (JsonNode panel : GrafanaProvisioning.panels(dashboard)) {
                        texts.add(panel.path("title").asText());
                        texts.add(panel.path("description").asText());
                        if (panel.hasNonNull("repeat")) {
                            texts.add("$" + panel.get("repeat").asText());
                        }
                    }
                    for (String text : texts) {
                        assertThat(variablesUsed(text))
                                .as("variables in %s: %s", file.getFileName(), text)
                                .allSatisfy(
                                        name ->
                                                assertThat(
                                                                defined.contains(name)
                                                                        || BUILT_IN_VARIABLES
                                                                                .contains(name))
                                                        .as("$%s is defined", name)
                                                        .isTrue());
                    }
                });
    }

    /** The variable names a text uses; {@code $__macro(} calls are not variables. */
    static Set<String> variablesUsed(String text) {
        Set<String> names = new HashSet<>();
        Matcher matcher = VARIABLE_REFERENCE.matcher(text);
        while (matcher.find()) {
            if (matcher.group(1) != null) {
                boolean macroCall = matcher.group(2) != null && matcher.group(1).startsWith("__");
                if (!macroCall) {
                    names.add(matcher.group(1));
                }
            } else {
                names.add(matcher.group(3) != null ? matcher.group(3) : matcher.group(4));
            }
        }
        return names;
    }

    @Test
    void shouldRecogniseVariablesButNotMacros() {
        assertThat(
                        variablesUsed(
                                "$__timeFilter(t) AND d = '$device' AND m IN (${metric:csv})"
                                        + " [[family]] $__interval"))
                .containsExactlyInAnyOrder("device", "metric", "family", "__interval");
    }

    @Test
    void shouldQueryOnlyMetricsAndFamiliesOfTheCatalogue() {
        Set<String> metrics =
                java.util.Arrays.stream(Family.values())
                        .flatMap(f -> Metrics.of(f).stream())
                        .map(MetricDefinition::name)
                        .collect(Collectors.toSet());
        Set<String> families =
                java.util.Arrays.stream(Family.values())
                        .map(Family::id)
                        .collect(Collectors.toSet());
        for (GrafanaQuery query : GrafanaQuery.all(GRAFANA)) {
            assertThat(literals(METRIC_LITERAL, query.rawSql()))
                    .as("metrics named by %s", query)
                    .allSatisfy(m -> assertThat(metrics).contains(m));
            assertThat(literals(FAMILY_LITERAL, query.rawSql()))
                    .as("families named by %s", query)
                    .allSatisfy(f -> assertThat(families).contains(f));
        }
    }

    private static List<String> literals(Pattern pattern, String sql) {
        List<String> found = new ArrayList<>();
        Matcher matcher = pattern.matcher(sql);
        while (matcher.find()) {
            found.add(matcher.group(1));
        }
        return found;
    }

    @Test
    void shouldShowAlertsAsAnnotationsWithTheColumnsGrafanaReads() {
        JsonNode device = GRAFANA.dashboard("telemetry-device");
        List<GrafanaQuery> annotations =
                GrafanaQuery.ofDashboard(device).stream()
                        .filter(q -> q.kind() == GrafanaQuery.Kind.ANNOTATION)
                        .toList();
        assertThat(annotations).isNotEmpty();
        assertThat(annotations)
                .allSatisfy(
                        a ->
                                assertThat(a.rawSql())
                                        .contains("AS \"time\"", "AS timeend", "AS text"));
    }

    // ------------------------------------------------------------------ alert rules

    @Test
    void shouldDeclareRuleGroupsWithNameFolderAndInterval() {
        GRAFANA.alertingFiles()
                .forEach(
                        (file, content) -> {
                            assertThat(content.path("apiVersion").asInt())
                                    .as("apiVersion of %s", file)
                                    .isEqualTo(1);
                            for (JsonNode group : content.path("groups")) {
                                assertThat(group.path("name").asText()).isNotBlank();
                                assertThat(group.path("folder").asText()).isNotBlank();
                                assertThat(group.path("interval").asText())
                                        .matches(PROMETHEUS_DURATION)
                                        .isNotEmpty();
                                assertThat(group.path("rules")).isNotEmpty();
                            }
                        });
    }

    @Test
    void shouldGiveAlertRulesTheFieldsGrafanaRequires() {
        List<String> uids = new ArrayList<>();
        Map<String, List<String>> titlesByFolder = new HashMap<>();
        for (GrafanaProvisioning.AlertRule alertRule : GRAFANA.alertRules()) {
            JsonNode rule = alertRule.rule();
            String where = alertRule.toString();
            assertThat(rule.path("uid").asText()).as("%s uid", where).matches(UID);
            uids.add(rule.path("uid").asText());
            assertThat(rule.path("title").asText()).as("%s title", where).isNotBlank();
            assertThat(rule.path("title").asText())
                    .as("%s title: provisioning expands $ from the environment", where)
                    .doesNotContain("$");
            titlesByFolder
                    .computeIfAbsent(
                            alertRule.group().path("folder").asText(), k -> new ArrayList<>())
                    .add(rule.path("title").asText());
            assertThat(rule.path("noDataState").asText()).as("%s", where).isIn(NO_DATA_STATES);
            assertThat(rule.path("execErrState").asText()).as("%s", where).isIn(ERROR_STATES);
            assertThat(rule.path("for").asText()).as("%s for", where).matches(PROMETHEUS_DURATION);
            assertThat(rule.path("data")).as("%s data", where).isNotEmpty();
            assertThat(rule.path("annotations").path("summary").asText())
                    .as("%s summary", where)
                    .isNotBlank();
        }
        assertThat(uids).doesNotHaveDuplicates();
        titlesByFolder.values().forEach(titles -> assertThat(titles).doesNotHaveDuplicates());
    }

    @Test
    void shouldQueryProvisionedDatasourcesInTimeSeriesFormatFromAlertRules() {
        Map<String, JsonNode> provisioned = GRAFANA.datasources();
        for (GrafanaProvisioning.AlertRule alertRule : GRAFANA.alertRules()) {
            for (JsonNode data : alertRule.rule().path("data")) {
                String where = alertRule + " " + data.path("refId").asText();
                String uid = data.path("datasourceUid").asText();
                assertThat(data.path("refId").asText()).as("%s refId", where).isNotBlank();
                assertThat(data.path("model").path("refId").asText())
                        .as("%s model refId", where)
                        .isEqualTo(data.path("refId").asText());
                if (uid.equals("__expr__")) {
                    continue;
                }
                assertThat(provisioned).as("%s datasourceUid", where).containsKey(uid);
                JsonNode range = data.path("relativeTimeRange");
                assertThat(range.path("from").asLong())
                        .as("%s relativeTimeRange", where)
                        .isGreaterThan(range.path("to").asLong());
                assertThat(range.path("to").asLong()).isNotNegative();
                JsonNode model = data.path("model");
                assertThat(model.path("rawSql").asText()).as("%s SQL", where).isNotBlank();
                // PostgreSQL alert conditions accept time series only, not tables.
                assertThat(model.path("format").asText())
                        .as("%s format", where)
                        .isEqualTo(GrafanaQuery.TIME_SERIES);
                assertThat(variablesUsed(model.path("rawSql").asText()))
                        .as("%s: alert rules have no dashboard variables", where)
                        .isSubsetOf(BUILT_IN_VARIABLES);
            }
        }
    }

    @Test
    void shouldChainEachConditionThroughReduceAndThresholdToAQuery() {
        for (GrafanaProvisioning.AlertRule alertRule : GRAFANA.alertRules()) {
            Map<String, JsonNode> byRefId = new LinkedHashMap<>();
            alertRule.rule().path("data").forEach(d -> byRefId.put(d.path("refId").asText(), d));
            String condition = alertRule.rule().path("condition").asText();
            assertThat(byRefId).as("%s condition", alertRule).containsKey(condition);

            Set<String> seen = new HashSet<>();
            for (JsonNode data : byRefId.values()) {
                String where = alertRule + " " + data.path("refId").asText();
                if (data.path("datasourceUid").asText().equals("__expr__")) {
                    JsonNode model = data.path("model");
                    assertThat(model.path("datasource").path("uid").asText())
                            .as("%s expression data source", where)
                            .isEqualTo("__expr__");
                    assertThat(model.path("expression").asText())
                            .as("%s refers to an earlier query or expression", where)
                            .isIn(seen);
                    switch (model.path("type").asText()) {
                        case "reduce" -> {
                            assertThat(model.path("reducer").asText())
                                    .as("%s reducer", where)
                                    .isIn(REDUCERS);
                            assertThat(model.path("settings").path("mode").asText(""))
                                    .as("%s mode", where)
                                    .isIn("", "dropNN", "replaceNN");
                        }
                        case "threshold" -> {
                            assertThat(model.path("conditions"))
                                    .as("%s has exactly one condition", where)
                                    .hasSize(1);
                            JsonNode evaluator = model.path("conditions").get(0).path("evaluator");
                            String type = evaluator.path("type").asText();
                            assertThat(THRESHOLD_ARGUMENTS).as("%s", where).containsKey(type);
                            assertThat(evaluator.path("params"))
                                    .as("%s params", where)
                                    .hasSizeGreaterThanOrEqualTo(THRESHOLD_ARGUMENTS.get(type));
                        }
                        case "math", "resample", "classic_conditions" -> {}
                        default ->
                                throw new AssertionError(
                                        where + ": unknown expression " + model.path("type"));
                    }
                }
                seen.add(data.path("refId").asText());
            }
            assertThat(byRefId.get(condition).path("model").path("type").asText())
                    .as("%s condition is a threshold", alertRule)
                    .isEqualTo("threshold");
        }
    }

    @Test
    void shouldLinkAlertRulesToPanelsThatExist() {
        for (GrafanaProvisioning.AlertRule alertRule : GRAFANA.alertRules()) {
            JsonNode rule = alertRule.rule();
            if (!rule.hasNonNull("dashboardUid")) {
                continue;
            }
            JsonNode dashboard = GRAFANA.dashboard(rule.get("dashboardUid").asText());
            int panelId = rule.path("panelId").asInt();
            assertThat(GrafanaProvisioning.panels(dashboard))
                    .as("%s panel %d", alertRule, panelId)
                    .anySatisfy(p -> assertThat(p.path("id").asInt()).isEqualTo(panelId));
        }
    }

    // ------------------------------------------------------------------ helpers

    private static void eachDashboard(BiConsumer<Path, JsonNode> check) {
        GRAFANA.dashboards().forEach(check);
    }

    /** Calls {@code action} for every value of a field named {@code name}, at any depth. */
    private static void forEachField(
            JsonNode node, String name, java.util.function.Consumer<JsonNode> action) {
        if (node.isObject()) {
            node.properties()
                    .forEach(
                            e -> {
                                if (e.getKey().equals(name)) {
                                    action.accept(e.getValue());
                                }
                                forEachField(e.getValue(), name, action);
                            });
        } else if (node.isArray()) {
            StreamSupport.stream(node.spliterator(), false)
                    .forEach(child -> forEachField(child, name, action));
        }
    }
}
