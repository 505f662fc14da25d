package dev.telemetry.simulator;

import dev.telemetry.model.Family;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * Everything that determines a simulation's output. The same options always give byte-identical
 * records and labels.
 *
 * @param seed random seed
 * @param families families to simulate
 * @param devicesPerFamily devices per family
 * @param eventsPerDevicePerSecond events each device emits per second of event time
 * @param duration event-time span to generate
 * @param startTimeMillis event time of the first tick (epoch ms UTC)
 * @param anomaliesPerDeviceHour expected injected anomalies per device per hour of event time
 * @param badRate fraction of records corrupted with bad data, 0..1
 */
public record SimulationOptions(
        long seed,
        Set<Family> families,
        int devicesPerFamily,
        double eventsPerDevicePerSecond,
        Duration duration,
        long startTimeMillis,
        double anomaliesPerDeviceHour,
        double badRate) {

    /** Default expected anomalies per device-hour: a few in a one-minute run of 20 devices. */
    public static final double DEFAULT_ANOMALIES_PER_DEVICE_HOUR = 10.0;

    public SimulationOptions {
        Objects.requireNonNull(families, "families");
        Objects.requireNonNull(duration, "duration");
        families = families.isEmpty() ? EnumSet.noneOf(Family.class) : EnumSet.copyOf(families);
        if (families.isEmpty()) {
            throw new IllegalArgumentException("at least one family is required");
        }
        if (devicesPerFamily < 1) {
            throw new IllegalArgumentException("devices per family must be at least 1");
        }
        if (!(eventsPerDevicePerSecond > 0) || eventsPerDevicePerSecond > 1000) {
            throw new IllegalArgumentException(
                    "rate must be in (0, 1000] events per device per second");
        }
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException("duration must be positive");
        }
        if (!(anomaliesPerDeviceHour >= 0)) {
            throw new IllegalArgumentException("anomaly rate must be >= 0");
        }
        if (!(badRate >= 0 && badRate <= 1)) {
            throw new IllegalArgumentException("bad rate must be within [0, 1]");
        }
    }
}
