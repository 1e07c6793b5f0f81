package dev.curfew.server.account;

/** The console's URLs for one realm, for the templates' links and form actions. */
public record AccountLinks(
        String home,
        String password,
        String twoFactor,
        String twoFactorRemove,
        String signOutDevice,
        String signOutOthers,
        String signOut) {

    public static AccountLinks of(String realm) {
        return new AccountLinks(
                AccountPaths.of(AccountPaths.HOME, realm),
                AccountPaths.of(AccountPaths.PASSWORD, realm),
                AccountPaths.of(AccountPaths.TWO_FACTOR, realm),
                AccountPaths.of(AccountPaths.TWO_FACTOR_REMOVE, realm),
                AccountPaths.of(AccountPaths.SIGN_OUT_DEVICE, realm),
                AccountPaths.of(AccountPaths.SIGN_OUT_OTHERS, realm),
                AccountPaths.of(AccountPaths.SIGN_OUT, realm));
    }
}
