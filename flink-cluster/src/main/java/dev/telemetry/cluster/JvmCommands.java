package dev.telemetry.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Command lines for the cluster's JVMs: what Flink's shell scripts would run. */
final class JvmCommands {

    static final String JOB_MANAGER_MAIN =
            "org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint";
    static final String TASK_MANAGER_MAIN =
            "org.apache.flink.runtime.taskexecutor.TaskManagerRunner";
    static final String BASH_JAVA_UTILS = "org.apache.flink.runtime.util.bash.BashJavaUtils";

    /**
     * Flink reads {@code env.java.opts.all} only in its shell scripts, so the module access list
     * that flink-dist's default configuration puts there for Java 17 is passed here directly.
     */
    static final List<String> JAVA_17_MODULE_FLAGS =
            List.of(
                    "--add-exports=java.base/sun.net.util=ALL-UNNAMED",
                    "--add-exports=java.rmi/sun.rmi.registry=ALL-UNNAMED",
                    "--add-exports=jdk.compiler/com.sun.tools.javac.api=ALL-UNNAMED",
                    "--add-exports=jdk.compiler/com.sun.tools.javac.file=ALL-UNNAMED",
                    "--add-exports=jdk.compiler/com.sun.tools.javac.parser=ALL-UNNAMED",
                    "--add-exports=jdk.compiler/com.sun.tools.javac.tree=ALL-UNNAMED",
                    "--add-exports=jdk.compiler/com.sun.tools.javac.util=ALL-UNNAMED",
                    "--add-exports=java.security.jgss/sun.security.krb5=ALL-UNNAMED",
                    "--add-opens=java.base/java.lang=ALL-UNNAMED",
                    "--add-opens=java.base/java.net=ALL-UNNAMED",
                    "--add-opens=java.base/java.io=ALL-UNNAMED",
                    "--add-opens=java.base/java.nio=ALL-UNNAMED",
                    "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
                    "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
                    "--add-opens=java.base/java.text=ALL-UNNAMED",
                    "--add-opens=java.base/java.time=ALL-UNNAMED",
                    "--add-opens=java.base/java.util=ALL-UNNAMED",
                    "--add-opens=java.base/java.util.concurrent=ALL-UNNAMED",
                    "--add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED",
                    "--add-opens=java.base/java.util.concurrent.locks=ALL-UNNAMED");

    private static final String RESULT_PREFIX = "BASH_JAVA_UTILS_EXEC_RESULT:";

    /** Holds the long, shared JVM arguments, so that command lines stay short and readable. */
    static final String ARG_FILE = "jvm.args";

    private final Path javaBinary;
    private final String classpath;
    private final Path confDir;

    JvmCommands(Path javaBinary, String classpath, Path confDir) {
        this.javaBinary = javaBinary;
        this.classpath = classpath;
        this.confDir = confDir;
    }

    /**
     * Writes the classpath and the module flags into {@code <conf>/jvm.args}, which every command
     * passes as {@code @<file>}. Besides readable {@code ps} output this keeps the entry point
     * class and configuration directory within the first 4 KiB of the command line, the part {@link
     * ProcessHandle.Info#commandLine()} reads on Linux, which the crash clean-up relies on.
     */
    void writeArgFile() {
        List<String> args = new ArrayList<>(JAVA_17_MODULE_FLAGS);
        args.add("-classpath");
        args.add(classpath);
        List<String> lines = args.stream().map(JvmCommands::quote).toList();
        try {
            Files.write(confDir.resolve(ARG_FILE), lines, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + confDir.resolve(ARG_FILE), e);
        }
    }

    /** Argument-file quoting: double quotes, with backslashes and quotes escaped. */
    static String quote(String arg) {
        return '"' + arg.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }

    /** The java launcher of the JVM running this code. */
    static Path currentJavaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java");
    }

    /**
     * BashJavaUtils computes a process's memory layout from config.yaml: {@code
     * GET_JM_RESOURCE_PARAMS} or {@code GET_TM_RESOURCE_PARAMS}. A short-lived JVM, so it skips the
     * optimising compiler.
     */
    List<String> resourceParams(String command) {
        return List.of(
                javaBinary.toString(),
                "-XX:TieredStopAtLevel=1",
                "-XX:+UseSerialGC",
                "-Xmx128m",
                "@" + confDir.resolve(ARG_FILE),
                BASH_JAVA_UTILS,
                command,
                "--configDir",
                confDir.toString());
    }

    /**
     * A JobManager or TaskManager: memory flags, the argument file (module flags, classpath),
     * logging, entry point, configuration directory and the memory settings as dynamic properties.
     */
    List<String> entryPoint(String mainClass, ResourceParams resources, Path logFile) {
        Path log4j = confDir.resolve(ConfigFiles.LOG4J_PROPERTIES);
        List<String> command = new ArrayList<>();
        command.add(javaBinary.toString());
        command.addAll(resources.jvmOptions());
        command.add("@" + confDir.resolve(ARG_FILE));
        command.add("-Dlog.file=" + logFile);
        command.add("-Dlog4j.configuration=file:" + log4j);
        command.add("-Dlog4j.configurationFile=file:" + log4j);
        command.add(mainClass);
        command.add("--configDir");
        command.add(confDir.toString());
        command.addAll(resources.dynamicProperties());
        return command;
    }

    /**
     * The two result lines BashJavaUtils prints: JVM options ({@code -Xmx…}) and dynamic properties
     * ({@code -D key=value …}) that the entry point must receive as arguments.
     */
    record ResourceParams(List<String> jvmOptions, List<String> dynamicProperties) {

        static ResourceParams parse(String output) {
            List<List<String>> results = new ArrayList<>();
            for (String line : output.split("\\R")) {
                int at = line.indexOf(RESULT_PREFIX);
                if (at >= 0) {
                    String value = line.substring(at + RESULT_PREFIX.length()).strip();
                    results.add(value.isEmpty() ? List.of() : Arrays.asList(value.split("\\s+")));
                }
            }
            if (results.isEmpty()) {
                throw new ClusterException(
                        "BashJavaUtils printed no " + RESULT_PREFIX + " line: " + tail(output));
            }
            return new ResourceParams(
                    List.copyOf(results.get(0)),
                    results.size() > 1 ? List.copyOf(results.get(1)) : List.of());
        }

        private static String tail(String output) {
            String stripped = output.strip();
            return stripped.length() <= 500
                    ? stripped
                    : "…" + stripped.substring(stripped.length() - 500);
        }
    }
}
