package dev.telemetry.simulator.io;

import static org.assertj.core.api.Assertions.assertThat;

import dev.telemetry.simulator.SimRecord;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonlRecordFileTest {

    private static final Clock CLOCK =
            Clock.fixed(Instant.parse("2030-01-01T00:00:00Z"), ZoneOffset.UTC);

    @TempDir Path dir;

    private static SimRecord record(String key, long timestamp, String payload) {
        return new SimRecord(key, timestamp, payload.getBytes(StandardCharsets.UTF_8));
    }

    private static String event(String device, long time, long seq) {
        return "{\"schema_version\":1,\"device_id\":\""
                + device
                + "\",\"family\":\"engine\",\"event_time\":"
                + time
                + ",\"seq\":"
                + seq
                + ",\"metrics\":{\"vibration_g\":1.25}}";
    }

    private static final List<SimRecord> RECORDS =
            List.of(
                    record("engine-001", 1000, event("engine-001", 1000, 1)),
                    record("engine-002", 1000, event("engine-002", 1000, 1)),
                    // Malformed: truncated JSON, as the bad-data injector writes it.
                    record(
                            "engine-001",
                            2000,
                            "{\"schema_version\":1,\"device_id\":\"engine-001\",\"family\":\"engine\","
                                    + "\"event_time\":2000,\"seq\":2,\"metr"),
                    // Non-ASCII and a bare NaN token must survive byte for byte.
                    record(
                            "engine-002",
                            2000,
                            "{\"device_id\":\"engine-002\",\"event_time\":2000,\"note\":\"Zürich °C\",\"x\":NaN}"),
                    record("engine-001", 3000, event("engine-001", 3000, 3)));

    private static List<SimRecord> readAll(RecordFileReader reader) throws IOException {
        List<SimRecord> records = new ArrayList<>();
        SimRecord record;
        while ((record = reader.next()) != null) {
            records.add(record);
        }
        return records;
    }

    private static void write(Path file, boolean gzip, List<SimRecord> records) throws IOException {
        try (JsonlFileSink sink = JsonlFileSink.open(file, gzip)) {
            for (SimRecord record : records) {
                sink.send(record);
            }
        }
    }

    private static void assertSameRecords(List<SimRecord> actual, List<SimRecord> expected) {
        assertThat(actual).hasSameSizeAs(expected);
        for (int i = 0; i < expected.size(); i++) {
            assertThat(actual.get(i).payload())
                    .as("payload %d", i)
                    .isEqualTo(expected.get(i).payload());
            assertThat(actual.get(i).key()).as("key %d", i).isEqualTo(expected.get(i).key());
            assertThat(actual.get(i).timestamp())
                    .as("timestamp %d", i)
                    .isEqualTo(expected.get(i).timestamp());
        }
    }

    @Test
    void shouldWriteOnePayloadPerLineVerbatim() throws IOException {
        Path file = dir.resolve("records.jsonl");

        write(file, false, RECORDS);

        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        assertThat(lines)
                .containsExactlyElementsOf(
                        RECORDS.stream()
                                .map(r -> new String(r.payload(), StandardCharsets.UTF_8))
                                .toList());
    }

    @Test
    void shouldRoundTripGzipFilesIncludingMalformedLines() throws IOException {
        Path file = dir.resolve("records.jsonl.gz");

        write(file, false, RECORDS);

        assertThat(Files.readAllBytes(file)).startsWith((byte) 0x1f, (byte) 0x8b);
        try (RecordFileReader reader = RecordFileReader.open(file, CLOCK)) {
            assertSameRecords(readAll(reader), RECORDS);
        }
    }

    @Test
    void shouldCompressWithTheGzipFlagWhateverTheNameAndDetectItOnReading() throws IOException {
        Path file = dir.resolve("records.data");

        write(file, true, RECORDS);

        assertThat(Files.readAllBytes(file)).startsWith((byte) 0x1f, (byte) 0x8b);
        try (RecordFileReader reader = RecordFileReader.open(file, CLOCK)) {
            assertSameRecords(readAll(reader), RECORDS);
        }
    }

    @Test
    void shouldWriteIdenticalGzipBytesForIdenticalRecords() throws IOException {
        Path first = dir.resolve("a.jsonl.gz");
        Path second = dir.resolve("b.jsonl.gz");

        write(first, false, RECORDS);
        write(second, false, RECORDS);

        assertThat(Files.readAllBytes(first)).isEqualTo(Files.readAllBytes(second));
    }

    @Test
    void shouldGiveLinesWithoutKeyOrTimeANullKeyAndThePreviousTimestamp() throws IOException {
        String text = event("vehicle-001", 5000, 1) + "\n" + "garbage\n" + "\n" + "{\"seq\":2}\r\n";

        List<SimRecord> records = readAll(reader(text));

        assertThat(records).extracting(SimRecord::key).containsExactly("vehicle-001", null, null);
        assertThat(records).extracting(SimRecord::timestamp).containsExactly(5000L, 5000L, 5000L);
        assertThat(new String(records.get(2).payload(), StandardCharsets.UTF_8))
                .isEqualTo("{\"seq\":2}");
    }

    @Test
    void shouldGiveLeadingLinesWithoutTimeTheFirstTimestampFound() throws IOException {
        String text = "garbage\n{\"device_id\":\"x\"}\n" + event("vehicle-001", 7000, 1);

        List<SimRecord> records = readAll(reader(text));

        assertThat(records).extracting(SimRecord::timestamp).containsExactly(7000L, 7000L, 7000L);
        assertThat(records).extracting(SimRecord::key).containsExactly(null, "x", "vehicle-001");
    }

    private static RecordFileReader reader(String text) {
        InputStream in = new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
        return new RecordFileReader(in, CLOCK);
    }
}
