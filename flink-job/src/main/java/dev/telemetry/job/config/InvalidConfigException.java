package dev.telemetry.job.config;

/** A configuration mistake, with a one-line message meant for the operator. */
public final class InvalidConfigException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public InvalidConfigException(String message) {
        super(message);
    }
}
