package dev.telemetry.job.serde;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.telemetry.job.model.DeadLetter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The JSON form of a dead letter on the dead-letter topic, with a fixed field order:
 *
 * <pre>{@code
 * {"reason":"OUT_OF_RANGE","detail":"...","family":"engine","device_id":"ENG-001",
 *  "source":{"topic":"telemetry","partition":0,"offset":42,"timestamp":1700000000000},
 *  "key":"ENG-001","ingest_time":1700000000123,"payload_size":312,"payload_truncated":false,
 *  "payload_encoding":"utf-8","payload":"{...}"}
 * }</pre>
 *
 * The payload is the text when it is valid UTF-8, else Base64 ({@code payload_encoding} "base64").
 * {@code ingest_time} is wall-clock time and differs between replays.
 */
public final class DeadLetterJson {

    private static final JsonFactory FACTORY = new JsonFactory();

    private DeadLetterJson() {}

    public static byte[] toBytes(DeadLetter letter) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256 + letter.payload.length);
        try (JsonGenerator gen = FACTORY.createGenerator(out)) {
            gen.writeStartObject();
            gen.writeStringField("reason", letter.reason.name());
            gen.writeStringField("detail", letter.detail);
            gen.writeStringField("family", letter.family);
            gen.writeStringField("device_id", letter.deviceId);
            gen.writeObjectFieldStart("source");
            gen.writeStringField("topic", letter.sourceTopic);
            gen.writeNumberField("partition", letter.sourcePartition);
            gen.writeNumberField("offset", letter.sourceOffset);
            gen.writeNumberField("timestamp", letter.recordTimestamp);
            gen.writeEndObject();
            gen.writeStringField("key", letter.recordKey);
            gen.writeNumberField("ingest_time", letter.ingestTime);
            gen.writeNumberField("payload_size", letter.payloadSize);
            gen.writeBooleanField("payload_truncated", letter.payloadTruncated());
            String text = utf8OrNull(letter.payload);
            if (text != null) {
                gen.writeStringField("payload_encoding", "utf-8");
                gen.writeStringField("payload", text);
            } else {
                gen.writeStringField("payload_encoding", "base64");
                gen.writeStringField("payload", Base64.getEncoder().encodeToString(letter.payload));
            }
            gen.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** The bytes as text if they are valid UTF-8 without NUL characters, else null. */
    static String utf8OrNull(byte[] bytes) {
        try {
            String text =
                    StandardCharsets.UTF_8
                            .newDecoder()
                            .onMalformedInput(CodingErrorAction.REPORT)
                            .onUnmappableCharacter(CodingErrorAction.REPORT)
                            .decode(ByteBuffer.wrap(bytes))
                            .toString();
            return text.indexOf('\u0000') >= 0 ? null : text;
        } catch (CharacterCodingException e) {
            return null;
        }
    }
}
