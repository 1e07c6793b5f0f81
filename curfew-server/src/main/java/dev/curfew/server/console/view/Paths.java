package dev.curfew.server.console.view;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** The console's URLs, in one place. */
public final class Paths {
    public static final String HOME = "/admin/console";
    public static final String LOGIN = HOME + "/login";
    public static final String LOGOUT = HOME + "/logout";
    public static final String SCRIPT = "/resources/console.js";
    public static final String STYLE = "/resources/console.css";
    /** Every realm the administrator may see; creating a realm. */
    public static final String REALMS = HOME + "/realms";

    private Paths() {}

    public static String realm(String realm) {
        return HOME + "/realms/" + encode(realm);
    }

    /** The realm list, keeping the realm the administrator came from in the navigation. */
    public static String realms(String from) {
        return REALMS + "?realm=" + encode(from);
    }

    public static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
