package dev.curfew.engine.delivery;

import dev.curfew.engine.outbound.DestinationRefused;
import java.io.EOFException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.channels.ClosedChannelException;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLException;

/**
 * What one delivery attempt came to. Its error is what the outbox row keeps and the admin API and console show, so
 * it is a short reason from a fixed vocabulary ("HTTP 500", "connection refused", "destination not allowed: loopback
 * address"): never the receiver's answer, nor an exception message, which could carry what an internal service said.
 */
public sealed interface Outcome {
    /** 2xx: done. */
    record Delivered() implements Outcome {}

    /** 5xx, 408, 429, other non-2xx answers, timeouts and connection errors: try again later. */
    record Retry(String error) implements Outcome {}

    /**
     * 4xx other than 408 and 429 (the receiver refuses this notification), or a destination the outbound policy
     * refuses: trying again cannot help.
     */
    record Refused(String error) implements Outcome {}

    /** An answer's status; its body is not looked at. */
    public static Outcome ofStatus(int status) {
        if (status >= 200 && status < 300) {
            return new Delivered();
        }
        String error = "HTTP " + status;
        if (status >= 400 && status < 500 && status != 408 && status != 429) {
            return new Refused(error);
        }
        return new Retry(error);
    }

    /** An attempt that got no answer, named by its cause. */
    public static Outcome ofFailure(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof DestinationRefused refused) {
                return new Refused(refused.getMessage());
            }
        }
        return new Retry(reason(failure));
    }

    private static String reason(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            switch (t) {
                case UnknownHostException e -> {
                    return "host not found";
                }
                case ConnectException e -> {
                    return "connection refused";
                }
                case NoRouteToHostException e -> {
                    return "no route to host";
                }
                case SocketTimeoutException e -> {
                    return "timed out";
                }
                case TimeoutException e -> {
                    return "timed out";
                }
                case SSLException e -> {
                    return "TLS handshake failed";
                }
                case EOFException e -> {
                    return "connection closed";
                }
                case ClosedChannelException e -> {
                    return "connection closed";
                }
                default -> {}
            }
        }
        return "network error";
    }
}
