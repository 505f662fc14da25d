package dev.telemetry.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Clean-up after a crashed run kills that run's Flink processes and nothing else. */
class PidFileTest {

    private static final List<String> ENTRY_POINTS = List.of(JvmCommands.TASK_MANAGER_MAIN);

    @TempDir Path dir;

    private Process leftover;
    private Process unrelated;

    @AfterEach
    void stopProcesses() {
        for (Process process : new Process[] {leftover, unrelated}) {
            if (process != null) {
                process.destroyForcibly();
            }
        }
    }

    @Test
    void shouldKillOnlyLeftoverEntryPointsOfADeadOwner() throws Exception {
        Path confDir = dir.resolve("conf");
        // Looks like a TaskManager of this cluster directory: the command line names both.
        leftover =
                new ProcessBuilder(
                                "sh",
                                "-c",
                                "sleep 60",
                                JvmCommands.TASK_MANAGER_MAIN,
                                "--configDir",
                                confDir.toString())
                        .start();
        unrelated = new ProcessBuilder("sleep", "60").start();
        Process deadOwner = new ProcessBuilder("true").start();
        assertThat(deadOwner.waitFor(30, TimeUnit.SECONDS)).isTrue();
        Path file =
                write(
                        "owner " + deadOwner.pid() + " 0",
                        "process " + leftover.pid() + " " + start(leftover) + " taskmanager-1",
                        "process " + unrelated.pid() + " " + start(unrelated) + " taskmanager-2");

        PidFile pidFile = PidFile.claim(file, confDir, ENTRY_POINTS);

        assertThat(pidFile.leftoversKilled()).isEqualTo(1);
        assertThat(leftover.isAlive()).isFalse();
        assertThat(unrelated.isAlive()).isTrue();
        assertThat(Files.readAllLines(file))
                .containsExactly(
                        "owner "
                                + ProcessHandle.current().pid()
                                + " "
                                + start(ProcessHandle.current()));
    }

    @Test
    void shouldRefuseADirectoryOwnedByAnotherLiveProcess() throws IOException {
        unrelated = new ProcessBuilder("sleep", "60").start();
        Path file = write("owner " + unrelated.pid() + " " + start(unrelated));

        assertThatThrownBy(() -> PidFile.claim(file, dir.resolve("conf"), ENTRY_POINTS))
                .isInstanceOf(ClusterException.class)
                .hasMessageContaining("in use by a running process (pid " + unrelated.pid() + ")");
        assertThat(unrelated.isAlive()).isTrue();
    }

    private Path write(String... lines) throws IOException {
        return Files.write(dir.resolve("cluster.pids"), List.of(lines));
    }

    private static long start(Process process) {
        return start(process.toHandle());
    }

    private static long start(ProcessHandle process) {
        return process.info().startInstant().map(Instant::toEpochMilli).orElse(0L);
    }
}
