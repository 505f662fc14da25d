package dev.telemetry.simulator.cli;

import dev.telemetry.simulator.RecordSink;
import dev.telemetry.simulator.importer.ImportResult;
import java.io.IOException;

/** Runs one import into the chosen output. */
@FunctionalInterface
interface ImportRun {
    ImportResult run(RecordSink out) throws IOException;
}
