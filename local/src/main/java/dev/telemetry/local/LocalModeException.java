package dev.telemetry.local;

/**
 * A problem the user can fix (unreachable server, bad option, busy port), reported as one line
 * without a stack trace.
 */
public final class LocalModeException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public LocalModeException(String message) {
        super(message);
    }

    public LocalModeException(String message, Throwable cause) {
        super(message, cause);
    }
}
