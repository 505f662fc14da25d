package dev.telemetry.simulator.cli;

import dev.telemetry.simulator.importer.ImportResult;
import dev.telemetry.simulator.importer.OutOfRangePolicy;
import dev.telemetry.simulator.io.CountingSink;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Options and flow shared by the importers: input file, range policy, file or Kafka output. */
abstract class ImportSupport extends CommandBase {

    @Option(names = "--file", required = true, paramLabel = "CSV", description = "Input file.")
    Path input;

    @Option(
            names = "--out-of-range",
            defaultValue = "skip",
            paramLabel = "POLICY",
            converter = OutOfRangePolicyConverter.class,
            description =
                    "Values outside the metric's valid range: skip the row, clamp the value,"
                            + " or keep it (the pipeline then rejects it). Default: ${DEFAULT-VALUE}.")
    OutOfRangePolicy outOfRange;

    @Mixin FileOutputOptions file;

    @Mixin KafkaOptions kafka;

    /** Checks the input, opens the output, runs the import and reports counts. */
    protected int runImport(ImportRun importRun) throws Exception {
        if (!Files.isRegularFile(input)) {
            throw new NoSuchFileException(input.toString());
        }
        // Declared first so it is closed last: the shutdown hook waits until outputs are closed.
        try (StopOnShutdown stop = StopOnShutdown.interruptingCurrentThread();
                Output output = openOutput(file, kafka);
                CountingSink sink = new CountingSink(new InterruptibleSink(output))) {
            long started = System.nanoTime();
            ImportResult result;
            try (ProgressReporter ignored = progress(output, sink::count)) {
                result = importRun.run(sink);
            }
            output.close();
            info(
                    String.format(
                            Locale.ROOT,
                            "%,d rows: %s to %s; %,d malformed rows skipped; %,d rows out of range"
                                    + " (%s)",
                            result.rows(),
                            ProgressReporter.summary(
                                    result.written(), "events", System.nanoTime() - started),
                            output.description(),
                            result.malformed(),
                            result.outOfRange(),
                            outOfRange.name().toLowerCase(Locale.ROOT)));
            return deliveryOutcome(output, result.written());
        }
    }
}
