package dev.telemetry.simulator.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Output to a JSON Lines file. */
public final class FileOutputOptions {

    @Option(
            names = "--out",
            paramLabel = "FILE",
            description = "Write JSON Lines to FILE ('-' for stdout); '.gz' compresses.")
    Path out;

    @Option(names = "--gzip", description = "Gzip the output regardless of the file name.")
    boolean gzip;

    boolean isSet() {
        return out != null;
    }
}
