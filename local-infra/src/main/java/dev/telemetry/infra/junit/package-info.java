/**
 * JUnit 5 extensions that hand tests a running {@link dev.telemetry.infra.EmbeddedKafka} or {@link
 * dev.telemetry.infra.EmbeddedPostgres}, shared per JVM or owned by one test class. JUnit Jupiter
 * is a {@code provided} dependency of this module: the test classpath that uses these supplies it.
 */
package dev.telemetry.infra.junit;
