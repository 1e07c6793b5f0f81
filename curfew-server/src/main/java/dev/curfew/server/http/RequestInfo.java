package dev.curfew.server.http;

import dev.curfew.core.session.IpAddresses;
import dev.curfew.core.util.Secrets;
import dev.curfew.engine.bruteforce.SignInAttempt;
import dev.curfew.server.config.CurfewConfig;
import io.javalin.http.Context;
import java.net.URI;
import java.util.regex.Pattern;

/**
 * What a request says about where it came from: the public base URL (for issuers and links) and the
 * client's address. Proxy headers are believed only when the operator said a proxy sets them;
 * otherwise anyone could forge their address or the issuer.
 */
public final class RequestInfo {
    private static final Pattern REQUEST_ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

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

    /**
     * The client's address in canonical text ({@link IpAddresses#canonical}: {@code ::1}, not Jetty's {@code
     * [0:0:0:0:0:0:0:1]}), so it is stored, shown and matched by IP filters one way; {@code ""} when the trusted
     * {@code X-Forwarded-For} names no IP address (say {@code unknown}).
     */
    public String clientIp(Context ctx) {
        String reported = ctx.ip();
        if (config.proxyHeaders()) {
            String forwarded = ctx.header("X-Forwarded-For");
            if (forwarded != null && !forwarded.isBlank()) {
                reported = forwarded.split(",")[0];
            }
        }
        return IpAddresses.canonical(reported).orElse("");
    }

    /** The caller's {@code X-Request-Id} when it is a sane token, else a new one (echoed in the response). */
    public static String requestId(Context ctx) {
        String given = ctx.attribute("curfew.request-id");
        if (given != null) {
            return given;
        }
        String header = ctx.header("X-Request-Id");
        String id = header != null && REQUEST_ID.matcher(header).matches() ? header : Secrets.newId();
        ctx.attribute("curfew.request-id", id);
        ctx.header("X-Request-Id", id);
        return id;
    }

    /** Where a password attempt in this request comes from, for brute-force protection and the audit log. */
    public SignInAttempt signInAttempt(Context ctx) {
        return new SignInAttempt(clientIp(ctx), requestId(ctx));
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
