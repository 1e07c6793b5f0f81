package dev.curfew.interop.spring;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A user agent without a browser: java.net.http with its own cookie jar, following redirects as a browser
 * does. {@link #signIn} walks the real flow — the relying party's page, its redirect to Curfew's
 * authorization endpoint, Curfew's login form (with its CSRF field and the hidden authorization request),
 * the credentials POSTed, the code sent back to the relying party — and ends on the relying party's page
 * with its session cookie in the jar. {@link #page} then asks for that page once, without following
 * redirects, to see whether the session is still there.
 */
public final class PlainUserAgent implements AutoCloseable {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final Pattern FORM_ACTION = Pattern.compile("<form method=\"post\" action=\"([^\"]+)\"");
    private static final Pattern HIDDEN =
            Pattern.compile("<input type=\"hidden\" name=\"([^\"]+)\" value=\"([^\"]*)\">");
    private static final Pattern USER = Pattern.compile("<span id=\"user\">([^<]*)</span>");
    private static final Pattern SID = Pattern.compile("<span id=\"sid\">([^<]*)</span>");

    private final URI relyingParty;
    private final HttpClient following;
    private final HttpClient notFollowing;

    /** What the relying party's protected page answered, without following a redirect. */
    public record Page(int status, String location, String user, String sid) {
        /** The page itself, for a signed-in user. */
        public boolean signedIn() {
            return status == 200 && user != null;
        }
    }

    public PlainUserAgent(URI relyingParty) {
        this.relyingParty = relyingParty;
        CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);
        this.following = HttpClient.newBuilder()
                .cookieHandler(cookies)
                .followRedirects(HttpClient.Redirect.NORMAL)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
        this.notFollowing = HttpClient.newBuilder()
                .cookieHandler(cookies)
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
    }

    /** Signs in through Curfew's login form; the relying party's page as it then shows. */
    public Page signIn(String username, String password) {
        HttpResponse<String> login = send(
                following, HttpRequest.newBuilder(relyingParty.resolve("/")).GET());
        Matcher action = FORM_ACTION.matcher(login.body());
        if (login.statusCode() != 200 || !action.find()) {
            throw new AssertionError("expected Curfew's login form at " + login.uri() + ", got " + login.statusCode()
                    + ": " + login.body());
        }
        Map<String, String> fields = new LinkedHashMap<>();
        Matcher hidden = HIDDEN.matcher(login.body());
        while (hidden.find()) {
            fields.put(unescape(hidden.group(1)), unescape(hidden.group(2)));
        }
        fields.put("username", username);
        fields.put("password", password);
        HttpResponse<String> landed = send(
                following,
                HttpRequest.newBuilder(login.uri().resolve(unescape(action.group(1))))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(CurfewAdmin.form(fields))));
        Page page = parse(landed);
        if (!page.signedIn()
                || landed.uri().getPort() != relyingParty.getPort()
                || !"/".equals(landed.uri().getPath())) {
            throw new AssertionError("after the login form, expected the relying party's page, got "
                    + landed.statusCode() + " at " + landed.uri() + ": " + landed.body());
        }
        return page;
    }

    /** The relying party's protected page, asked for once with the session cookie, redirects not followed. */
    public Page page() {
        return parse(send(
                notFollowing, HttpRequest.newBuilder(relyingParty.resolve("/")).GET()));
    }

    private static Page parse(HttpResponse<String> response) {
        Matcher user = USER.matcher(response.body());
        Matcher sid = SID.matcher(response.body());
        return new Page(
                response.statusCode(),
                response.headers().firstValue("Location").orElse(null),
                user.find() ? unescape(user.group(1)) : null,
                sid.find() ? unescape(sid.group(1)) : null);
    }

    private static HttpResponse<String> send(HttpClient client, HttpRequest.Builder request) {
        try {
            return client.send(request.timeout(TIMEOUT).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** Undoes the HTML escaping of attribute values and text (Curfew's templates and the relying party's page). */
    static String unescape(String html) {
        return html.replace("&lt;", "<")
                .replace("&gt;", ">")
                .replace("&#34;", "\"")
                .replace("&quot;", "\"")
                .replace("&#39;", "'")
                .replace("&#x27;", "'")
                .replace("&amp;", "&");
    }

    @Override
    public void close() {
        following.close();
        notFollowing.close();
    }
}
