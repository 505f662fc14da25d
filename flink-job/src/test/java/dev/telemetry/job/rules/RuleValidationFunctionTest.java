package dev.telemetry.job.rules;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.Test;

class RuleValidationFunctionTest {

    @Test
    void shouldPassValidRulesAndRouteInvalidOnesWithReasonToTheSideOutput() throws Exception {
        try (OneInputStreamOperatorTestHarness<String, Rule> h =
                ProcessFunctionTestHarnesses.forProcessFunction(new RuleValidationFunction())) {
            h.processElement("{\"family\":\"energy\",\"pattern\":\"OVER_POWER\"}", 10);
            String bad =
                    "{\"family\":\"energy\",\"pattern\":\"OVER_POWER\",\"params\":{\"max_charge_kw\":-1}}";
            h.processElement(bad, 20);
            h.processElement("", 30); // no update, no rejection

            assertThat(h.extractOutputValues())
                    .singleElement()
                    .satisfies(r -> assertThat(r.key()).isEqualTo("energy/OVER_POWER"));
            assertThat(h.getSideOutput(RuleValidationFunction.REJECTED))
                    .singleElement()
                    .satisfies(
                            record -> {
                                RuleRejection rejection = record.getValue();
                                assertThat(rejection.reason)
                                        .contains("max_charge_kw=-1.0 is outside");
                                assertThat(rejection.payload).isEqualTo(bad);
                                assertThat(rejection.payloadHash).hasSize(64);
                                assertThat(rejection.receivedAt).isEqualTo(20);
                            });
        }
    }
}
