package dev.telemetry.cluster.testjob;

import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.connector.source.util.ratelimit.RateLimiterStrategy;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.apache.flink.util.Collector;

/**
 * A tiny endless job for cluster tests: a rate-limited sequence, a running count per key in keyed
 * state, a discarding sink. Its source position and counts are checkpointed, so a restore after a
 * failure is a real one. Packaged into a jar at test time; the cluster provides Flink.
 */
public final class CountingJob {

    private CountingJob() {}

    /** Argument: records per second (default 20). */
    public static void main(String[] args) throws Exception {
        double recordsPerSecond = args.length > 0 ? Double.parseDouble(args[0]) : 20;
        Configuration config = new Configuration();
        config.set(PipelineOptions.GENERIC_TYPES, false);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(config);

        DataGeneratorSource<Long> sequence =
                new DataGeneratorSource<>(
                        index -> index,
                        Long.MAX_VALUE,
                        RateLimiterStrategy.perSecond(recordsPerSecond),
                        Types.LONG);
        env.fromSource(sequence, WatermarkStrategy.noWatermarks(), "sequence")
                .uid("sequence")
                .keyBy(value -> value % 8, Types.LONG)
                .process(new CountPerKey())
                .name("count per key")
                .uid("count-per-key")
                .sinkTo(new DiscardingSink<>())
                .name("discard")
                .uid("discard");
        env.execute("cluster test: counting job");
    }

    /** Emits the running count of its key. */
    static final class CountPerKey extends KeyedProcessFunction<Long, Long, Long> {
        private transient ValueState<Long> count;

        @Override
        public void open(OpenContext openContext) {
            count = getRuntimeContext().getState(new ValueStateDescriptor<>("count", Types.LONG));
        }

        @Override
        public void processElement(Long value, Context ctx, Collector<Long> out) throws Exception {
            long next = count.value() == null ? 1 : count.value() + 1;
            count.update(next);
            out.collect(next);
        }
    }
}
