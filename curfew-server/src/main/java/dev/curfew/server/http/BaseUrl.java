package dev.curfew.server.http;

import dev.curfew.server.config.CurfewConfig;

/**
 * The base URL for work done outside any request (logout tokens are built in background clean-ups): the
 * configured public URL, else {@code http://localhost:<port>} once the server listens. Issuers built from it
 * match the ones relying parties saw only when they reach Curfew at that URL, so a deployment whose clients
 * use another host name sets {@code public-url}.
 */
public final class BaseUrl {
    private final CurfewConfig config;
    private volatile int port;

    public BaseUrl(CurfewConfig config) {
        this.config = config;
        this.port = config.httpPort();
    }

    /** Called once the server listens (the configured port may be 0: any free one). */
    public void serving(int port) {
        this.port = port;
    }

    public String get() {
        return config.publicUrl()
                .map(u -> {
                    String s = u.toString();
                    return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
                })
                .orElse("http://localhost:" + port);
    }
}
