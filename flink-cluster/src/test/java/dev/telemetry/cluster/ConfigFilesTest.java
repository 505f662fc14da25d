package dev.telemetry.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.telemetry.cluster.JvmCommands.ResourceParams;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** config.yaml quoting and the parsing of BashJavaUtils' memory settings. */
class ConfigFilesTest {

    @Test
    void shouldWriteEveryValueAsSingleQuotedYamlString() {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("execution.checkpointing.dir", "file:///tmp/cp");
        config.put("pipeline.name", "it's: a job");

        assertThat(ConfigFiles.toYaml(config))
                .endsWith(
                        "execution.checkpointing.dir: 'file:///tmp/cp'\n"
                                + "pipeline.name: 'it''s: a job'\n");
    }

    @Test
    void shouldRejectKeysThatWouldBreakTheYaml() {
        assertThatThrownBy(() -> ConfigFiles.toYaml(Map.of("a: b", "c")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldSplitBashJavaUtilsResultIntoJvmOptionsAndDynamicProperties() {
        String output =
                "INFO  some log line\n"
                        + "BASH_JAVA_UTILS_EXEC_RESULT:-Xmx335544320 -Xms335544320\n"
                        + "BASH_JAVA_UTILS_EXEC_RESULT:-D taskmanager.cpu.cores=2.0 -D"
                        + " taskmanager.numberOfTaskSlots=2\n";

        ResourceParams params = ResourceParams.parse(output);

        assertThat(params.jvmOptions()).containsExactly("-Xmx335544320", "-Xms335544320");
        assertThat(params.dynamicProperties())
                .containsExactly(
                        "-D", "taskmanager.cpu.cores=2.0", "-D", "taskmanager.numberOfTaskSlots=2");
    }

    @Test
    void shouldFailWhenBashJavaUtilsPrintedNoResult() {
        assertThatThrownBy(() -> ResourceParams.parse("Exception in thread main"))
                .isInstanceOf(ClusterException.class)
                .hasMessageContaining("Exception in thread main");
    }

    @Test
    void shouldPassModuleFlagsAndClasspathThroughAnArgumentFile(@TempDir Path confDir)
            throws IOException {
        JvmCommands commands = new JvmCommands(Path.of("/jdk/bin/java"), "/lib/a b.jar", confDir);
        commands.writeArgFile();

        List<String> command =
                commands.entryPoint(
                        JvmCommands.TASK_MANAGER_MAIN,
                        new ResourceParams(List.of("-Xmx1"), List.of("-D", "a=b")),
                        Path.of("/log/tm.log"));

        assertThat(command)
                .startsWith("/jdk/bin/java", "-Xmx1", "@" + confDir.resolve("jvm.args"))
                .contains("-Dlog.file=/log/tm.log")
                .endsWith(
                        JvmCommands.TASK_MANAGER_MAIN,
                        "--configDir",
                        confDir.toString(),
                        "-D",
                        "a=b");
        assertThat(Files.readAllLines(confDir.resolve("jvm.args")))
                .contains("\"--add-opens=java.base/java.util=ALL-UNNAMED\"")
                .endsWith("\"-classpath\"", "\"/lib/a b.jar\"")
                .hasSize(JvmCommands.JAVA_17_MODULE_FLAGS.size() + 2);
        assertThat(JvmCommands.quote("C:\\x \"y\"")).isEqualTo("\"C:\\\\x \\\"y\\\"\"");
    }
}
