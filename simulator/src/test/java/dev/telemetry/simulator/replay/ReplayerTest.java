package dev.telemetry.simulator.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.telemetry.model.DecodeResult;
import dev.telemetry.model.TelemetryJson;
import dev.telemetry.simulator.SimRecord;
import dev.telemetry.simulator.io.CollectingSink;
import dev.telemetry.simulator.io.RecordFileReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReplayerTest {

    private static final Instant NOW = Instant.parse("2030-06-01T12:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    private static String event(String device, long time, long seq) {
        return "{\"schema_version\":1,\"device_id\":\""
                + device
                + "\",\"family\":\"energy\",\"event_time\":"
                + time
                + ",\"seq\":"
                + seq
                + ",\"metrics\":{\"temperature_c\":21.5}}";
    }

    /** Irregular gaps, two devices, a malformed line and an out-of-order record. */
    private static final String FILE =
            String.join(
                            "\n",
                            event("site-1", 1_000_000, 1),
                            event("site-2", 1_000_000, 1),
                            event("site-1", 1_000_250, 2),
                            "{\"schema_version\":1,\"device_id\":\"site-2\",\"event_time\":1000700,\"se",
                            event("site-1", 1_001_900, 3),
                            event("site-2", 1_001_500, 2),
                            event("site-1", 1_005_000, 4))
                    + "\n";

    private static RecordFileReader reader() {
        return new RecordFileReader(
                new ByteArrayInputStream(FILE.getBytes(StandardCharsets.UTF_8)), CLOCK);
    }

    private static List<String> lines() {
        return List.of(FILE.split("\n"));
    }

    private static String text(SimRecord record) {
        return new String(record.payload(), StandardCharsets.UTF_8);
    }

    @Test
    void shouldKeepOrderAndScaledGapsAtTenTimesSpeed() throws IOException {
        FakeTicker ticker = new FakeTicker(0);
        CollectingSink sink = new CollectingSink(ticker::nanoTime);

        long sent = new Replayer(new Pacer(10, ticker), false, CLOCK).replay(reader(), sink);

        assertThat(sent).isEqualTo(7);
        assertThat(sink.records())
                .extracting(ReplayerTest::text)
                .containsExactlyElementsOf(lines());
        // Expected arrival (ms after the first) = (max event time so far - first) / 10.
        long[] expectedMillis = {0, 0, 25, 70, 190, 190, 500};
        List<Long> arrivals = sink.arrivals();
        for (int i = 0; i < expectedMillis.length; i++) {
            assertThat((arrivals.get(i) - arrivals.get(0)) / 1e6)
                    .as("arrival of record %d", i)
                    .isCloseTo(expectedMillis[i], within(0.001));
        }
    }

    @Test
    void shouldSendEverythingWithoutWaitingAtMaxSpeed() throws IOException {
        FakeTicker ticker = new FakeTicker(0);
        CollectingSink sink = new CollectingSink(ticker::nanoTime);

        new Replayer(new Pacer(Pacer.MAX_SPEED, ticker), false, CLOCK).replay(reader(), sink);

        assertThat(sink.arrivals()).containsOnly(0L);
        assertThat(sink.records()).hasSize(7);
    }

    @Test
    void shouldReplayTheSamePayloadsKeysAndTimestampsEveryTime() throws IOException {
        CollectingSink first = new CollectingSink();
        CollectingSink second = new CollectingSink();
        Replayer replayer = new Replayer(new Pacer(Pacer.MAX_SPEED, Ticker.system()), false, CLOCK);

        replayer.replay(reader(), first);
        replayer.replay(reader(), second);

        assertThat(second.records()).hasSameSizeAs(first.records());
        for (int i = 0; i < first.records().size(); i++) {
            SimRecord a = first.records().get(i);
            SimRecord b = second.records().get(i);
            assertThat(b.payload()).isEqualTo(a.payload());
            assertThat(b.key()).isEqualTo(a.key());
            assertThat(b.timestamp()).isEqualTo(a.timestamp());
        }
        assertThat(first.records())
                .extracting(SimRecord::key)
                .containsExactly(
                        "site-1", "site-2", "site-1", "site-2", "site-1", "site-2", "site-1");
        assertThat(first.records())
                .extracting(SimRecord::timestamp)
                .containsExactly(
                        1_000_000L,
                        1_000_000L,
                        1_000_250L,
                        1_000_700L,
                        1_001_900L,
                        1_001_500L,
                        1_005_000L);
    }

    @Test
    void shouldShiftEventTimesSoTheFirstRecordHappensNow() throws IOException {
        CollectingSink sink = new CollectingSink();
        long offset = NOW.toEpochMilli() - 1_000_000;

        new Replayer(new Pacer(Pacer.MAX_SPEED, Ticker.system()), true, CLOCK)
                .replay(reader(), sink);

        List<SimRecord> records = sink.records();
        assertThat(records.get(0).timestamp()).isEqualTo(NOW.toEpochMilli());
        for (int i = 0; i < records.size(); i++) {
            SimRecord record = records.get(i);
            String original = lines().get(i);
            if (i == 3) {
                // Malformed: byte-identical, but its timestamp is shifted like the others.
                assertThat(text(record)).isEqualTo(original);
                assertThat(record.timestamp()).isEqualTo(1_000_700 + offset);
                continue;
            }
            DecodeResult decoded = TelemetryJson.decode(record.payload());
            assertThat(decoded.isOk()).isTrue();
            long originalTime = TelemetryJson.decode(original).event().eventTime();
            assertThat(decoded.event().eventTime()).isEqualTo(originalTime + offset);
            assertThat(record.timestamp()).isEqualTo(originalTime + offset);
            assertThat(text(record))
                    .isEqualTo(
                            original.replace(
                                    "\"event_time\":" + originalTime,
                                    "\"event_time\":" + (originalTime + offset)));
        }
    }
}
