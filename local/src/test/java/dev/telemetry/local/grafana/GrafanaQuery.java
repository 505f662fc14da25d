package dev.telemetry.local.grafana;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One SQL query Grafana runs against the telemetry database: a panel target, a template variable
 * query, an annotation query or the data query of an alert rule.
 *
 * @param kind where the query comes from
 * @param dashboard the dashboard uid, or the alert rule file name
 * @param owner the panel title, variable name, annotation name or alert rule title
 * @param refId the query's refId ({@code ""} for variables)
 * @param rawSql the SQL as written, before interpolation
 * @param format {@code table} or {@code time_series}
 * @param repeat the variable a panel repeats over, if any
 * @param relativeRange the time range of an alert rule query, if any
 */
public record GrafanaQuery(
        Kind kind,
        String dashboard,
        String owner,
        String refId,
        String rawSql,
        String format,
        Optional<String> repeat,
        Optional<Duration> relativeRange) {

    /** Where a query comes from. */
    public enum Kind {
        PANEL,
        VARIABLE,
        ANNOTATION,
        ALERT_RULE
    }

    /** Grafana's format for time series: a {@code time} column, sorted ascending. */
    public static final String TIME_SERIES = "time_series";

    public boolean isTimeSeries() {
        return TIME_SERIES.equals(format);
    }

    /** A name that says where the query is, for test names and failure messages. */
    public String name() {
        String suffix = refId.isEmpty() ? "" : " [" + refId + "]";
        return dashboard
                + " › "
                + kind.name().toLowerCase().replace('_', ' ')
                + " "
                + owner
                + suffix;
    }

    @Override
    public String toString() {
        return name();
    }

    /** Every SQL query of a dashboard: panel targets, query variables, annotations. */
    public static List<GrafanaQuery> ofDashboard(JsonNode dashboard) {
        String uid = dashboard.path("uid").asText();
        List<GrafanaQuery> queries = new ArrayList<>();
        for (JsonNode panel : GrafanaProvisioning.panels(dashboard)) {
            Optional<String> repeat =
                    panel.hasNonNull("repeat")
                            ? Optional.of(panel.get("repeat").asText())
                            : Optional.empty();
            for (JsonNode target : panel.path("targets")) {
                if (target.hasNonNull("rawSql")) {
                    queries.add(
                            new GrafanaQuery(
                                    Kind.PANEL,
                                    uid,
                                    panel.path("title").asText(),
                                    target.path("refId").asText(),
                                    target.get("rawSql").asText(),
                                    target.path("format").asText("time_series"),
                                    repeat,
                                    Optional.empty()));
                }
            }
        }
        for (JsonNode variable : dashboard.path("templating").path("list")) {
            if (variable.path("type").asText().equals("query")) {
                queries.add(
                        new GrafanaQuery(
                                Kind.VARIABLE,
                                uid,
                                variable.path("name").asText(),
                                "",
                                variableSql(variable.path("query")),
                                "table",
                                Optional.empty(),
                                Optional.empty()));
            }
        }
        for (JsonNode annotation : dashboard.path("annotations").path("list")) {
            JsonNode target = annotation.path("target");
            if (target.hasNonNull("rawSql")) {
                queries.add(
                        new GrafanaQuery(
                                Kind.ANNOTATION,
                                uid,
                                annotation.path("name").asText(),
                                target.path("refId").asText(),
                                target.get("rawSql").asText(),
                                "table",
                                Optional.empty(),
                                Optional.empty()));
            }
        }
        return queries;
    }

    /** A variable's query is a string, or an object with the SQL in {@code rawSql}. */
    private static String variableSql(JsonNode query) {
        return query.isTextual() ? query.asText() : query.path("rawSql").asText();
    }

    /** The data-source queries (not the expressions) of an alert rule. */
    public static List<GrafanaQuery> ofAlertRule(GrafanaProvisioning.AlertRule rule) {
        List<GrafanaQuery> queries = new ArrayList<>();
        for (JsonNode data : rule.rule().path("data")) {
            JsonNode model = data.path("model");
            if (model.hasNonNull("rawSql")) {
                queries.add(
                        new GrafanaQuery(
                                Kind.ALERT_RULE,
                                rule.file().getFileName().toString(),
                                rule.title(),
                                data.path("refId").asText(),
                                model.get("rawSql").asText(),
                                model.path("format").asText("time_series"),
                                Optional.empty(),
                                Optional.of(
                                        Duration.ofSeconds(
                                                data.path("relativeTimeRange")
                                                        .path("from")
                                                        .asLong()))));
            }
        }
        return queries;
    }

    /** Every query of every dashboard and alert rule in {@code provisioning}. */
    public static List<GrafanaQuery> all(GrafanaProvisioning provisioning) {
        List<GrafanaQuery> queries = new ArrayList<>();
        provisioning.dashboards().values().forEach(d -> queries.addAll(ofDashboard(d)));
        provisioning.alertRules().forEach(r -> queries.addAll(ofAlertRule(r)));
        return queries;
    }
}
