package dev.telemetry.simulator.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class PayloadFieldsTest {

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void shouldReadDeviceIdAndEventTimeOfAWellFormedEvent() {
        PayloadFields fields =
                PayloadFields.scan(
                        bytes(
                                "{\"schema_version\":1,\"device_id\":\"engine-001\",\"family\":\"engine\","
                                        + "\"event_time\":1700000000000,\"seq\":3,\"metrics\":{\"vibration_g\":1.5}}"));

        assertThat(fields.deviceId()).isEqualTo("engine-001");
        assertThat(fields.eventTime()).isEqualTo(1_700_000_000_000L);
        assertThat(fields.wellFormed()).isTrue();
    }

    @Test
    void shouldKeepFieldsThatPrecedeTheDamageInATruncatedLine() {
        PayloadFields fields =
                PayloadFields.scan(
                        bytes(
                                "{\"schema_version\":1,\"device_id\":\"vehicle-002\","
                                        + "\"event_time\":1700000000500,\"seq\":9,\"metr"));

        assertThat(fields.deviceId()).isEqualTo("vehicle-002");
        assertThat(fields.eventTime()).isEqualTo(1_700_000_000_500L);
        assertThat(fields.wellFormed()).isFalse();
    }

    @Test
    void shouldNotTrustANumberCutShortByTruncation() {
        PayloadFields fields =
                PayloadFields.scan(bytes("{\"device_id\":\"flight-1\",\"event_time\":17000"));

        assertThat(fields.deviceId()).isEqualTo("flight-1");
        assertThat(fields.eventTime()).isNull();
    }

    @Test
    void shouldIgnoreFieldsOfTheSameNameInNestedObjects() {
        PayloadFields fields =
                PayloadFields.scan(
                        bytes(
                                "{\"attributes\":{\"device_id\":\"other\",\"event_time\":5},"
                                        + "\"device_id\":\"energy-003\"}"));

        assertThat(fields.deviceId()).isEqualTo("energy-003");
        assertThat(fields.eventTime()).isNull();
        assertThat(fields.wellFormed()).isTrue();
    }

    @Test
    void shouldFindNothingInTextThatIsNotAnObject() {
        assertThat(PayloadFields.scan(bytes("not json at all")).deviceId()).isNull();
        assertThat(PayloadFields.scan(bytes("[1,2,3]")).eventTime()).isNull();
        assertThat(PayloadFields.scan(new byte[0]).wellFormed()).isFalse();
    }

    @Test
    void shouldTreatTrailingGarbageAsMalformed() {
        PayloadFields fields =
                PayloadFields.scan(bytes("{\"device_id\":\"a\",\"event_time\":10} trailing"));

        assertThat(fields.wellFormed()).isFalse();
        assertThat(fields.eventTime()).isEqualTo(10L);
    }

    @Test
    void shouldReplaceOnlyTheEventTimeDigits() {
        String original =
                "{\"device_id\":\"engine-001\",  \"event_time\" : 1000 ,\"seq\":1,"
                        + "\"metrics\":{\"x\":NaN},\"extra\":\"1000\"}";
        byte[] payload = bytes(original);
        PayloadFields fields = PayloadFields.scan(payload);

        byte[] shifted = fields.withEventTime(payload, 1_700_000_000_000L);

        assertThat(new String(shifted, StandardCharsets.UTF_8))
                .isEqualTo(original.replace(": 1000 ,", ": 1700000000000 ,"));
    }

    @Test
    void shouldLeaveAMalformedPayloadUntouchedWhenAskedToShiftIt() {
        byte[] payload = bytes("{\"device_id\":\"a\",\"event_time\":1000,\"seq\":");
        PayloadFields fields = PayloadFields.scan(payload);

        assertThat(fields.withEventTime(payload, 99)).isSameAs(payload);
    }
}
