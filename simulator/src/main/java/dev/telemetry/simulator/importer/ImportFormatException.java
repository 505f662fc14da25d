package dev.telemetry.simulator.importer;

import java.io.IOException;

/** The input file is not in the format the importer expects. */
public final class ImportFormatException extends IOException {

    public ImportFormatException(String message) {
        super(message);
    }
}
