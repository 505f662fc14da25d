package dev.telemetry.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.telemetry.infra.DirectoryTrees;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.OptionalInt;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DataDirectoryTest {

    private Path dir;

    @BeforeEach
    void createParent() throws IOException {
        Path parent =
                Files.createTempDirectory(
                        Path.of(System.getProperty("java.io.tmpdir")), "data-dir-test-");
        Files.setPosixFilePermissions(parent, PosixFilePermissions.fromString("rwxr-xr-x"));
        dir = parent.resolve("local");
    }

    @AfterEach
    void deleteParent() {
        DirectoryTrees.deleteRecursively(dir.getParent());
    }

    @Test
    void shouldRefuseASecondLocalModeOnTheSameDirectory() {
        try (DataDirectory first = DataDirectory.open(dir, false)) {
            assertThatThrownBy(() -> DataDirectory.open(dir, false))
                    .isInstanceOf(LocalModeException.class)
                    .hasMessageContaining("another local mode is running")
                    .hasMessageContaining(dir.toString());
        }
        // Released on close: the next run may use it.
        DataDirectory.open(dir, false).close();
    }

    @Test
    void shouldKeepPortsAcrossRunsUntilFresh() throws IOException {
        try (DataDirectory data = DataDirectory.open(dir, false)) {
            Properties ports = new Properties();
            ports.setProperty("kafka", "19092");
            data.savePorts(ports);
            Files.createDirectories(data.kafka());
            Files.createDirectories(data.logFile().getParent());
            Files.writeString(data.logFile(), "log of this run");
        }
        try (DataDirectory data = DataDirectory.open(dir, false)) {
            assertThat(data.savedPort("kafka")).isEqualTo(OptionalInt.of(19092));
            assertThat(data.kafka()).isDirectory();
        }
        try (DataDirectory data = DataDirectory.open(dir, true)) {
            assertThat(data.savedPort("kafka")).isEmpty();
            assertThat(data.kafka()).doesNotExist();
            // The log is open by then; the new run truncates it itself.
            assertThat(data.logFile()).exists();
            assertThat(data.flinkTmp()).isEmptyDirectory();
        }
    }

    @Test
    void shouldDeleteEverythingWhenAskedTo() {
        DataDirectory data = DataDirectory.open(dir, false);
        data.closeAndDelete();

        assertThat(dir).doesNotExist();
    }
}
