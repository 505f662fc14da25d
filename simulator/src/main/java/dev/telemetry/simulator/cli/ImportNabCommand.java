package dev.telemetry.simulator.cli;

import dev.telemetry.model.EventValidator;
import dev.telemetry.model.Family;
import dev.telemetry.model.MetricDefinition;
import dev.telemetry.model.Metrics;
import dev.telemetry.simulator.importer.NabCsvImporter;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Imports a Numenta Anomaly Benchmark series as one device's metric. */
@Command(
        name = "nab",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Import a NAB data file (timestamp,value; timestamps read as UTC) as events of one"
                    + " device: seq = row number, value * scale + offset into the chosen metric.",
            "Example: --file machine_temperature_system_failure.csv --device site-1 --family"
                    + " energy --metric temperature_c --scale 0.5556 --offset -17.78 (°F to °C)."
        })
public final class ImportNabCommand extends ImportSupport {

    @Option(names = "--device", required = true, paramLabel = "ID", description = "Device id.")
    String device;

    @Option(
            names = "--family",
            required = true,
            converter = FamilyConverter.class,
            description = "Family of the device: engine, vehicle, flight or energy.")
    Family family;

    @Option(
            names = "--metric",
            required = true,
            paramLabel = "NAME",
            description = "Metric of the family that receives the values, e.g. temperature_c.")
    String metric;

    @Option(
            names = "--scale",
            defaultValue = "1",
            description = "Multiply each value by this (default: ${DEFAULT-VALUE}).")
    double scale;

    @Option(
            names = "--offset",
            defaultValue = "0",
            description = "Then add this (default: ${DEFAULT-VALUE}).")
    double offset;

    @Override
    protected int execute() throws Exception {
        if (device.length() > EventValidator.MAX_DEVICE_ID_LENGTH
                || !EventValidator.DEVICE_ID_PATTERN.matcher(device).matches()) {
            throw usage(
                    "--device '"
                            + device
                            + "' must be 1-"
                            + EventValidator.MAX_DEVICE_ID_LENGTH
                            + " characters of [A-Za-z0-9._:-]");
        }
        MetricDefinition definition =
                Metrics.find(family, metric)
                        .orElseThrow(
                                () ->
                                        usage(
                                                "family "
                                                        + family
                                                        + " has no metric '"
                                                        + metric
                                                        + "' (choose from "
                                                        + Metrics.of(family).stream()
                                                                .map(MetricDefinition::name)
                                                                .collect(Collectors.joining(", "))
                                                        + ")"));
        if (!Double.isFinite(scale) || !Double.isFinite(offset)) {
            throw usage("--scale and --offset must be finite numbers");
        }
        NabCsvImporter importer = new NabCsvImporter(device, definition, scale, offset, outOfRange);
        return runImport(sink -> importer.importFile(input, sink));
    }
}
