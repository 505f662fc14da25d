package dev.telemetry.local.grafana;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.telemetry.local.LocalSettings;
import dev.telemetry.local.LocalStack;
import dev.telemetry.model.Family;
import dev.telemetry.model.label.BadDataType;
import dev.telemetry.simulator.Simulation;
import dev.telemetry.simulator.SimulationOptions;
import dev.telemetry.simulator.anomaly.AnomalyPlan;
import dev.telemetry.simulator.kafka.KafkaRecordSink;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every query Grafana would run — panel targets, template variables, annotations, alert rules — run
 * against the database of a real pipeline (simulator → Kafka → the production Flink job on a
 * MiniCluster → PostgreSQL, via {@link LocalStack}), interpolated as Grafana does and executed as
 * the read-only role {@code grafana_reader}, so that a missing column, a missing grant or a macro
 * Grafana would reject fails here.
 */
class GrafanaQueriesITCase {

    /** Event time the simulator generates, as fast as it can, ending shortly before now. */
    private static final Duration EVENT_TIME = Duration.ofSeconds(120);

    /** Short KPI windows so that two minutes of event time give a dozen windows per device. */
    private static final Duration WINDOW = Duration.ofSeconds(10);

    private static final GrafanaProvisioning GRAFANA = GrafanaProvisioning.ofRepository();

    /**
     * Panels whose SQL needs columns the schema does not have yet, and why; their checks are
     * skipped until the columns exist, then enforced.
     */
    private static final Map<String, String> PENDING_COLUMNS =
            Map.of(
                    "Flight positions",
                    "device_windows.last_lat, last_lon and last_position_time: the job's"
                            + " DeviceStats keeps the last position per window but"
                            + " Upserts.deviceWindows() does not write it");

    private static LocalStack stack;
    private static Connection reader;
    private static Instant simulationStart;
    private static final Map<String, Map<String, TemplateVariable>> VARIABLES =
            new LinkedHashMap<>();

    @BeforeAll
    static void runPipelineAndConnectAsGrafana() throws Exception {
        Path dataDir =
                Path.of(
                        System.getProperty("java.io.tmpdir"),
                        "telemetry-grafana-it-" + ProcessHandle.current().pid());
        stack =
                LocalStack.start(
                        LocalSettings.builder()
                                .dataDir(dataDir)
                                .fresh(true)
                                .deleteDataOnStop(true)
                                .input(LocalSettings.Input.NONE)
                                .parallelism(2)
                                .summaryInterval(Duration.ZERO)
                                .jobOption("window.size", WINDOW.toSeconds() + " s")
                                .build());
        simulationStart =
                Instant.now().minus(EVENT_TIME).minusSeconds(10).truncatedTo(ChronoUnit.SECONDS);
        feedTwoMinutesOfTelemetry();

        try (Connection owner = ownerConnection();
                Statement statement = owner.createStatement()) {
            // The migrations create the role NOLOGIN; deployments give it a password.
            statement.execute("ALTER ROLE grafana_reader LOGIN");
            awaitPipelineOutput(owner);
        }
        Properties properties = new Properties();
        properties.setProperty("user", "grafana_reader");
        properties.setProperty("options", "-c statement_timeout=20000");
        reader = DriverManager.getConnection(stack.jdbcUrl(), properties);
        reader.setReadOnly(true);
        resolveVariables();
    }

    private static void feedTwoMinutesOfTelemetry() throws Exception {
        SimulationOptions options =
                new SimulationOptions(
                        7,
                        EnumSet.allOf(Family.class),
                        4,
                        2.0,
                        EVENT_TIME,
                        simulationStart.toEpochMilli(),
                        120,
                        0.03);
        // Every anomaly type forced once per family on top of a high random rate, so that alerts
        // are open when the input ends; 3 % bad records for the data-quality panels.
        Simulation simulation =
                new Simulation(options, AnomalyPlan.everyType(1), EnumSet.allOf(BadDataType.class));
        try (KafkaRecordSink sink =
                KafkaRecordSink.create(stack.bootstrapServers(), stack.jobConfig().topic())) {
            simulation.run(sink, label -> {});
        }
    }

    private static Connection ownerConnection() throws SQLException {
        return DriverManager.getConnection(
                stack.jdbcUrl(), stack.jdbcUser(), stack.jdbcPassword().reveal());
    }

    /**
     * Waits until every family's windows up to shortly before the end of the input are written, and
     * alerts and rejects exist; on timeout, says what was there.
     */
    private static void awaitPipelineOutput(Connection owner) throws Exception {
        // The job's watermark trails the newest event by its out-of-orderness (5 s by default);
        // windows are aligned to the epoch. Ask for one window less than the watermark allows.
        long inputEnd = simulationStart.plus(EVENT_TIME).minusSeconds(5).toEpochMilli();
        long windowMs = WINDOW.toMillis();
        Instant lastWindowEnd =
                Instant.ofEpochMilli(Math.floorDiv(inputEnd, windowMs) * windowMs - windowMs);
        String families =
                "SELECT count(DISTINCT family) FROM device_windows WHERE window_end >= '"
                        + lastWindowEnd
                        + "'";
        String openAlerts = "SELECT count(*) FROM alerts WHERE state <> 'RESOLVED'";
        String rejects = "SELECT count(*) FROM rejected_events";
        try {
            await("pipeline output")
                    .atMost(Duration.ofMinutes(4))
                    .pollInterval(Duration.ofSeconds(2))
                    .pollDelay(Duration.ZERO)
                    .pollInSameThread()
                    .until(
                            () ->
                                    count(owner, families) == Family.values().length
                                            && count(owner, openAlerts) > 0
                                            && count(owner, rejects) > 0);
        } catch (ConditionTimeoutException e) {
            throw new AssertionError(
                    "the pipeline wrote too little within 4 minutes: wanted windows of every"
                            + " family ending at "
                            + lastWindowEnd
                            + ", open alerts and rejects; have "
                            + QueryResult.run(
                                            owner,
                                            "SELECT family, max(window_end), count(*) FROM"
                                                    + " device_windows GROUP BY family")
                                    .rows()
                            + " "
                            + QueryResult.run(
                                            owner,
                                            "SELECT family, state, count(*) FROM alerts"
                                                    + " GROUP BY family, state")
                                    .rows()
                            + ", "
                            + count(owner, rejects)
                            + " rejects; job "
                            + stack.jobStatus()
                            + "; "
                            + stack.summary(),
                    e);
        }
    }

    private static long count(Connection connection, String sql) throws SQLException {
        QueryResult result = QueryResult.run(connection, sql);
        return ((Number) result.rows().get(0).get(0)).longValue();
    }

    /**
     * Sets every dashboard's variables as a user would: each query variable runs with the ones
     * before it; the drill-down shows the device of the oldest open alert, multi-value variables
     * select All.
     */
    private static void resolveVariables() throws SQLException {
        QueryResult alert =
                QueryResult.run(
                        reader,
                        "SELECT family, device_id FROM alerts WHERE state <> 'RESOLVED'"
                                + " ORDER BY onset, device_id LIMIT 1");
        Map<String, String> preferred =
                Map.of(
                        "family", (String) alert.rows().get(0).get(0),
                        "device", (String) alert.rows().get(0).get(1));
        for (JsonNode dashboard : GRAFANA.dashboards().values()) {
            QueryContext context = baseContext();
            Map<String, TemplateVariable> variables = new LinkedHashMap<>();
            for (JsonNode v : dashboard.path("templating").path("list")) {
                String name = v.path("name").asText();
                String sql = v.path("query").asText();
                List<String> options = new ArrayList<>();
                for (List<Object> row :
                        QueryResult.run(reader, GrafanaSqlInterpolator.interpolate(sql, context))
                                .rows()) {
                    options.add(String.valueOf(row.get(0)));
                }
                boolean multi = v.path("multi").asBoolean();
                boolean includeAll = v.path("includeAll").asBoolean();
                String allValue = v.hasNonNull("allValue") ? v.get("allValue").asText() : null;
                TemplateVariable variable;
                if (preferred.containsKey(name)) {
                    assertThat(options).as("options of $%s", name).contains(preferred.get(name));
                    variable =
                            new TemplateVariable(
                                    name,
                                    multi,
                                    includeAll,
                                    allValue,
                                    options,
                                    List.of(preferred.get(name)),
                                    false);
                } else {
                    assertThat(options).as("options of $%s", name).isNotEmpty();
                    variable =
                            new TemplateVariable(
                                    name,
                                    multi,
                                    includeAll,
                                    allValue,
                                    options,
                                    includeAll ? List.of() : List.of(options.get(0)),
                                    includeAll);
                }
                variables.put(name, variable);
                context = context.with(variable);
            }
            VARIABLES.put(dashboard.path("uid").asText(), variables);
        }
    }

    /** The dashboards' time range: from a minute before the data to now, like "Last 5 minutes". */
    private static QueryContext baseContext() {
        Instant now = Instant.now();
        return QueryContext.forRange(simulationStart.minus(Duration.ofMinutes(1)), now, now);
    }

    private static QueryContext contextFor(GrafanaQuery query) {
        if (query.kind() == GrafanaQuery.Kind.ALERT_RULE) {
            Instant now = Instant.now();
            return new QueryContext(
                    now.minus(query.relativeRange().orElseThrow()),
                    now,
                    Duration.ofMinutes(1),
                    Map.of(),
                    now);
        }
        QueryContext context = baseContext();
        for (TemplateVariable variable :
                VARIABLES.getOrDefault(query.dashboard(), Map.of()).values()) {
            context = context.with(variable);
        }
        return context;
    }

    @AfterAll
    static void stopPipeline() throws SQLException {
        if (reader != null) {
            reader.close();
        }
        if (stack != null) {
            stack.stop();
        }
    }

    // ------------------------------------------------------------------ every query

    @TestFactory
    Stream<DynamicTest> everyQueryRunsAsGrafanaReaderAndGivesGrafanaTheColumnsItNeeds() {
        List<DynamicTest> tests = new ArrayList<>();
        for (GrafanaQuery query : GrafanaQuery.all(GRAFANA)) {
            QueryContext context = contextFor(query);
            tests.add(DynamicTest.dynamicTest(query.name(), () -> check(query, context)));
            if (query.repeat().isPresent()) {
                // A repeated panel runs once per value, with only that value in the variable.
                TemplateVariable variable = context.variable(query.repeat().get()).orElseThrow();
                for (String value : variable.values()) {
                    tests.add(
                            DynamicTest.dynamicTest(
                                    query.name() + " for " + value,
                                    () ->
                                            check(
                                                    query,
                                                    context.with(
                                                            variable.select(List.of(value))))));
                }
            }
        }
        return tests.stream();
    }

    private static QueryResult check(GrafanaQuery query, QueryContext context) throws SQLException {
        assumeSchemaHasWhatTheQueryNeeds(query);
        String sql = GrafanaSqlInterpolator.interpolate(query.rawSql(), context);
        QueryResult result;
        try {
            result = QueryResult.run(reader, sql);
        } catch (SQLException e) {
            throw new AssertionError(query + " failed: " + e.getMessage() + "\n" + sql, e);
        }
        if (query.isTimeSeries() || query.kind() == GrafanaQuery.Kind.ANNOTATION) {
            assertThat(result.columns()).as("%s has a time column", query).contains("time");
        }
        if (query.isTimeSeries()) {
            List<Double> times = result.times();
            assertThat(times).as("%s times", query).doesNotContainNull().isSorted();
            int timeColumn = result.column("time").orElseThrow();
            assertThat(result.columns().size()).as("%s has a value column", query).isGreaterThan(1);
            boolean numericValue = false;
            for (int i = 0; i < result.columns().size(); i++) {
                numericValue |= i != timeColumn && result.isNumeric(i);
            }
            assertThat(numericValue).as("%s has a numeric value column", query).isTrue();
        }
        if (query.kind() == GrafanaQuery.Kind.VARIABLE) {
            assertThat(result.columns()).as("%s columns", query).isNotEmpty();
        }
        return result;
    }

    private static void assumeSchemaHasWhatTheQueryNeeds(GrafanaQuery query) {
        String pending = PENDING_COLUMNS.get(query.owner());
        if (pending != null) {
            assumeTrue(
                    columnExists("device_windows", "last_lat")
                            && columnExists("device_windows", "last_lon")
                            && columnExists("device_windows", "last_position_time"),
                    query + " needs " + pending);
        }
    }

    private static boolean columnExists(String table, String column) {
        try {
            return count(
                            reader,
                            "SELECT count(*) FROM information_schema.columns WHERE table_name = '"
                                    + table
                                    + "' AND column_name = '"
                                    + column
                                    + "'")
                    > 0;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    // ------------------------------------------------------------------ key panels have data

    private static QueryResult panel(String dashboardUid, String title) throws SQLException {
        GrafanaQuery query =
                GrafanaQuery.ofDashboard(GRAFANA.dashboard(dashboardUid)).stream()
                        .filter(q -> q.owner().equals(title))
                        .findFirst()
                        .orElseThrow(() -> new AssertionError("no panel " + title));
        return check(query, contextFor(query));
    }

    @Test
    void shouldListOpenAlertsWithTheirSeverity() throws SQLException {
        QueryResult openAlerts = panel("telemetry-alerts", "Open alerts");

        assertThat(openAlerts.rows()).isNotEmpty();
        int severity = openAlerts.column("severity").orElseThrow();
        assertThat(openAlerts.rows())
                .allSatisfy(
                        row -> assertThat(row.get(severity)).isIn("CRITICAL", "WARNING", "INFO"));
        assertThat(panel("telemetry-alerts", "Alert state per device").rows()).isNotEmpty();
        assertThat(panel("telemetry-alerts", "Alerts by type over time").rows()).isNotEmpty();
    }

    @Test
    void shouldPlotTheKpisOfEveryFamilyOverTime() throws SQLException {
        for (String title :
                List.of(
                        "Engine performance score",
                        "Engine health status",
                        "Aircraft: total, in air, on ground",
                        "Aircraft per region",
                        "Fleet distance",
                        "Vehicle speed",
                        "Site energy at the grid connection",
                        "Site uptime")) {
            assertThat(panel("telemetry-fleet-kpis", title).rows()).as(title).isNotEmpty();
        }
    }

    @Test
    void shouldPlotTheDataQualitySuccessRateAsAFraction() throws SQLException {
        QueryResult successRate = panel("telemetry-pipeline", "DQ success rate");

        assertThat(successRate.rows()).isNotEmpty();
        int value = successRate.column("value").orElseThrow();
        assertThat(successRate.rows())
                .allSatisfy(
                        row ->
                                assertThat(((Number) row.get(value)).doubleValue())
                                        .isBetween(0.0, 1.0));
    }

    @Test
    void shouldBreakRejectedRecordsDownByReason() throws SQLException {
        assertThat(panel("telemetry-pipeline", "Rejected by reason").rows()).isNotEmpty();
        assertThat(panel("telemetry-pipeline", "Rejected by reason (range)").rows()).isNotEmpty();
        assertThat(panel("telemetry-pipeline", "Data freshness").rows()).isNotEmpty();
    }

    @Test
    void shouldDrawTheMetricSeriesOfTheSelectedDeviceWithItsAlertsAsAnnotations()
            throws SQLException {
        QueryResult series = panel("telemetry-device", "$metric");

        assertThat(series.rows()).isNotEmpty();
        assertThat(series.columns()).containsExactly("time", "min", "avg", "max");
        GrafanaQuery annotation =
                GrafanaQuery.ofDashboard(GRAFANA.dashboard("telemetry-device")).stream()
                        .filter(q -> q.kind() == GrafanaQuery.Kind.ANNOTATION)
                        .findFirst()
                        .orElseThrow();
        assertThat(check(annotation, contextFor(annotation)).rows())
                .as("alerts of the device as annotations")
                .isNotEmpty();
    }

    @Test
    void shouldShowTheLatestStateOfEveryAircraft() throws SQLException {
        QueryResult aircraft = panel("telemetry-flights", "Aircraft (latest state)");

        assertThat(aircraft.rows()).hasSize(4);
        assertThat(aircraft.columns()).contains("altitude_m", "velocity_ms", "heading_deg");
    }

    @Test
    void shouldPlaceEveryAircraftOnTheMap() throws SQLException {
        QueryResult positions = panel("telemetry-flights", "Flight positions");

        assertThat(positions.rows()).hasSize(4);
        assertThat(positions.columns()).contains("latitude", "longitude", "anomalous");
    }
}
