package dev.telemetry.bench;

/**
 * One measured figure next to the baseline it is judged against, both taken in the same run on the
 * same machine; only the ratio is comparable between runs on a shared machine.
 *
 * @param id stable identifier, e.g. {@code throughput.job.p2}
 * @param what what was measured
 * @param value the measurement
 * @param unit its unit
 * @param baseline what the baseline measured
 * @param baselineValue the baseline's measurement, in the same unit
 * @param load1 one-minute load average when the measurement ended
 * @param note how it was measured, where that is not obvious
 */
public record Figure(
        String id,
        String what,
        double value,
        String unit,
        String baseline,
        double baselineValue,
        double load1,
        String note) {

    /** {@code value / baselineValue}, or NaN without a baseline value. */
    public double ratio() {
        return baselineValue == 0 || Double.isNaN(baselineValue)
                ? Double.NaN
                : value / baselineValue;
    }
}
