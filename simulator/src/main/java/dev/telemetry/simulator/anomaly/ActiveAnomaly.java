package dev.telemetry.simulator.anomaly;

import dev.telemetry.model.label.AnomalyType;

/**
 * One anomaly in progress on one device: its type, the metric it concerns, its magnitude and how
 * many readings it affects. Device models read it to shape their output; the {@link
 * AnomalyInjector} advances it after every reading.
 *
 * <p>An anomaly spans {@link #readings()} consecutive readings: a main part (the spike, the rise,
 * the displacement...; see {@link #inMainPart()}) followed, for some types, by a recovery or return
 * part. The ground-truth label covers all of them.
 */
public final class ActiveAnomaly {

    private final AnomalyType type;
    private final String metric;
    private final int metricIndex;
    private final double magnitude;
    private final int mainReadings;
    private final int readings;
    private int reading;
    private long onset;
    private long end;
    private double frozenValue;

    ActiveAnomaly(
            AnomalyType type,
            String metric,
            int metricIndex,
            double magnitude,
            int mainReadings,
            int readings) {
        this.type = type;
        this.metric = metric;
        this.metricIndex = metricIndex;
        this.magnitude = magnitude;
        this.mainReadings = mainReadings;
        this.readings = readings;
    }

    public AnomalyType type() {
        return type;
    }

    /** The metric concerned (a catalogue name, or {@code position}), or null. */
    public String metric() {
        return metric;
    }

    /** Catalogue index of {@link #metric()} in the device's family, or -1. */
    public int metricIndex() {
        return metricIndex;
    }

    /** The type-specific magnitude; see {@link AnomalyInjector} for its unit per type. */
    public double magnitude() {
        return magnitude;
    }

    /** All readings the anomaly affects. */
    public int readings() {
        return readings;
    }

    /** Index of the current reading within the anomaly, from 0. */
    public int reading() {
        return reading;
    }

    /** True while the current reading belongs to the main part. */
    public boolean inMainPart() {
        return reading < mainReadings;
    }

    /**
     * Offset of a steady rise at {@link #magnitude()} units per second through the main part,
     * falling back linearly to zero through the recovery part (never reaching it inside the
     * anomaly, so every labelled reading is affected).
     */
    public double riseThenRecover(double dtSeconds) {
        double peak = magnitude * mainReadings * dtSeconds;
        if (inMainPart()) {
            return magnitude * (reading + 1) * dtSeconds;
        }
        int recovery = readings - mainReadings;
        int into = reading - mainReadings + 1;
        return peak * (1 - (double) into / (recovery + 1));
    }

    /**
     * For a frozen sensor: remembers the value of the first reading and returns it for every
     * reading.
     */
    public double freeze(double value) {
        if (reading == 0) {
            frozenValue = value;
        }
        return frozenValue;
    }

    /** Records that the current reading (at {@code eventTime}) has been generated. */
    void advance(long eventTime) {
        if (reading == 0) {
            onset = eventTime;
        }
        end = eventTime;
        reading++;
    }

    boolean finished() {
        return reading >= readings;
    }

    long onset() {
        return onset;
    }

    long end() {
        return end;
    }
}
