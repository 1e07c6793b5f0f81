package dev.curfew.server.http;

import dev.curfew.server.config.CurfewConfig;
import io.javalin.http.Context;
import java.net.URI;

/**
 * What a request says about where it came from: the public base URL (for issuers and links) and the
 * client's address. Proxy headers are believed only when the operator said a proxy sets them;
 * otherwise anyone could forge their address or the issuer.
 */
public final class RequestInfo {
    private final CurfewConfig config;

    public RequestInfo(CurfewConfig config) {
        this.config = config;
    }

    /** The base URL without a trailing slash, e.g. {@code https://id.example.com}. */
    public String baseUrl(Context ctx) {
        if (config.publicUrl().isPresent()) {
            return config.publicUrl().get().toString();
        }
        String scheme = ctx.scheme();
        String host = ctx.header("Host");
        if (config.proxyHeaders()) {
            scheme = firstValue(ctx.header("X-Forwarded-Proto"), scheme);
            host = firstValue(ctx.header("X-Forwarded-Host"), host);
        }
        if (host == null || host.isBlank() || !validHost(host)) {
            host = "localhost:" + ctx.port();
        }
        return scheme + "://" + host;
    }

    public boolean secure(Context ctx) {
        return baseUrl(ctx).startsWith("https://");
    }

    public String issuer(Context ctx, String realmName) {
        return baseUrl(ctx) + "/realms/" + realmName;
    }

    public String clientIp(Context ctx) {
        if (config.proxyHeaders()) {
            String forwarded = ctx.header("X-Forwarded-For");
            if (forwarded != null && !forwarded.isBlank()) {
                return forwarded.split(",")[0].strip();
            }
        }
        return ctx.ip();
    }

    private static String firstValue(String header, String fallback) {
        if (header == null || header.isBlank()) {
            return fallback;
        }
        return header.split(",")[0].strip();
    }

    /** A Host header that parses as an authority (no path, user info, or odd characters). */
    private static boolean validHost(String host) {
        try {
            URI uri = new URI("http://" + host);
            return uri.getHost() != null && uri.getRawPath().isEmpty() && uri.getRawUserInfo() == null;
        } catch (Exception e) {
            return false;
        }
    }
}
