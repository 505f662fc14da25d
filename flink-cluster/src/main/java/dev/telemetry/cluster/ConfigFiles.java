package dev.telemetry.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** Writes a Flink configuration directory: {@code config.yaml} and {@code log4j.properties}. */
final class ConfigFiles {

    /** Flink 2.x reads config.yaml; flink-conf.yaml is no longer looked at. */
    static final String CONFIG_YAML = "config.yaml";

    static final String LOG4J_PROPERTIES = "log4j.properties";

    /**
     * Flink's default log4j.properties from flink-dist, trimmed: one file per process named by
     * {@code -Dlog.file}, rolled over on every start so a run's log starts empty.
     */
    private static final String LOG4J =
            """
            monitorInterval = 30
            rootLogger.level = INFO
            rootLogger.appenderRef.file.ref = MainAppender
            logger.pekko.name = org.apache.pekko
            logger.pekko.level = INFO
            logger.kafka.name = org.apache.kafka
            logger.kafka.level = INFO
            logger.hadoop.name = org.apache.hadoop
            logger.hadoop.level = WARN
            logger.zookeeper.name = org.apache.zookeeper
            logger.zookeeper.level = INFO
            logger.shaded_zookeeper.name = org.apache.flink.shaded.zookeeper3
            logger.shaded_zookeeper.level = INFO
            logger.netty.name = org.jboss.netty.channel.DefaultChannelPipeline
            logger.netty.level = OFF
            appender.main.name = MainAppender
            appender.main.type = RollingFile
            appender.main.append = true
            appender.main.fileName = ${sys:log.file}
            appender.main.filePattern = ${sys:log.file}.%i
            appender.main.layout.type = PatternLayout
            appender.main.layout.pattern = %d{yyyy-MM-dd HH:mm:ss,SSS} %-5p %-60c %x - %m%n
            appender.main.policies.type = Policies
            appender.main.policies.size.type = SizeBasedTriggeringPolicy
            appender.main.policies.size.size = 100MB
            appender.main.policies.startup.type = OnStartupTriggeringPolicy
            appender.main.strategy.type = DefaultRolloverStrategy
            appender.main.strategy.max = 5
            """;

    private ConfigFiles() {}

    static void write(Path confDir, Map<String, String> config) {
        try {
            Files.createDirectories(confDir);
            Files.writeString(confDir.resolve(CONFIG_YAML), toYaml(config), StandardCharsets.UTF_8);
            Files.writeString(confDir.resolve(LOG4J_PROPERTIES), LOG4J, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write Flink configuration to " + confDir, e);
        }
    }

    /**
     * Flat {@code key: 'value'} lines. Every value is a single-quoted YAML string, which Flink
     * converts to the option's type, so paths and URIs with colons need no further care.
     */
    static String toYaml(Map<String, String> config) {
        StringBuilder yaml =
                new StringBuilder("# Written by dev.telemetry.cluster.StandaloneCluster\n");
        config.forEach(
                (key, value) -> {
                    if (!key.matches("[A-Za-z0-9._\\-\\[\\]]+")) {
                        throw new IllegalArgumentException(
                                "Invalid Flink configuration key: " + key);
                    }
                    yaml.append(key).append(": '").append(value.replace("'", "''")).append("'\n");
                });
        return yaml.toString();
    }
}
