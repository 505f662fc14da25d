package dev.telemetry.job;

import dev.telemetry.job.config.JobCommandLine;
import dev.telemetry.job.config.JobConfig;
import dev.telemetry.job.rules.RuleSource;
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

    /** The job's name in the Flink UI and REST API. */
    public static final String JOB_NAME = "telemetry-anomaly-detector";

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
        buildProductionJob(env, config);
        env.execute(JOB_NAME);
    }

    /**
     * Configures {@code env} and builds the production topology into it: Kafka source, PostgreSQL
     * and Kafka sinks. Local mode ({@code local/}) calls this too, so it runs the same graph.
     */
    public static void buildProductionJob(StreamExecutionEnvironment env, JobConfig config) {
        TelemetryPipeline.configureEnvironment(env, config);
        TelemetryPipeline.build(
                env,
                config,
                TelemetrySource.kafka(config, Clock.systemUTC()),
                RuleSource.forJob(config),
                TelemetrySinks.production(config));
    }
}
