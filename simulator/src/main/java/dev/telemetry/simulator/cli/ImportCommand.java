package dev.telemetry.simulator.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** Groups the importers of public data sets. */
@Command(
        name = "import",
        mixinStandardHelpOptions = true,
        synopsisSubcommandLabel = "SOURCE",
        description = "Convert a public data set into telemetry events (JSON Lines file or Kafka).",
        subcommands = {ImportNabCommand.class, ImportOpenSkyCommand.class})
public final class ImportCommand implements Runnable {

    @Spec CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "missing source: nab or opensky");
    }
}
