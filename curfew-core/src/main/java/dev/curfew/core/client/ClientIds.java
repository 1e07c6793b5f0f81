package dev.curfew.core.client;

import java.util.regex.Pattern;

/** Client ids travel in URLs and tokens: printable ASCII without spaces (RFC 6749 appendix A.1 is wider; we are stricter). */
public final class ClientIds {
    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9._:/@-]{1,255}");

    /** The public client the command line uses against the master realm. */
    public static final String ADMIN_CLI = "admin-cli";
    /** The admin console's public client in the master realm. */
    public static final String ADMIN_CONSOLE = "curfew-console";
    /** Every realm's account console client. */
    public static final String ACCOUNT_CONSOLE = "account-console";

    private ClientIds() {}

    public static boolean isValid(String clientId) {
        return clientId != null && VALID.matcher(clientId).matches();
    }

    public static String validate(String clientId) {
        if (!isValid(clientId)) {
            throw new IllegalArgumentException("clientId must be 1-255 characters of letters, digits or . _ : / @ -");
        }
        return clientId;
    }
}
