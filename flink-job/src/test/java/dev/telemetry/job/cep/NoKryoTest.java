package dev.telemetry.job.cep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.telemetry.job.alert.ActiveAlert;
import dev.telemetry.job.alert.AlertEvent;
import dev.telemetry.job.alert.Detection;
import dev.telemetry.job.alert.PendingInputs;
import dev.telemetry.job.rules.AnnotatedReading;
import dev.telemetry.job.rules.Rule;
import dev.telemetry.job.rules.RuleAnnotator;
import dev.telemetry.job.rules.RuleRejection;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.java.typeutils.PojoTypeInfo;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every type the detection stage keeps in state or sends between operators is a Flink POJO. */
class NoKryoTest {

    @ParameterizedTest
    @ValueSource(
            classes = {
                AnnotatedReading.class,
                Rule.class,
                RuleRejection.class,
                RuleAnnotator.Baseline.class,
                Detection.class,
                ActiveAlert.class,
                AlertEvent.class,
                PendingInputs.class,
                SensorDropoutFunction.Watch.class,
                FrozenSensorFunction.Repeats.class
            })
    void shouldSerializeAsPojoWithoutKryo(Class<?> type) {
        TypeInformation<?> info = TypeInformation.of(type);
        assertThat(info).isInstanceOf(PojoTypeInfo.class);
        assertThatCode(() -> info.createSerializer(DetectorHarness.noKryo()))
                .doesNotThrowAnyException();
    }
}
