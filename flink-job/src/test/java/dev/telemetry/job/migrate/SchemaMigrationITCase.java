package dev.telemetry.job.migrate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.telemetry.infra.junit.PostgresExtension;
import dev.telemetry.job.config.JobConfig.DatabaseConfig;
import dev.telemetry.job.config.Secret;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The Flyway migrations of {@code sql/} against a real PostgreSQL of its own. */
class SchemaMigrationITCase {

    /** Own server: roles are cluster-wide, and this test checks how the role is created. */
    @RegisterExtension static final PostgresExtension POSTGRES = PostgresExtension.perClass();

    private static final List<String> VIEWS =
            List.of(
                    "data_quality",
                    "data_quality_rejections",
                    "rejected_event_details",
                    "device_metric_series",
                    "energy_site_kpi_view");

    private static DatabaseConfig database(String name) {
        return new DatabaseConfig(
                POSTGRES.postgres().createDatabase(name), "postgres", new Secret(""));
    }

    private static Object single(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery(sql)) {
            rs.next();
            return rs.getObject(1);
        }
    }

    @Test
    void shouldMigrateOnceAndDoNothingTheSecondTime() throws Exception {
        DatabaseConfig db = database("migrate_twice");

        assertThat(SchemaMigrator.migrate(db, Optional.empty())).isGreaterThanOrEqualTo(4);
        assertThat(SchemaMigrator.migrate(db, Optional.empty())).isZero();

        try (Connection connection = DriverManager.getConnection(db.url(), "postgres", "")) {
            for (String view : VIEWS) {
                assertThat(single(connection, "SELECT count(*) FROM " + view)).isEqualTo(0L);
            }
            assertThat(
                            single(
                                    connection,
                                    "SELECT count(*) FROM energy_site_kpi_view WHERE anomaly_count IS NOT NULL"))
                    .isEqualTo(0L);
        }
    }

    @Test
    void shouldCreateReadOnlyGrafanaRoleThatLogsInOnlyWithAPassword() throws Exception {
        DatabaseConfig first = database("grafana_nologin");
        SchemaMigrator.migrate(first, Optional.empty());
        try (Connection connection = DriverManager.getConnection(first.url(), "postgres", "")) {
            assertThat(
                            single(
                                    connection,
                                    "SELECT rolcanlogin FROM pg_roles WHERE rolname = 'grafana_reader'"))
                    .isEqualTo(false);
        }

        DatabaseConfig second = database("grafana_login");
        SchemaMigrator.migrate(second, Optional.of(new Secret("it's-a-secret")));

        try (Connection grafana =
                DriverManager.getConnection(second.url(), "grafana_reader", "it's-a-secret")) {
            assertThat(single(grafana, "SELECT count(*) FROM data_quality")).isEqualTo(0L);
            assertThat(single(grafana, "SELECT count(*) FROM device_metric_kpis")).isEqualTo(0L);
            assertThatThrownBy(
                            () -> {
                                try (Statement statement = grafana.createStatement()) {
                                    statement.execute("DELETE FROM device_windows");
                                }
                            })
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("permission denied");
            assertThatThrownBy(() -> single(grafana, "SELECT count(*) FROM flyway_schema_history"))
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("permission denied");
        }
    }
}
