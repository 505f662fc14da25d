package dev.telemetry.simulator.cli;

import dev.telemetry.simulator.importer.OutOfRangePolicy;
import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Parses {@code skip}, {@code clamp} or {@code keep}, case-insensitively. */
public final class OutOfRangePolicyConverter implements ITypeConverter<OutOfRangePolicy> {

    @Override
    public OutOfRangePolicy convert(String value) {
        try {
            return OutOfRangePolicy.valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new TypeConversionException("'" + value + "' is not one of skip, clamp, keep");
        }
    }
}
