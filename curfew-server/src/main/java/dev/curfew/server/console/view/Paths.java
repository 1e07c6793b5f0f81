package dev.curfew.server.console.view;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** The console's URLs, in one place. */
public final class Paths {
    public static final String HOME = "/admin/console";
    public static final String LOGIN = HOME + "/login";
    public static final String LOGOUT = HOME + "/logout";
    public static final String SCRIPT = "/resources/console.js";

    private Paths() {}

    public static String realm(String realm) {
        return HOME + "/realms/" + encode(realm);
    }

    public static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
