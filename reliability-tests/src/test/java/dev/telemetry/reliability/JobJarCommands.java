package dev.telemetry.reliability;

import dev.telemetry.cluster.FlinkLibraries;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Runs the command line of the job jar under test in this JVM, in a class loader that sees only
 * that jar and the cluster's Flink jars: what {@code java -cp flink-job.jar:lib/*
 * dev.telemetry.job.TelemetryAnomalyJob migrate ...} does, without starting a JVM per database. The
 * migrations therefore always match the jar the cluster runs, even if the classes on the test
 * classpath are from another build.
 */
final class JobJarCommands implements AutoCloseable {

    private static final String COMMAND_LINE = "dev.telemetry.job.config.JobCommandLine";

    private final URLClassLoader loader;

    JobJarCommands(Path jobJar, FlinkLibraries flink) {
        List<URL> urls = new ArrayList<>();
        try {
            urls.add(jobJar.toUri().toURL());
            for (Path jar : flink.jars()) {
                urls.add(jar.toUri().toURL());
            }
        } catch (MalformedURLException e) {
            throw new IllegalArgumentException(e);
        }
        // Not the test classpath: only what the cluster would see.
        this.loader =
                new URLClassLoader(
                        "job-jar", urls.toArray(URL[]::new), ClassLoader.getPlatformClassLoader());
    }

    /** {@code migrate --jdbc.url <url> --jdbc.user <user>} (password: empty). */
    void migrate(String jdbcUrl, String user) {
        run("migrate", "--jdbc.url", jdbcUrl, "--jdbc.user", user);
    }

    /**
     * Runs a command of the jar's {@code JobCommandLine}; fails with its output unless it exits
     * with 0.
     */
    synchronized void run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        // Flyway scans the context class loader for migrations.
        thread.setContextClassLoader(loader);
        try (PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8)) {
            Class<?> commandLine = loader.loadClass(COMMAND_LINE);
            Class<?> runner = loader.loadClass(COMMAND_LINE + "$JobRunner");
            Object instance =
                    commandLine
                            .getConstructor(Map.class, PrintStream.class, PrintStream.class)
                            .newInstance(Map.of(), print, print);
            int exitCode =
                    (int)
                            commandLine
                                    .getMethod("execute", String[].class, runner)
                                    .invoke(instance, args, null);
            if (exitCode != 0) {
                throw new IllegalStateException(
                        "flink-job.jar "
                                + args[0]
                                + " exited with "
                                + exitCode
                                + ": "
                                + out.toString(StandardCharsets.UTF_8).strip());
            }
        } catch (InvocationTargetException e) {
            throw new IllegalStateException(
                    "flink-job.jar " + args[0] + " failed: " + e.getCause(), e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(
                    "flink-job.jar has no usable " + COMMAND_LINE + ": " + e, e);
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    @Override
    public void close() {
        try {
            loader.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
