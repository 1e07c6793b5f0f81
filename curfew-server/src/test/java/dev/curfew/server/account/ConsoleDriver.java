package dev.curfew.server.account;

import dev.curfew.server.testing.Browser;
import dev.curfew.server.testing.OidcFlow;
import dev.curfew.server.testing.TestRealm;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Drives the account console over HTTP with the test kit's {@link Browser}: sign-in, pages, forms. */
final class ConsoleDriver {
    private static final Pattern FORM =
            Pattern.compile("<form method=\"post\" action=\"([^\"]+)\"[^>]*>(.*?)</form>", Pattern.DOTALL);
    private static final Pattern THIS_DEVICE =
            Pattern.compile("<li class=\"device this-device\">\\s*<h2 id=\"device-([^\"]+)\">");
    private static final Pattern REFRESH = Pattern.compile("<meta http-equiv=\"refresh\" content=\"0; url=([^\"]+)\">");

    final Browser browser;
    final TestRealm realm;

    ConsoleDriver(Browser browser, TestRealm realm) {
        this.browser = browser;
        this.realm = realm;
    }

    String home() {
        return realm.path("/account");
    }

    /** Follows redirects from {@code response} until a page answers. */
    HttpResponse<String> follow(HttpResponse<String> response) {
        HttpResponse<String> current = response;
        for (int hops = 0; hops < 10 && current.statusCode() / 100 == 3; hops++) {
            String location = current.headers().firstValue("Location").orElseThrow();
            current = browser.get(resolve(current, location));
        }
        return current;
    }

    HttpResponse<String> open(String path) {
        return follow(browser.get(path));
    }

    /**
     * Opens the console, signs in on the login page when it is shown (a browser with an SSO session is not
     * asked), follows the callback's page on to the console: the devices page.
     */
    HttpResponse<String> signIn(String username) {
        HttpResponse<String> page = open(home());
        if (page.body().contains("name=\"password\"") && page.body().contains("id=\"sign-in\"")) {
            page = follow(browser.submitLogin(page, username, TestRealm.PASSWORD));
        }
        return continueFrom(page);
    }

    /** The callback answers with a page that moves on by itself (meta refresh): go where it points. */
    HttpResponse<String> continueFrom(HttpResponse<String> callbackPage) {
        Matcher m = REFRESH.matcher(callbackPage.body());
        if (!m.find()) {
            throw new IllegalStateException(
                    "not the callback's page: " + callbackPage.statusCode() + " " + callbackPage.body());
        }
        return open(m.group(1));
    }

    /** The fields of the first form posting to {@code action} (and holding {@code mustContain}). */
    static Map<String, String> form(String html, String action, String mustContain) {
        Matcher m = FORM.matcher(html);
        while (m.find()) {
            if (m.group(1).equals(action) && m.group(2).contains(mustContain)) {
                return new LinkedHashMap<>(Browser.hiddenFields(m.group(2)));
            }
        }
        throw new IllegalStateException("no form posting to " + action + " with " + mustContain + " in " + html);
    }

    /** Submits the page's form posting to {@code action} (containing {@code mustContain}) with {@code extra}. */
    HttpResponse<String> submit(
            HttpResponse<String> page, String action, String mustContain, Map<String, String> extra) {
        Map<String, String> fields = form(page.body(), action, mustContain);
        fields.putAll(extra);
        return browser.postForm(action, fields);
    }

    /** The public id of the session the devices page marks as this device. */
    static String thisDeviceSid(HttpResponse<String> devicesPage) {
        Matcher m = THIS_DEVICE.matcher(devicesPage.body());
        if (!m.find()) {
            throw new IllegalStateException("no device marked as this one: " + devicesPage.body());
        }
        return m.group(1);
    }

    /** Signs the user in at a confidential client in a fresh browser: a second "device". */
    static String otherDevice(TestRealm realm, TestRealm.ConfidentialClient client, String username) throws Exception {
        var tokens = OidcFlow.signIn(realm.curfew().browser(), realm, client, username);
        return OidcFlow.claims(tokens.get("access_token").asText()).getStringClaim("sid");
    }

    private static String resolve(HttpResponse<String> from, String location) {
        return from.uri().resolve(URI.create(location)).toString();
    }
}
