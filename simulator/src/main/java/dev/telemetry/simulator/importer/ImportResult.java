package dev.telemetry.simulator.importer;

/**
 * Counts from one import.
 *
 * @param rows data rows read (header excluded)
 * @param written events written
 * @param malformed rows skipped because a required field was missing or unparseable
 * @param outOfRange rows with a value outside its metric's range (skipped, clamped or kept as the
 *     {@link OutOfRangePolicy} says)
 */
public record ImportResult(long rows, long written, long malformed, long outOfRange) {}
