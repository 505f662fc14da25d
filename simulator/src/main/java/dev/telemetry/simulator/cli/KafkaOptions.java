package dev.telemetry.simulator.cli;

import dev.telemetry.simulator.kafka.KafkaClients;
import picocli.CommandLine.Option;

/** Where Kafka is and which topic to use. */
public final class KafkaOptions {

    @Option(
            names = "--bootstrap-servers",
            paramLabel = "HOST:PORT[,...]",
            description = "Kafka bootstrap servers.")
    String bootstrapServers;

    @Option(
            names = "--topic",
            paramLabel = "NAME",
            defaultValue = KafkaClients.DEFAULT_TOPIC,
            description = "Kafka topic (default: ${DEFAULT-VALUE}).")
    String topic;

    boolean isSet() {
        return bootstrapServers != null && !bootstrapServers.isBlank();
    }
}
