package dev.curfew.core.client;

import dev.curfew.core.util.AsciiNumbers;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Rules for registered redirect URIs (RFC 6749 §3.1.2, RFC 9700 §2.1 and §4.1, RFC 8252 §7), also used for
 * post-logout redirect URIs: where a browser may be sent with a code, or back after a sign-out.
 *
 * <ul>
 *   <li>{@code https} with a host;
 *   <li>{@code http} only on the loopback interface ({@code localhost}, {@code 127.0.0.1}, {@code [::1]}): RFC
 *       8252 §8.3 accepts plain http there because the request never leaves the device, and §7.3 names these
 *       hosts (the IP literals are recommended, {@code localhost} works the same);
 *   <li>a private-use scheme of a native app, in reverse domain name form, such as {@code
 *       com.example.app:/callback} (RFC 8252 §7.1: a scheme based on a domain name the app's publisher controls,
 *       so it contains a period, RFC 7595 §3.8). Every other scheme ({@code javascript:}, {@code data:}, {@code
 *       file:}, {@code myapp:}...) is refused;
 *   <li>absolute, without a fragment (RFC 6749 §3.1.2) and without wildcards (exact matching, RFC 9700 §4.1.3).
 * </ul>
 */
public final class RedirectUris {
    /** RFC 8252 §7.3 and §8.3: the hosts on which plain http is allowed. */
    static final Set<String> LOOPBACK_HOSTS = Set.of("localhost", "127.0.0.1", "[::1]");

    /**
     * RFC 7595 §3.8 and RFC 8252 §7.1: a reversed domain name, at least two labels. Scheme syntax (RFC 3986 §3.1)
     * also allows {@code +}, which no domain name has.
     */
    private static final Pattern PRIVATE_USE_SCHEME = Pattern.compile("[a-z][a-z0-9-]*(\\.[a-z0-9-]+)+");

    /** A loopback IP literal redirect URI: host, optional port, and the rest (path and query). */
    private static final Pattern LOOPBACK_IP_URI =
            Pattern.compile("http://(127\\.0\\.0\\.1|\\[::1\\])(?::([0-9]{1,5}))?([/?].*)?", Pattern.DOTALL);

    private RedirectUris() {}

    /** Why the URI cannot be registered, or empty if it can. */
    public static Optional<String> problem(String uri) {
        if (uri == null || uri.isBlank()) {
            return Optional.of("redirect URI must not be empty");
        }
        URI parsed;
        try {
            parsed = new URI(uri);
        } catch (URISyntaxException e) {
            return Optional.of("redirect URI is not a valid URI: " + uri);
        }
        if (!parsed.isAbsolute()) {
            return Optional.of("redirect URI must be absolute: " + uri);
        }
        if (parsed.getRawFragment() != null) {
            return Optional.of("redirect URI must not contain a fragment: " + uri);
        }
        if (uri.contains("*")) {
            return Optional.of("redirect URI must not contain wildcards (exact matching only): " + uri);
        }
        return schemeProblem(parsed, uri);
    }

    private static Optional<String> schemeProblem(URI parsed, String uri) {
        String scheme = parsed.getScheme().toLowerCase(Locale.ROOT);
        if (scheme.equals("https") || scheme.equals("http")) {
            if (parsed.getHost() == null) {
                return Optional.of("redirect URI must name a host: " + uri);
            }
            if (scheme.equals("http")
                    && !LOOPBACK_HOSTS.contains(parsed.getHost().toLowerCase(Locale.ROOT))) {
                return Optional.of("redirect URI must use https; http is allowed only on localhost, 127.0.0.1"
                        + " or [::1] (RFC 8252 §7.3): " + uri);
            }
            return Optional.empty();
        }
        if (PRIVATE_USE_SCHEME.matcher(scheme).matches()) {
            return Optional.empty();
        }
        return Optional.of("redirect URI scheme '" + parsed.getScheme() + "' is not allowed: use https, http on"
                + " localhost, or a native app's scheme in reverse domain name form such as"
                + " com.example.app:/callback (RFC 8252 §7.1): " + uri);
    }

    /**
     * Whether a redirect URI sent in a request matches a registered one: the same string (RFC 9700 §4.1.3), except
     * that for an http URI on a loopback IP literal ({@code 127.0.0.1}, {@code [::1]}) the port may differ, since a
     * native app listens on a port the operating system gives it at the time of the request (RFC 8252 §7.3: the
     * authorization server MUST allow any port there). {@code localhost} is matched exactly: §8.3 advises against
     * it, and it may resolve to another interface.
     */
    public static boolean matches(String registered, String requested) {
        Objects.requireNonNull(registered, "registered");
        if (registered.equals(requested)) {
            return true;
        }
        if (requested == null) {
            return false;
        }
        Matcher r = LOOPBACK_IP_URI.matcher(registered);
        Matcher q = LOOPBACK_IP_URI.matcher(requested);
        if (!r.matches() || !q.matches()) {
            return false;
        }
        return r.group(1).equals(q.group(1))
                && Objects.equals(r.group(3), q.group(3))
                && validPort(q.group(2))
                && problem(requested).isEmpty();
    }

    private static boolean validPort(String port) {
        if (port == null) {
            return true;
        }
        int value = AsciiNumbers.parseInt(port);
        return value >= 1 && value <= 65535;
    }
}
