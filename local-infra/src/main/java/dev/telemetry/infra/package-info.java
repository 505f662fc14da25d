/**
 * Real local infrastructure without Docker: an in-process KRaft Kafka broker ({@link
 * dev.telemetry.infra.EmbeddedKafka}) and a PostgreSQL server from Maven-shipped binaries ({@link
 * dev.telemetry.infra.EmbeddedPostgres}), for tests and for local mode.
 *
 * <p>Both keep their files under one base directory, {@code $java.io.tmpdir/telemetry-infra-$user}
 * unless the system property {@code telemetry.infra.dir} says otherwise:
 *
 * <pre>
 * postgres-binaries/&lt;binaries jar name&gt;/   unpacked once per version, shared by all JVMs
 * pg/&lt;jvm pid&gt;-&lt;port&gt;/                      socket, server log, temporary data
 * kafka/&lt;jvm pid&gt;-&lt;port&gt;/                   temporary broker data
 * </pre>
 *
 * <p>Instance directories whose JVM is gone are removed by the next server that starts.
 */
package dev.telemetry.infra;
