package dev.telemetry.simulator.cli;

import dev.telemetry.simulator.importer.OpenSkyStateImporter;
import picocli.CommandLine.Command;

/** Imports OpenSky Network state vectors as flight events. */
@Command(
        name = "opensky",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Import OpenSky state vectors (historical CSV: time,icao24,lat,lon,velocity,heading,"
                    + "vertrate,callsign,onground,...,baroaltitude,...) as flight events.",
            "icao24 = device id; phase: on ground → taxi, vertrate > 2 → climb, < -2 → descent,"
                    + " else cruise; rows without lat/lon carry no position."
        })
public final class ImportOpenSkyCommand extends ImportSupport {

    @Override
    protected int execute() throws Exception {
        OpenSkyStateImporter importer = new OpenSkyStateImporter(outOfRange);
        return runImport(sink -> importer.importFile(input, sink));
    }
}
