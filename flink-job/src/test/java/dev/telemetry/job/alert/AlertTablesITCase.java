package dev.telemetry.job.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.telemetry.infra.EmbeddedPostgres;
import dev.telemetry.infra.junit.PostgresExtension;
import dev.telemetry.job.config.JobConfig.DatabaseConfig;
import dev.telemetry.job.config.Secret;
import dev.telemetry.job.migrate.SchemaMigrator;
import dev.telemetry.job.rules.RuleRejection;
import dev.telemetry.job.sink.Upserts.Upsert;
import dev.telemetry.model.Family;
import dev.telemetry.model.label.AnomalyType;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/** The alert tables, statements and ack function against a real PostgreSQL. */
class AlertTablesITCase {

    @RegisterExtension static final PostgresExtension POSTGRES = PostgresExtension.sharedPerJvm();

    private static DatabaseConfig db;

    @BeforeAll
    static void migrate() throws Exception {
        String url =
                POSTGRES.postgres().createDatabase("alert_tables_" + ProcessHandle.current().pid());
        db = new DatabaseConfig(url, EmbeddedPostgres.SUPERUSER, new Secret(""));
        SchemaMigrator.migrate(db, Optional.empty());
    }

    private static Connection connect() throws SQLException {
        return DriverManager.getConnection(db.url(), db.user(), db.password().reveal());
    }

    private static <T> void write(Upsert<T> upsert, T value) throws SQLException {
        try (Connection c = connect();
                PreparedStatement ps = c.prepareStatement(upsert.sql())) {
            upsert.binder().accept(ps, value);
            ps.executeUpdate();
        }
    }

    private static AlertEvent event(String id, int seq, AlertStatus status, int count) {
        AlertEvent e = new AlertEvent();
        e.alertId = id;
        e.eventSeq = seq;
        e.status = status;
        e.deviceId = "V1";
        e.family = Family.VEHICLE;
        e.type = AnomalyType.OVER_POWER;
        e.severity = Severity.WARNING;
        e.onset = 1_750_000_000_000L;
        e.eventTime = e.onset + seq * 1000L;
        e.lastFiring = e.eventTime;
        e.resolvedAt = status == AlertStatus.RESOLVED ? e.eventTime : -1;
        e.resolution = status == AlertStatus.RESOLVED ? AlertLifecycleFunction.CLEARED : "";
        e.fireCount = count;
        e.peak = 300 + count;
        e.metric = "power_kw";
        e.observed = 300;
        e.threshold = 250;
        e.phase = "driving";
        e.explanation = "discharging at 300 kW";
        return e;
    }

    private static String one(String sql) throws SQLException {
        try (Connection c = connect();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    @Test
    void shouldKeepTheNewestTransitionWhenUpsertsArriveTwiceOrOutOfOrder() throws Exception {
        String id = AlertIds.alertId("V1", AnomalyType.OVER_POWER, 1L);
        write(AlertStatements.alerts(), event(id, 0, AlertStatus.OPEN, 1));
        write(AlertStatements.alerts(), event(id, 2, AlertStatus.RESOLVED, 5));
        write(AlertStatements.alerts(), event(id, 1, AlertStatus.UPDATED, 3)); // a late replay
        write(AlertStatements.alerts(), event(id, 2, AlertStatus.RESOLVED, 5));

        assertThat(
                        one(
                                "SELECT state || '/' || fire_count || '/' || resolution FROM alerts WHERE alert_id = '"
                                        + id
                                        + "'"))
                .isEqualTo("RESOLVED/5/CLEARED");
        assertThat(one("SELECT count(*) FROM alerts WHERE alert_id = '" + id + "'")).isEqualTo("1");
    }

    @Test
    void shouldAppendEachTransitionOnceEvenWhenReplayed() throws Exception {
        String id = AlertIds.alertId("V1", AnomalyType.OVER_POWER, 2L);
        for (int replay = 0; replay < 2; replay++) {
            write(AlertStatements.alertEvents(), event(id, 0, AlertStatus.OPEN, 1));
            write(AlertStatements.alertEvents(), event(id, 1, AlertStatus.RESOLVED, 2));
        }
        assertThat(
                        one(
                                "SELECT string_agg(state, ',' ORDER BY event_seq) FROM alert_events WHERE alert_id = '"
                                        + id
                                        + "'"))
                .isEqualTo("OPEN,RESOLVED");
    }

    @Test
    void shouldKeepTheFirstAcknowledgementAndNeverLetTheJobOverwriteIt() throws Exception {
        String id = AlertIds.alertId("V1", AnomalyType.OVER_POWER, 3L);
        write(AlertStatements.alerts(), event(id, 0, AlertStatus.OPEN, 1));

        try (Connection c = connect()) {
            assertThat(AlertAcknowledger.acknowledge(c, UUID.fromString(id), "alice", "on it"))
                    .isEqualTo(AlertAcknowledger.Outcome.ACKNOWLEDGED);
            assertThat(AlertAcknowledger.acknowledge(c, UUID.fromString(id), "bob", null))
                    .isEqualTo(AlertAcknowledger.Outcome.ALREADY_ACKNOWLEDGED);
            assertThat(AlertAcknowledger.acknowledge(c, UUID.randomUUID(), "bob", null))
                    .isEqualTo(AlertAcknowledger.Outcome.UNKNOWN_ALERT);
        }
        write(AlertStatements.alerts(), event(id, 1, AlertStatus.RESOLVED, 4));

        assertThat(
                        one(
                                "SELECT state || '/' || acknowledged_by || '/' || ack_note FROM alerts WHERE alert_id = '"
                                        + id
                                        + "'"))
                .isEqualTo("RESOLVED/alice/on it");
    }

    @Test
    void shouldRaiseForAcknowledgingAnUnknownAlertInSql() {
        assertThatThrownBy(
                        () -> one("SELECT ack_alert('" + UUID.randomUUID() + "', 'carol', NULL)"))
                .hasMessageContaining("no alert");
    }

    @Test
    void shouldAcknowledgeFromTheCommandLine() throws Exception {
        String id = AlertIds.alertId("V1", AnomalyType.OVER_POWER, 4L);
        write(AlertStatements.alerts(), event(id, 0, AlertStatus.OPEN, 1));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        CommandLine cli = new CommandLine(AckCommand.addOptions(CommandSpec.create().name("ack")));

        int exit =
                AckCommand.run(
                        cli.parseArgs(id, "--by", "dave", "--note", "checked"),
                        db,
                        new PrintStream(out, true, StandardCharsets.UTF_8),
                        new PrintStream(err, true, StandardCharsets.UTF_8));

        assertThat(exit).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("acknowledged " + id);
        assertThat(one("SELECT acknowledged_by FROM alerts WHERE alert_id = '" + id + "'"))
                .isEqualTo("dave");
    }

    @Test
    void shouldRecordARejectedRuleOnce() throws Exception {
        RuleRejection r =
                RuleRejection.of(
                        "{\"family\":\"boat\"}", "unknown family 'boat'", 1_750_000_000_000L);
        write(AlertStatements.rejectedRules(), r);
        write(AlertStatements.rejectedRules(), r);
        assertThat(
                        one(
                                "SELECT count(*) || '/' || min(reason) FROM rejected_rules WHERE payload_hash = '"
                                        + r.payloadHash
                                        + "'"))
                .isEqualTo("1/unknown family 'boat'");
    }
}
