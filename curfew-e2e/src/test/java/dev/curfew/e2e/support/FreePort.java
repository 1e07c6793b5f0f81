package dev.curfew.e2e.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/**
 * A TCP port free on 127.0.0.1 now, for a process that must be told its port before it starts (PostgreSQL,
 * HAProxy, a node that restarts on the address the balancer knows). Another program could take it between
 * here and that start; the start then fails with "address in use" rather than anything subtler.
 */
public final class FreePort {
    private FreePort() {}

    public static int pick() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port on the loopback", e);
        }
    }
}
