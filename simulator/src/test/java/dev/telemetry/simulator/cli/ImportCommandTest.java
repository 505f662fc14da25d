package dev.telemetry.simulator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.telemetry.model.TelemetryJson;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImportCommandTest {

    @TempDir Path dir;

    private static String resource(String name) throws Exception {
        return Path.of(ImportCommandTest.class.getResource(name).toURI()).toString();
    }

    @Test
    void shouldImportANabFileIntoAReplayableJsonLinesFile() throws Exception {
        Path out = dir.resolve("nab.jsonl");

        CliRun run =
                CliRun.run(
                        "import", "nab",
                        "--file", resource("/nab/ambient_temperature_system_failure_excerpt.csv"),
                        "--device", "office-1",
                        "--family", "energy",
                        "--metric", "temperature_c",
                        "--scale", "0.5555556",
                        "--offset", "-17.7777778",
                        "--out", out.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        List<String> lines = Files.readAllLines(out, StandardCharsets.UTF_8);
        assertThat(lines).hasSize(168);
        assertThat(lines)
                .allSatisfy(line -> assertThat(TelemetryJson.decode(line).isOk()).isTrue());
        assertThat(run.errLines())
                .singleElement()
                .asString()
                .startsWith("simulator import nab: 168 rows: 168 events in")
                .contains("0 malformed rows skipped; 0 rows out of range (skip)");
    }

    @Test
    void shouldImportOpenSkyStatesIntoAGzipFileAndReportSkippedRows() throws Exception {
        Path out = dir.resolve("flights.jsonl.gz");

        CliRun run =
                CliRun.run(
                        "import", "opensky",
                        "--file", resource("/opensky/states_fixture.csv"),
                        "--out", out.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(Files.readAllBytes(out)).startsWith((byte) 0x1f, (byte) 0x8b);
        assertThat(run.errLines())
                .singleElement()
                .asString()
                .contains("16 rows: 14 events")
                .contains("1 malformed rows skipped; 1 rows out of range (skip)");
    }

    @Test
    void shouldReportAFileInTheWrongFormatInOneLine() throws Exception {
        Path csv = Files.writeString(dir.resolve("other.csv"), "a,b\n1,2\n");

        CliRun run =
                CliRun.run(
                        "import",
                        "nab",
                        "--file",
                        csv.toString(),
                        "--device",
                        "d1",
                        "--family",
                        "energy",
                        "--metric",
                        "temperature_c",
                        "--out",
                        dir.resolve("o.jsonl").toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.errLines())
                .containsExactly(
                        "simulator import nab: not a NAB file: expected header 'timestamp,value'"
                                + " but found 'a,b'");
    }
}
