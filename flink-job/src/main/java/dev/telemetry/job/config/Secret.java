package dev.telemetry.job.config;

import java.io.Serializable;

/** A password that never shows up in {@code toString()}, logs or error messages. */
public final class Secret implements Serializable {

    private static final long serialVersionUID = 1L;

    private final String value;

    public Secret(String value) {
        this.value = value == null ? "" : value;
    }

    /** The secret itself; pass it straight to the client that needs it. */
    public String reveal() {
        return value;
    }

    @Override
    public String toString() {
        return "******";
    }
}
