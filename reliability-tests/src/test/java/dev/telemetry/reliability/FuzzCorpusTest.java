package dev.telemetry.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.telemetry.job.config.JobOptions;
import dev.telemetry.job.model.IngestedRecord;
import dev.telemetry.job.validate.RecordValidator;
import dev.telemetry.reliability.FuzzCorpus.FuzzClass;
import java.util.List;
import java.util.function.LongFunction;
import org.junit.jupiter.api.Test;

/**
 * Checks the fuzz corpus against the job's own record validator, in milliseconds: every record of a
 * class gets the reason the class expects. The E2E case then checks that the running job on the
 * cluster does the same end to end.
 */
class FuzzCorpusTest {

    private static final long STREAM_TIME = ReferenceInput.START + 60_000;

    private final RecordValidator validator =
            new RecordValidator(
                    JobOptions.MAX_RECORD_BYTES.defaultValue(),
                    JobOptions.DEAD_LETTER_PAYLOAD_BYTES.defaultValue(),
                    JobOptions.MAX_FUTURE.defaultValue(),
                    JobOptions.MAX_PAST.defaultValue());

    @Test
    void shouldHoldAtLeastTwentyClassesOfBadInput() {
        // + the duplicate storm and the very late readings of the E2E case
        assertThat(FuzzCorpus.rejectedClasses().size() + 2).isGreaterThanOrEqualTo(20);
    }

    @Test
    void shouldGiveEveryRecordTheReasonItsClassExpects() {
        for (FuzzClass fuzzClass : FuzzCorpus.rejectedClasses()) {
            List<LongFunction<InputRecord>> records = fuzzClass.records();
            assertThat(records).as(fuzzClass.name()).isNotEmpty();
            for (int i = 0; i < records.size(); i++) {
                InputRecord record = records.get(i).apply(STREAM_TIME);
                IngestedRecord result =
                        validator.validate(
                                "input",
                                0,
                                i,
                                record.timestamp(),
                                record.keyBytes(),
                                record.value(),
                                0);
                assertThat(result.deadLetter)
                        .as("%s #%d is rejected", fuzzClass.name(), i)
                        .isNotNull();
                assertThat(result.deadLetter.reason)
                        .as("%s #%d: %s", fuzzClass.name(), i, result.deadLetter.detail)
                        .isEqualTo(fuzzClass.reason());
            }
        }
    }

    @Test
    void shouldAcceptTheValidReadingsOfTheDuplicateAndLateDevices() {
        IngestedRecord result =
                validator.validate(
                        "input",
                        0,
                        0,
                        STREAM_TIME,
                        null,
                        FuzzCorpus.validReading(FuzzCorpus.LATE_DEVICE, STREAM_TIME - 150_000, 1),
                        0);
        assertThat(result.deadLetter).isNull();
        assertThat(result.reading).isNotNull();
    }
}
