package dev.telemetry.simulator.generator;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A reusable byte buffer that writes JSON tokens exactly as Jackson does for {@link
 * dev.telemetry.model.TelemetryJson}: integers in decimal, doubles as {@link Double#toString}
 * would, identifier strings unescaped. Lets the simulator emit millions of events per second
 * without building an event object and a generator for each.
 */
final class JsonBytes {

    private static final long[] POWERS_OF_TEN = {
        1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000
    };

    private static final byte[] ZERO = ascii("0.0");

    /** "00", "01", ... "99", for writing integers two digits at a time. */
    private static final byte[] DIGIT_PAIRS = digitPairs();

    private final byte[] digits = new byte[20];
    private byte[] buffer = new byte[512];
    private int length;

    static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    void reset() {
        length = 0;
    }

    byte[] toByteArray() {
        return Arrays.copyOf(buffer, length);
    }

    void raw(byte[] bytes) {
        ensure(bytes.length);
        System.arraycopy(bytes, 0, buffer, length, bytes.length);
        length += bytes.length;
    }

    /**
     * Writes the characters of an identifier (device id, phase, callsign) between quotes the caller
     * wrote; such strings need no escaping, anything else is refused.
     */
    void identifier(String text) {
        ensure(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c > 0x7E || c == '"' || c == '\\') {
                throw new IllegalArgumentException("not a plain identifier: " + text);
            }
            buffer[length++] = (byte) c;
        }
    }

    void integer(long value) {
        if (value == Long.MIN_VALUE) {
            raw(ascii(Long.toString(value)));
            return;
        }
        ensure(20);
        long v = value;
        if (v < 0) {
            buffer[length++] = '-';
            v = -v;
        }
        // Two digits per division: event times have 13 of them.
        int start = digits.length;
        while (v >= 100) {
            int pair = (int) (v % 100) * 2;
            v /= 100;
            digits[--start] = DIGIT_PAIRS[pair + 1];
            digits[--start] = DIGIT_PAIRS[pair];
        }
        int pair = (int) v * 2;
        digits[--start] = DIGIT_PAIRS[pair + 1];
        if (v >= 10) {
            digits[--start] = DIGIT_PAIRS[pair];
        }
        System.arraycopy(digits, start, buffer, length, digits.length - start);
        length += digits.length - start;
    }

    /**
     * Writes a double that was rounded to {@code decimals} (0..8) decimal places, producing the
     * same text as {@link Double#toString}: for such values in [0.001, 10^7) that is the plain
     * decimal with trailing zeros dropped (at least one fraction digit); outside that range it uses
     * {@link Double#toString} itself (scientific notation).
     */
    void decimal(double value, int decimals) {
        double magnitude = Math.abs(value);
        if (value == 0) {
            raw(ZERO);
            return;
        }
        if (magnitude < 1e-3 || magnitude >= 1e7 || !Double.isFinite(value)) {
            raw(ascii(Double.toString(value)));
            return;
        }
        long scale = POWERS_OF_TEN[decimals];
        long scaled = Math.round(magnitude * scale);
        if (value < 0) {
            ensure(1);
            buffer[length++] = '-';
        }
        integer(scaled / scale);
        ensure(decimals + 1);
        buffer[length++] = '.';
        long fraction = scaled % scale;
        if (fraction == 0) {
            buffer[length++] = '0';
            return;
        }
        int places = decimals;
        while (fraction % 10 == 0) {
            fraction /= 10;
            places--;
        }
        for (int i = places - 1; i >= 0; i--) {
            buffer[length + i] = (byte) ('0' + fraction % 10);
            fraction /= 10;
        }
        length += places;
    }

    private static byte[] digitPairs() {
        byte[] pairs = new byte[200];
        for (int i = 0; i < 100; i++) {
            pairs[2 * i] = (byte) ('0' + i / 10);
            pairs[2 * i + 1] = (byte) ('0' + i % 10);
        }
        return pairs;
    }

    private void ensure(int extra) {
        if (length + extra > buffer.length) {
            buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, length + extra));
        }
    }
}
