package dev.telemetry.job;

import dev.telemetry.job.config.JobCommandLine;
import dev.telemetry.job.config.JobConfig;
import dev.telemetry.job.serde.TelemetrySource;
import dev.telemetry.job.sink.TelemetrySinks;
import java.time.Clock;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Entry point of the job jar: parses and validates the configuration, builds the topology and
 * executes it ({@code migrate} applies the database migrations instead). See {@code
 * flink-job/README.md} for options, topics and tables.
 */
public final class TelemetryAnomalyJob {

    private TelemetryAnomalyJob() {}

    public static void main(String[] args) throws Exception {
        int exitCode =
                new JobCommandLine(System.getenv(), System.out, System.err)
                        .execute(args, TelemetryAnomalyJob::run);
        if (exitCode != 0) {
            System.exit(exitCode);
        }
    }

    private static void run(JobConfig config) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        TelemetryPipeline.configureEnvironment(env, config);
        TelemetryPipeline.build(
                env,
                config,
                TelemetrySource.kafka(config, Clock.systemUTC()),
                TelemetrySinks.production(config));
        env.execute("telemetry-anomaly-detector");
    }
}
