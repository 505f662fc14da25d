package dev.telemetry.simulator.generator;

import dev.telemetry.model.Family;

/**
 * Derives independent, reproducible seeds from the simulation seed, so that a device behaves the
 * same whichever other families or devices are simulated alongside it.
 */
public final class Seeds {

    private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;

    private Seeds() {}

    /** The seed of one device, from the simulation seed, its family and its index in the family. */
    public static long forDevice(long seed, Family family, int index) {
        return mix(mix(seed + GOLDEN_GAMMA * (family.ordinal() + 1)) + GOLDEN_GAMMA * index);
    }

    /**
     * A seed for one purpose (a salt), independent of other purposes derived from the same seed.
     */
    public static long derive(long seed, long salt) {
        return mix(seed ^ mix(salt * GOLDEN_GAMMA));
    }

    /** The SplitMix64 finaliser: a bijective, well-avalanching scramble of 64 bits. */
    public static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
