package dev.telemetry.infra.junit;

import dev.telemetry.infra.EmbeddedPostgres;
import java.util.Objects;

/**
 * Provides a running {@link EmbeddedPostgres} to JUnit 5 tests, shared by the whole JVM or owned by
 * one test class.
 *
 * <pre>{@code
 * @RegisterExtension static final PostgresExtension POSTGRES = PostgresExtension.sharedPerJvm();
 * ... String url = POSTGRES.postgres().createDatabase("alerts_test"); ...
 * }</pre>
 *
 * <p>With a shared server, give each test class its own database. Use {@link #perClass()} for tests
 * that stop or restart PostgreSQL.
 */
public final class PostgresExtension extends EmbeddedServerExtension<EmbeddedPostgres> {

    private PostgresExtension(boolean perJvm, EmbeddedPostgres.Builder builder) {
        super(perJvm, EmbeddedPostgres.class, builder::build, postgres -> postgres.start());
    }

    /** One server for every test class in this JVM that uses this factory method. */
    public static PostgresExtension sharedPerJvm() {
        return new PostgresExtension(true, EmbeddedPostgres.builder());
    }

    /** A server for this test class only, closed (and deleted) after its last test. */
    public static PostgresExtension perClass() {
        return perClass(EmbeddedPostgres.builder());
    }

    /** As {@link #perClass()}, configured by {@code builder}. */
    public static PostgresExtension perClass(EmbeddedPostgres.Builder builder) {
        return new PostgresExtension(false, Objects.requireNonNull(builder));
    }

    public EmbeddedPostgres postgres() {
        return server();
    }

    /** JDBC URL of {@code database} on the running server. */
    public String jdbcUrl(String database) {
        return postgres().jdbcUrl(database);
    }
}
