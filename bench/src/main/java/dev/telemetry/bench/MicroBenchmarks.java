package dev.telemetry.bench;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Item 6: runs the JMH benchmarks of {@code dev.telemetry.bench.micro} (generated at compile time
 * by JMH's annotation processor) in forked JVMs and returns their scores in events per second.
 */
final class MicroBenchmarks {

    /**
     * @param benchmark {@code Class.method}
     * @param eventsPerSecond JMH's mean throughput
     * @param error half-width of JMH's 99.9 % confidence interval
     */
    record Score(String benchmark, double eventsPerSecond, double error) {}

    /**
     * @param forks forked JVMs per benchmark
     * @param warmups warm-up iterations
     * @param iterations measured iterations
     * @param seconds length of every iteration
     */
    record Settings(int forks, int warmups, int iterations, int seconds) {
        String describe() {
            return forks
                    + " fork, "
                    + warmups
                    + "×"
                    + seconds
                    + " s warm-up, "
                    + iterations
                    + "×"
                    + seconds
                    + " s measurement";
        }
    }

    private MicroBenchmarks() {}

    static List<Score> run(Settings settings) throws RunnerException {
        Options options =
                new OptionsBuilder()
                        .include("dev\\.telemetry\\.bench\\.micro\\..*")
                        .forks(settings.forks())
                        .warmupIterations(settings.warmups())
                        .warmupTime(TimeValue.seconds(settings.seconds()))
                        .measurementIterations(settings.iterations())
                        .measurementTime(TimeValue.seconds(settings.seconds()))
                        .timeUnit(TimeUnit.SECONDS)
                        .jvmArgsAppend("-Xmx1g", "-Dlog4j2.level=WARN")
                        // A failing benchmark has no score; the others still run.
                        .shouldFailOnError(false)
                        .build();
        Collection<RunResult> results = new Runner(options).run();
        List<Score> scores = new ArrayList<>();
        for (RunResult result : results) {
            String name = result.getParams().getBenchmark();
            name = name.substring(name.lastIndexOf('.', name.lastIndexOf('.') - 1) + 1);
            scores.add(
                    new Score(
                            name,
                            result.getPrimaryResult().getScore(),
                            result.getPrimaryResult().getScoreError()));
        }
        return scores;
    }
}
