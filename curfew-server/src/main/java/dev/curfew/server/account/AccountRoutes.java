package dev.curfew.server.account;

import dev.curfew.core.store.Store;
import dev.curfew.engine.otp.OtpService;
import dev.curfew.engine.session.SessionService;
import dev.curfew.engine.signout.SignOutService;
import dev.curfew.engine.token.TokenIssuer;
import dev.curfew.engine.token.TokenVerifier;
import dev.curfew.engine.user.UserService;
import dev.curfew.engine.validity.SessionValidity;
import dev.curfew.server.http.Pages;
import dev.curfew.server.http.RequestInfo;
import dev.curfew.server.oidc.RealmResolver;
import dev.curfew.server.oidc.token.grants.AuthorizationCodeGrant;
import io.javalin.config.RoutesConfig;
import java.time.Clock;

/** The account console of every realm, at {@code /realms/{realm}/account}, given what it uses. */
public record AccountRoutes(
        RealmResolver realms,
        Store store,
        Clock clock,
        UserService users,
        OtpService otp,
        SessionService sessions,
        SessionValidity sessionValidity,
        SignOutService signOuts,
        TokenIssuer tokenIssuer,
        TokenVerifier tokenVerifier,
        RequestInfo requestInfo,
        Pages pages) {

    public void register(RoutesConfig routes) {
        AccountConsoleSessions consoleSessions = new AccountConsoleSessions(store, clock);
        PendingSignIns pending = new PendingSignIns(store, clock);
        AccountGuard guard = new AccountGuard(realms, sessions, consoleSessions, pending, requestInfo, pages);
        UserDevices devices = new UserDevices(store, sessionValidity, clock);
        SelfSignOut selfSignOut = new SelfSignOut(signOuts, requestInfo);

        routes.get(AccountPaths.HOME, new DevicesPage(guard, devices, pages));
        routes.get(
                AccountPaths.CALLBACK,
                new CallbackEndpoint(
                        realms,
                        store,
                        new AuthorizationCodeGrant(store, sessions, tokenIssuer, clock),
                        tokenVerifier,
                        sessions,
                        guard,
                        pending,
                        consoleSessions,
                        requestInfo,
                        pages,
                        clock));
        routes.post(
                AccountPaths.SIGN_OUT_DEVICE,
                new SignOutDeviceEndpoint(guard, devices, selfSignOut, consoleSessions, requestInfo));
        routes.post(AccountPaths.SIGN_OUT_OTHERS, new SignOutOtherDevicesEndpoint(guard, devices, selfSignOut));
        routes.get(AccountPaths.PASSWORD, new PasswordPage(guard, pages));
        routes.post(AccountPaths.PASSWORD, new ChangePasswordEndpoint(guard, users, devices, selfSignOut, requestInfo));
        routes.get(AccountPaths.TWO_FACTOR, new TwoFactorPage(guard, otp, pages));
        routes.post(AccountPaths.TWO_FACTOR, new ConfirmAuthenticatorEndpoint(guard, otp, pages));
        routes.post(AccountPaths.TWO_FACTOR_REMOVE, new RemoveAuthenticatorEndpoint(guard, users, otp, requestInfo));
        routes.post(AccountPaths.SIGN_OUT, new SignOutThisDeviceEndpoint(guard, consoleSessions, requestInfo));
        routes.get(AccountPaths.SIGNED_OUT, new SignedOutPage(realms, pages));
    }
}
