package dev.telemetry.local;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.HashSet;
import java.util.OptionalInt;
import java.util.Set;

/**
 * Chooses the loopback ports of one run: a preferred port (saved by the previous run, or Flink's
 * 8081) when it is free, otherwise any free one, never the same port twice.
 */
final class PortAllocator {

    private final Set<Integer> taken = new HashSet<>();

    /** {@code preferred} if it is free, otherwise a free port. */
    int preferredOrFree(OptionalInt preferred) {
        if (preferred.isPresent() && claim(preferred.getAsInt())) {
            return preferred.getAsInt();
        }
        return anyFree();
    }

    /**
     * Exactly {@code port}.
     *
     * @throws LocalModeException if it is in use
     */
    int exactly(int port, String option) {
        if (!claim(port)) {
            throw new LocalModeException(option + " " + port + " is in use; choose another port");
        }
        return port;
    }

    private boolean claim(int port) {
        if (taken.contains(port) || !isFree(port)) {
            return false;
        }
        taken.add(port);
        return true;
    }

    private int anyFree() {
        for (int attempt = 0; attempt < 100; attempt++) {
            try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                int port = socket.getLocalPort();
                if (taken.add(port)) {
                    return port;
                }
            } catch (IOException e) {
                throw new LocalModeException("no free TCP port on the loopback interface", e);
            }
        }
        throw new LocalModeException("no free TCP port on the loopback interface");
    }

    /** True if nothing listens on {@code port} of the loopback interface (or all interfaces). */
    static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
