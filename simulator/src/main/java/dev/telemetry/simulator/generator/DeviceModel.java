package dev.telemetry.simulator.generator;

import dev.telemetry.model.Family;
import dev.telemetry.simulator.anomaly.ActiveAnomaly;
import dev.telemetry.simulator.anomaly.AnomalyTarget;
import java.util.SplittableRandom;

/**
 * A simulated device: a few dozen bytes of physical state advanced one reading at a time, with its
 * own random stream so it behaves the same whatever else is simulated. One subclass per family.
 */
public abstract class DeviceModel implements AnomalyTarget {

    /** The device's private random stream (physics noise, phase durations, routes). */
    protected final SplittableRandom rng;

    private final String deviceId;
    private final Family family;

    protected DeviceModel(String deviceId, Family family, long seed) {
        this.deviceId = deviceId;
        this.family = family;
        this.rng = new SplittableRandom(seed);
    }

    @Override
    public final String deviceId() {
        return deviceId;
    }

    @Override
    public final Family family() {
        return family;
    }

    /**
     * Advances the physics by one tick and writes the resulting reading.
     *
     * @param anomaly the anomaly affecting this reading, or null; while one is active the phase
     *     machine holds, so an anomaly never straddles a phase change it did not cause
     * @param eventTime event time of the reading (epoch ms)
     * @param out the reading to fill
     */
    public abstract void step(ActiveAnomaly anomaly, long eventTime, Reading out);

    /** The operating phase of the last reading. */
    public abstract String phase();

    /** Zero-padded decimal, for device ids such as {@code TRE-001}. */
    static String padded(String prefix, int number, int width) {
        String digits = Integer.toString(number);
        StringBuilder id = new StringBuilder(prefix.length() + Math.max(width, digits.length()));
        id.append(prefix);
        for (int i = digits.length(); i < width; i++) {
            id.append('0');
        }
        return id.append(digits).toString();
    }

    @Override
    public String toString() {
        return family + "/" + deviceId + "[" + phase() + "]";
    }
}
