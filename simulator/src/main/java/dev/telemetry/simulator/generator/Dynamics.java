package dev.telemetry.simulator.generator;

import java.util.random.RandomGenerator;

/**
 * Discrete-time building blocks of the device physics: first-order lags (thermal inertia),
 * Ornstein–Uhlenbeck drifts (smooth random variation) and easing curves. Coefficients depend only
 * on the tick length, so each family computes them once per simulation.
 */
final class Dynamics {

    private Dynamics() {}

    /**
     * A first-order lag with time constant {@code tau}: each tick closes the fraction {@code alpha}
     * of the gap to the target, exactly as the continuous system would.
     */
    record Lag(double alpha) {
        static Lag of(double dtSeconds, double tauSeconds) {
            return new Lag(1 - Math.exp(-dtSeconds / tauSeconds));
        }

        double next(double value, double target) {
            return value + (target - value) * alpha;
        }
    }

    /**
     * The exact discretisation of an Ornstein–Uhlenbeck process with time constant {@code tau} and
     * stationary standard deviation {@code sigma}: a value that wanders smoothly around a mean.
     */
    record Ou(double decay, double shock) {
        static Ou of(double dtSeconds, double tauSeconds, double sigma) {
            double decay = Math.exp(-dtSeconds / tauSeconds);
            return new Ou(decay, sigma * Math.sqrt(1 - decay * decay));
        }

        double next(double value, double mean, RandomGenerator rng) {
            return mean + (value - mean) * decay + shock * rng.nextGaussian();
        }
    }

    /** Smooth 0→1 easing with zero slope at both ends; {@code x} is clamped to [0, 1]. */
    static double smoothstep(double x) {
        double t = clamp(x, 0, 1);
        return t * t * (3 - 2 * t);
    }

    static double clamp(double x, double min, double max) {
        return Math.max(min, Math.min(max, x));
    }

    /** Uniform in [min, max). */
    static double uniform(RandomGenerator rng, double min, double max) {
        return min + (max - min) * rng.nextDouble();
    }
}
