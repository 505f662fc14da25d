package dev.telemetry.model;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;
import java.util.Optional;

/** The four asset families whose telemetry the detector understands. */
public enum Family {
    /** Rocket engines on a test stand. */
    ENGINE("engine"),
    /** Electric cars. */
    VEHICLE("vehicle"),
    /** Aircraft state vectors in the style of OpenSky. */
    FLIGHT("flight"),
    /** Battery storage and solar sites. */
    ENERGY("energy");

    private final String id;

    Family(String id) {
        this.id = id;
    }

    /** The lower-case identifier used on the wire, in topics, tables and labels. */
    @JsonValue
    public String id() {
        return id;
    }

    /** Looks a family up by its wire identifier (case-insensitive). */
    public static Optional<Family> fromId(String id) {
        if (id == null) {
            return Optional.empty();
        }
        String lower = id.toLowerCase(Locale.ROOT);
        for (Family family : values()) {
            if (family.id.equals(lower)) {
                return Optional.of(family);
            }
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return id;
    }
}
