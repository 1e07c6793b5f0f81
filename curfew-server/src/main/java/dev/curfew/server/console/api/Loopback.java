package dev.curfew.server.console.api;

import dev.curfew.server.config.CurfewConfig;
import io.javalin.http.Context;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;

/**
 * The console calls Curfew's own token endpoint and admin API over loopback HTTP, as any other client
 * would, so the server enforces exactly what it enforces for everyone: no shortcut into the services.
 */
public final class Loopback {
    private final String host;
    private final HttpClient http = HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    public Loopback(CurfewConfig config) {
        this.host = loopbackHost(config.httpHost());
    }

    public HttpClient http() {
        return http;
    }

    /** The server's own address, on the port this request arrived at (so it works with port 0 too). */
    public URI uri(Context ctx, String path) {
        return URI.create("http://" + host + ":" + ctx.req().getLocalPort() + path);
    }

    /** A wildcard listen address is reached at the loopback address; a specific one at itself. */
    static String loopbackHost(String httpHost) {
        if (httpHost.equals("0.0.0.0") || httpHost.isBlank()) {
            return "127.0.0.1";
        }
        if (httpHost.equals("::") || httpHost.equals("[::]")) {
            return "[::1]";
        }
        return httpHost.contains(":") && !httpHost.startsWith("[") ? "[" + httpHost + "]" : httpHost;
    }
}
