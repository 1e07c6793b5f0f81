package dev.curfew.server.testing;

import dev.curfew.server.session.SessionCookie;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A browser stand-in for protocol tests: keeps cookies, does not follow redirects, and can fill in
 * Curfew's real login form (reading its hidden fields from the HTML). Real-browser tests use Chromium.
 */
public final class Browser {
    private static final Pattern HIDDEN =
            Pattern.compile("<input type=\"hidden\" name=\"([^\"]+)\" value=\"([^\"]*)\">");
    private static final Pattern ACTION = Pattern.compile("<form method=\"post\" action=\"([^\"]+)\"");

    private final TestCurfew curfew;
    private final CookieManager cookies;
    private final HttpClient http;
    private final Map<String, String> headers;

    Browser(TestCurfew curfew, Map<String, String> headers) {
        this(curfew, headers, new CookieManager(null, CookiePolicy.ACCEPT_ALL));
    }

    private Browser(TestCurfew curfew, Map<String, String> headers, CookieManager cookies) {
        this.curfew = curfew;
        this.cookies = cookies;
        this.headers = Map.copyOf(headers);
        this.http = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NEVER)
                .cookieHandler(cookies)
                .build();
    }

    /** The same browser (its cookies and headers) pointed at another server, say one restarted on the same data. */
    public Browser movedTo(TestCurfew other) {
        return new Browser(other, headers, cookies);
    }

    public HttpResponse<String> get(String pathOrUrl) {
        return TestCurfew.send(
                http, withHeaders(HttpRequest.newBuilder(curfew.uri(pathOrUrl)).GET()));
    }

    public HttpResponse<String> postForm(String pathOrUrl, Map<String, String> form) {
        return TestCurfew.send(
                http,
                withHeaders(HttpRequest.newBuilder(curfew.uri(pathOrUrl))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(TestCurfew.formBody(form)))));
    }

    /**
     * Puts an SSO cookie holding {@code cookieSecret} in this browser's jar, as if it had logged in to the
     * realm: for sessions a test starts through the services (say, with other authentication methods).
     */
    public void adoptSession(String realmName, String cookieSecret) {
        HttpCookie cookie = new HttpCookie(SessionCookie.NAME, cookieSecret);
        cookie.setPath(SessionCookie.path(realmName));
        cookie.setVersion(0);
        cookies.getCookieStore().add(curfew.uri("/"), cookie);
    }

    private HttpRequest.Builder withHeaders(HttpRequest.Builder builder) {
        headers.forEach(builder::header);
        return builder;
    }

    /** Submits the login form found in {@code page} with the given credentials. */
    public HttpResponse<String> submitLogin(HttpResponse<String> page, String username, String password) {
        Map<String, String> form = hiddenFields(page.body());
        form.put("username", username);
        form.put("password", password);
        return postForm(formAction(page.body()), form);
    }

    /** Submits the first form of the page with its hidden fields plus {@code extra}. */
    public HttpResponse<String> submitForm(HttpResponse<String> page, Map<String, String> extra) {
        Map<String, String> form = hiddenFields(page.body());
        form.putAll(extra);
        return postForm(formAction(page.body()), form);
    }

    public static Map<String, String> hiddenFields(String html) {
        Map<String, String> fields = new LinkedHashMap<>();
        Matcher m = HIDDEN.matcher(html);
        while (m.find()) {
            fields.put(unescape(m.group(1)), unescape(m.group(2)));
        }
        return fields;
    }

    public static String formAction(String html) {
        Matcher m = ACTION.matcher(html);
        if (!m.find()) {
            throw new IllegalStateException("no form in page: " + html);
        }
        return unescape(m.group(1));
    }

    /** The query parameters of a redirect's Location. */
    public static Map<String, String> redirectParams(HttpResponse<String> response) {
        String location = response.headers()
                .firstValue("Location")
                .orElseThrow(() ->
                        new IllegalStateException("no redirect: " + response.statusCode() + " " + response.body()));
        Map<String, String> params = new HashMap<>();
        Optional.ofNullable(URI.create(location).getRawQuery()).ifPresent(q -> {
            for (String pair : q.split("&")) {
                String[] kv = pair.split("=", 2);
                params.put(
                        URLDecoder.decode(kv[0], StandardCharsets.UTF_8),
                        kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "");
            }
        });
        return params;
    }

    private static String unescape(String s) {
        return s.replace("&#34;", "\"")
                .replace("&#39;", "'")
                .replace("&lt;", "<")
                .replace("&gt;", ">")
                .replace("&quot;", "\"")
                .replace("&amp;", "&");
    }
}
