package dev.telemetry.job.serde;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.telemetry.job.model.DeadLetter;
import dev.telemetry.model.RejectReason;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class DeadLetterJsonTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private static DeadLetter letter(byte[] payload, int size) {
        DeadLetter letter = new DeadLetter();
        letter.reason = RejectReason.WRONG_TYPE;
        letter.detail = "field 'seq' must be an integer";
        letter.family = "engine";
        letter.deviceId = "ENG-1";
        letter.sourceTopic = "telemetry";
        letter.sourcePartition = 2;
        letter.sourceOffset = 17;
        letter.recordTimestamp = 1000;
        letter.recordKey = "ENG-1";
        letter.ingestTime = 2000;
        letter.payload = payload;
        letter.payloadSize = size;
        return letter;
    }

    @Test
    void shouldWriteReasonDetailSourceCoordinatesAndTextPayload() throws Exception {
        byte[] payload = "{\"seq\":\"x\"}".getBytes(StandardCharsets.UTF_8);

        JsonNode json = MAPPER.readTree(DeadLetterJson.toBytes(letter(payload, payload.length)));

        assertThat(json.get("reason").asText()).isEqualTo("WRONG_TYPE");
        assertThat(json.get("detail").asText()).contains("seq");
        assertThat(json.at("/source/topic").asText()).isEqualTo("telemetry");
        assertThat(json.at("/source/partition").asInt()).isEqualTo(2);
        assertThat(json.at("/source/offset").asLong()).isEqualTo(17);
        assertThat(json.at("/source/timestamp").asLong()).isEqualTo(1000);
        assertThat(json.get("ingest_time").asLong()).isEqualTo(2000);
        assertThat(json.get("payload_encoding").asText()).isEqualTo("utf-8");
        assertThat(json.get("payload").asText()).isEqualTo("{\"seq\":\"x\"}");
        assertThat(json.get("payload_truncated").asBoolean()).isFalse();
    }

    @Test
    void shouldBase64EncodeBinaryPayloadAndFlagTruncation() throws Exception {
        byte[] payload = {(byte) 0xff, 0, (byte) 0xc3};

        JsonNode json = MAPPER.readTree(DeadLetterJson.toBytes(letter(payload, 10_000)));

        assertThat(json.get("payload_encoding").asText()).isEqualTo("base64");
        assertThat(Base64.getDecoder().decode(json.get("payload").asText())).isEqualTo(payload);
        assertThat(json.get("payload_size").asInt()).isEqualTo(10_000);
        assertThat(json.get("payload_truncated").asBoolean()).isTrue();
    }

    @Test
    void shouldWriteTheSameBytesForTheSameDeadLetter() {
        byte[] payload = "x".getBytes(StandardCharsets.UTF_8);

        assertThat(DeadLetterJson.toBytes(letter(payload, 1)))
                .isEqualTo(DeadLetterJson.toBytes(letter(payload, 1)));
    }
}
