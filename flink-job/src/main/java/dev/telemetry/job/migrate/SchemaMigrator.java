package dev.telemetry.job.migrate;

import dev.telemetry.job.config.JobConfig.DatabaseConfig;
import dev.telemetry.job.config.Secret;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * Applies the Flyway migrations packaged in the job jar ({@value #LOCATION}, copied from the
 * top-level {@code sql/} directory) and optionally lets the read-only {@value #GRAFANA_ROLE} role
 * log in with a password taken from the environment.
 */
public final class SchemaMigrator {

    /** Where the migrations are on the classpath. */
    public static final String LOCATION = "classpath:db/migration";

    /** The read-only role the migrations create for Grafana. */
    public static final String GRAFANA_ROLE = "grafana_reader";

    private SchemaMigrator() {}

    /**
     * Migrates the database to the latest version.
     *
     * @param grafanaPassword if present, {@value #GRAFANA_ROLE} gets LOGIN with this password;
     *     otherwise it stays NOLOGIN (grant it to a login role of your own)
     * @return the number of migrations applied
     */
    public static int migrate(DatabaseConfig db, Optional<Secret> grafanaPassword)
            throws SQLException {
        MigrateResult result =
                Flyway.configure()
                        .dataSource(db.url(), db.user(), db.password().reveal())
                        .locations(LOCATION)
                        .load()
                        .migrate();
        if (grafanaPassword.isPresent()) {
            enableGrafanaLogin(db, grafanaPassword.get());
        }
        return result.migrationsExecuted;
    }

    private static void enableGrafanaLogin(DatabaseConfig db, Secret password) throws SQLException {
        try (Connection connection =
                        DriverManager.getConnection(db.url(), db.user(), db.password().reveal());
                PreparedStatement quote =
                        connection.prepareStatement(
                                "SELECT format('ALTER ROLE "
                                        + GRAFANA_ROLE
                                        + " WITH LOGIN PASSWORD %L', ?)")) {
            // Let the server quote the literal; ALTER ROLE takes no bind parameters.
            quote.setString(1, password.reveal());
            String alter;
            try (ResultSet rs = quote.executeQuery()) {
                rs.next();
                alter = rs.getString(1);
            }
            try (Statement statement = connection.createStatement()) {
                statement.execute(alter);
            }
        }
    }
}
