package dev.telemetry.bench;

/**
 * A performance target of the issue and where this run stands against it.
 *
 * @param name the target as stated
 * @param measured the figure that decides it
 * @param unit the figure's unit
 * @param met whether the figure meets the target
 * @param note which measurement it comes from and any caveat
 */
public record Target(String name, double measured, String unit, boolean met, String note) {

    /** Met if {@code measured >= threshold}. */
    public static Target atLeast(
            String name, double measured, double threshold, String unit, String note) {
        return new Target(
                name, measured, unit, !Double.isNaN(measured) && measured >= threshold, note);
    }

    /** Met if {@code measured <= threshold}. */
    public static Target atMost(
            String name, double measured, double threshold, String unit, String note) {
        return new Target(
                name, measured, unit, !Double.isNaN(measured) && measured <= threshold, note);
    }
}
