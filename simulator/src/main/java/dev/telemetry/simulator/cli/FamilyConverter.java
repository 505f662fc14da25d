package dev.telemetry.simulator.cli;

import dev.telemetry.model.Family;
import java.util.Arrays;
import java.util.stream.Collectors;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Parses a family by its wire id, case-insensitively. */
public final class FamilyConverter implements ITypeConverter<Family> {

    /** The valid ids, for messages and help. */
    static final String CHOICES =
            Arrays.stream(Family.values()).map(Family::id).collect(Collectors.joining(", "));

    @Override
    public Family convert(String value) {
        return Family.fromId(value.trim())
                .orElseThrow(
                        () ->
                                new TypeConversionException(
                                        "unknown family '"
                                                + value
                                                + "' (choose from "
                                                + CHOICES
                                                + ")"));
    }
}
