package dev.curfew.server.testing;

import java.net.CookieManager;
import java.net.CookiePolicy;
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
    private final CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);
    private final HttpClient http;

    Browser(TestCurfew curfew) {
        this.curfew = curfew;
        this.http = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NEVER)
                .cookieHandler(cookies)
                .build();
    }

    public HttpResponse<String> get(String pathOrUrl) {
        return TestCurfew.send(
                http, HttpRequest.newBuilder(curfew.uri(pathOrUrl)).GET());
    }

    public HttpResponse<String> postForm(String pathOrUrl, Map<String, String> form) {
        return TestCurfew.send(
                http,
                HttpRequest.newBuilder(curfew.uri(pathOrUrl))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(TestCurfew.formBody(form))));
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
