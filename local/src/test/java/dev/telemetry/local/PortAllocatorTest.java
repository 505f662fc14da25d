package dev.telemetry.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class PortAllocatorTest {

    @Test
    void shouldTakeThePreferredPortOnlyWhileItIsFree() throws IOException {
        PortAllocator allocator = new PortAllocator();
        try (ServerSocket busy = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int other = allocator.preferredOrFree(OptionalInt.of(busy.getLocalPort()));

            assertThat(other).isNotEqualTo(busy.getLocalPort());
            assertThatThrownBy(() -> allocator.exactly(busy.getLocalPort(), "--flink-ui-port"))
                    .isInstanceOf(LocalModeException.class)
                    .hasMessage(
                            "--flink-ui-port "
                                    + busy.getLocalPort()
                                    + " is in use; choose"
                                    + " another port");
        }
    }

    @Test
    void shouldNeverHandOutAPortTwice() {
        PortAllocator allocator = new PortAllocator();
        int first = allocator.preferredOrFree(OptionalInt.empty());

        assertThat(allocator.preferredOrFree(OptionalInt.of(first))).isNotEqualTo(first);
    }
}
