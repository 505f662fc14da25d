package dev.telemetry.simulator.generator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class JsonBytesTest {

    @Test
    void writesRoundedDoublesExactlyAsDoubleToString() {
        SplittableRandom rng = new SplittableRandom(1);
        JsonBytes json = new JsonBytes();
        for (int decimals = 0; decimals <= 6; decimals++) {
            double scale = Math.pow(10, decimals);
            for (double magnitude : new double[] {1e-3, 1, 100, 1e4, 1e6, 5e7}) {
                for (int i = 0; i < 5_000; i++) {
                    double value =
                            Math.round((rng.nextDouble() * 2 - 1) * magnitude * scale) / scale;
                    json.reset();
                    json.decimal(value, decimals);
                    assertThat(text(json)).as("%s", value).isEqualTo(Double.toString(value));
                }
            }
        }
    }

    @Test
    void writesIntegersAndEdgeValuesLikeJackson() {
        JsonBytes json = new JsonBytes();
        json.integer(0);
        json.raw(JsonBytes.ascii(" "));
        json.integer(-1_718_928_000_123L);
        json.raw(JsonBytes.ascii(" "));
        json.integer(Long.MIN_VALUE);
        json.raw(JsonBytes.ascii(" "));
        json.decimal(0.0, 3);
        json.raw(JsonBytes.ascii(" "));
        json.decimal(100.0, 2);
        json.raw(JsonBytes.ascii(" "));
        json.decimal(-0.5, 1);
        json.raw(JsonBytes.ascii(" "));
        json.decimal(0.00004, 5);

        assertThat(text(json))
                .isEqualTo("0 -1718928000123 -9223372036854775808 0.0 100.0 -0.5 4.0E-5");
    }

    @Test
    void writesIntegersAsLongToString() {
        SplittableRandom rng = new SplittableRandom(2);
        JsonBytes json = new JsonBytes();
        for (int i = 0; i < 20_000; i++) {
            long value = rng.nextLong() >> rng.nextInt(64);
            json.reset();
            json.integer(value);
            assertThat(text(json)).isEqualTo(Long.toString(value));
        }
    }

    @Test
    void refusesIdentifiersThatWouldNeedEscaping() {
        JsonBytes json = new JsonBytes();

        assertThatThrownBy(() -> json.identifier("a\"b"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> json.identifier("é")).isInstanceOf(IllegalArgumentException.class);
    }

    private static String text(JsonBytes json) {
        return new String(json.toByteArray(), StandardCharsets.US_ASCII);
    }
}
