/**
 * Local mode: the whole pipeline on one machine with one command ({@code ./run-local}), and the
 * same as a programmatic API ({@link dev.telemetry.local.LocalStack}) for tests.
 *
 * <p>{@link dev.telemetry.local.LocalStack} starts, in this order: the embedded Kafka broker and
 * PostgreSQL server (or checks the external ones), the topics, the database and its migrations, a
 * Flink MiniCluster with the web UI running the production topology, and the simulator or a replay
 * feeding the telemetry topic. It stops them in reverse order.
 */
package dev.telemetry.local;
