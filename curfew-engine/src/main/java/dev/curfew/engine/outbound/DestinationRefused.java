package dev.curfew.engine.outbound;

import java.io.IOException;

/**
 * The outbound policy refuses a destination. An {@link IOException}, so the HTTP client treats it as the failure to
 * connect that it is; its message is short and safe to store and show ("destination not allowed: loopback
 * address").
 */
public final class DestinationRefused extends IOException {
    private static final long serialVersionUID = 1L;

    DestinationRefused(String reason) {
        super("destination not allowed: " + reason);
    }
}
