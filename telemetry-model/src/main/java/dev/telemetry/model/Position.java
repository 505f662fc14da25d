package dev.telemetry.model;

/**
 * A WGS84 position in decimal degrees.
 *
 * @param lat latitude, -90..90
 * @param lon longitude, -180..180
 */
public record Position(double lat, double lon) {

    /** True if both coordinates are finite and inside their ranges. */
    public boolean isValid() {
        return lat >= -90 && lat <= 90 && lon >= -180 && lon <= 180;
    }
}
