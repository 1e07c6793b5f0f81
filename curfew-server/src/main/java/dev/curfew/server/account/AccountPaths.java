package dev.curfew.server.account;

/** Where the account console lives: under each realm, {@code /realms/{realm}/account}. */
public final class AccountPaths {
    public static final String HOME = "/realms/{realm}/account";
    public static final String CALLBACK = HOME + "/callback";
    public static final String PASSWORD = HOME + "/password";
    public static final String TWO_FACTOR = HOME + "/two-factor";
    public static final String TWO_FACTOR_REMOVE = TWO_FACTOR + "/remove";
    public static final String SIGN_OUT_DEVICE = HOME + "/devices/sign-out";
    public static final String SIGN_OUT_OTHERS = HOME + "/devices/sign-out-others";
    public static final String SIGN_OUT = HOME + "/sign-out";
    public static final String SIGNED_OUT = HOME + "/signed-out";

    private AccountPaths() {}

    /** The path for a realm, e.g. {@code /realms/demo/account/password}. */
    public static String of(String path, String realmName) {
        return path.replace("{realm}", realmName);
    }

    /** The console's cookies are scoped to this path, so no other page of the realm receives them. */
    public static String cookiePath(String realmName) {
        return of(HOME, realmName);
    }
}
