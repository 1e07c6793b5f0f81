package dev.curfew.e2e.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A TCP port free on 127.0.0.1 now, for a process that must be told its port before it starts (PostgreSQL,
 * HAProxy, a node that restarts on the address the balancer knows). It is taken below the kernel's ephemeral range
 * ({@code net.ipv4.ip_local_port_range}), where the port 0 of a listening socket would come from too: there every
 * outgoing connection (a connection pool's, a browser's) picks its local port, and one did take a node's port
 * between the pick and the start. Only another program choosing a port itself can still take it.
 */
public final class FreePort {
    private static final int LOWEST = 10_000;

    private FreePort() {}

    public static int pick() {
        int highest = ephemeralRangeStart() - 1;
        for (int attempt = 0; attempt < 200; attempt++) {
            int port = ThreadLocalRandom.current().nextInt(LOWEST, highest + 1);
            try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
                return socket.getLocalPort();
            } catch (IOException e) {
                // In use: try another.
            }
        }
        throw new UncheckedIOException(new IOException("no free port on the loopback in " + LOWEST + "-" + highest));
    }

    private static int ephemeralRangeStart() {
        try {
            String range = Files.readString(Path.of("/proc/sys/net/ipv4/ip_local_port_range"));
            return Math.max(LOWEST + 1_000, Integer.parseInt(range.trim().split("\\s+")[0]));
        } catch (IOException | RuntimeException e) {
            return 32_768; // Linux's default start
        }
    }
}
