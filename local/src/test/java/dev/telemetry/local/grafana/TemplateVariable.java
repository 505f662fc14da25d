package dev.telemetry.local.grafana;

import java.util.List;
import java.util.Objects;

/**
 * A dashboard template variable with its current selection, as the query interpolation sees it.
 *
 * @param name the name used as {@code $name}
 * @param multi whether several values may be selected
 * @param includeAll whether the variable offers "All"
 * @param allValue the custom value "All" stands for, or {@code null} for all the options
 * @param options the values the variable's query returned
 * @param selected the selected values; ignored when {@code allSelected}
 * @param allSelected whether "All" is selected
 */
public record TemplateVariable(
        String name,
        boolean multi,
        boolean includeAll,
        String allValue,
        List<String> options,
        List<String> selected,
        boolean allSelected) {

    public TemplateVariable {
        Objects.requireNonNull(name, "name");
        options = List.copyOf(options);
        selected = List.copyOf(selected);
        if (allSelected && !includeAll) {
            throw new IllegalArgumentException(name + " offers no All");
        }
        if (!allSelected && !multi && selected.size() != 1) {
            throw new IllegalArgumentException(name + " takes exactly one value: " + selected);
        }
    }

    /** A single-value variable set to {@code value}. */
    public static TemplateVariable single(String name, String value) {
        return new TemplateVariable(
                name, false, false, null, List.of(value), List.of(value), false);
    }

    /** A multi-value variable with "All" and no custom all value, with "All" selected. */
    public static TemplateVariable all(String name, List<String> options) {
        return new TemplateVariable(name, true, true, null, options, List.of(), true);
    }

    /** This variable with {@code values} selected instead. */
    public TemplateVariable select(List<String> values) {
        return new TemplateVariable(name, multi, includeAll, allValue, options, values, false);
    }

    /** The values the selection stands for: the options when "All" is selected. */
    public List<String> values() {
        return allSelected ? options : selected;
    }
}
