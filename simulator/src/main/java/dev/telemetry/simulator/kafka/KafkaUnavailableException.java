package dev.telemetry.simulator.kafka;

/** Kafka cannot be used: broker unreachable, topic missing, or a fatal client error. */
public final class KafkaUnavailableException extends Exception {

    public KafkaUnavailableException(String message) {
        super(message);
    }

    public KafkaUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
