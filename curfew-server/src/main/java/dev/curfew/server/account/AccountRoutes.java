package dev.curfew.server.account;

import dev.curfew.server.Services;
import dev.curfew.server.oidc.RealmResolver;
import dev.curfew.server.oidc.token.grants.AuthorizationCodeGrant;
import io.javalin.config.RoutesConfig;

/** The account console of every realm, at {@code /realms/{realm}/account}. */
public final class AccountRoutes {
    private final Services s;

    public AccountRoutes(Services services) {
        this.s = services;
    }

    public void register(RoutesConfig routes) {
        RealmResolver realms = new RealmResolver(s.store(), s.pages());
        AccountConsoleSessions consoleSessions = new AccountConsoleSessions(s.store(), s.clock());
        PendingSignIns pending = new PendingSignIns(s.store(), s.clock());
        AccountGuard guard =
                new AccountGuard(realms, s.sessions(), consoleSessions, pending, s.requestInfo(), s.pages());
        UserDevices devices = new UserDevices(s.store(), s.sessionValidity(), s.clock());
        SelfSignOut selfSignOut = new SelfSignOut(s.signOuts(), s.requestInfo());

        routes.get(AccountPaths.HOME, new DevicesPage(guard, devices, s.pages()));
        routes.get(
                AccountPaths.CALLBACK,
                new CallbackEndpoint(
                        realms,
                        s.store(),
                        new AuthorizationCodeGrant(s.store(), s.sessions(), s.tokenIssuer(), s.clock()),
                        s.tokenVerifier(),
                        s.sessions(),
                        guard,
                        pending,
                        consoleSessions,
                        s.requestInfo(),
                        s.pages(),
                        s.clock()));
        routes.post(
                AccountPaths.SIGN_OUT_DEVICE,
                new SignOutDeviceEndpoint(guard, devices, selfSignOut, consoleSessions, s.requestInfo()));
        routes.post(AccountPaths.SIGN_OUT_OTHERS, new SignOutOtherDevicesEndpoint(guard, devices, selfSignOut));
        routes.get(AccountPaths.PASSWORD, new PasswordPage(guard, s.pages()));
        routes.post(
                AccountPaths.PASSWORD,
                new ChangePasswordEndpoint(guard, s.users(), devices, selfSignOut, s.requestInfo()));
        routes.get(AccountPaths.TWO_FACTOR, new TwoFactorPage(guard, s.otp(), s.pages()));
        routes.post(AccountPaths.TWO_FACTOR, new ConfirmAuthenticatorEndpoint(guard, s.otp(), s.pages()));
        routes.post(
                AccountPaths.TWO_FACTOR_REMOVE,
                new RemoveAuthenticatorEndpoint(guard, s.users(), s.otp(), s.requestInfo()));
        routes.post(AccountPaths.SIGN_OUT, new SignOutThisDeviceEndpoint(guard, consoleSessions, s.requestInfo()));
        routes.get(AccountPaths.SIGNED_OUT, new SignedOutPage(realms, s.pages()));
    }
}
