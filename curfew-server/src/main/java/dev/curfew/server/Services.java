package dev.curfew.server;

import dev.curfew.core.password.PasswordHasher;
import dev.curfew.core.store.Store;
import dev.curfew.core.validity.RevocationState;
import dev.curfew.server.account.AccountConsoleClient;
import dev.curfew.server.admin.AdminAuth;
import dev.curfew.server.audit.AuditLog;
import dev.curfew.server.client.ClientService;
import dev.curfew.server.config.CurfewConfig;
import dev.curfew.server.http.Pages;
import dev.curfew.server.http.RequestInfo;
import dev.curfew.server.keys.RealmKeys;
import dev.curfew.server.realm.RealmService;
import dev.curfew.server.session.SessionService;
import dev.curfew.server.session.SessionValidity;
import dev.curfew.server.signout.SessionCleanup;
import dev.curfew.server.signout.SignOutService;
import dev.curfew.server.token.TokenIssuer;
import dev.curfew.server.token.TokenVerifier;
import dev.curfew.server.user.UserService;
import java.time.Clock;

/** Everything the endpoints use, built once at start-up. */
public record Services(
        CurfewConfig config,
        Clock clock,
        Store store,
        PasswordHasher passwordHasher,
        RealmKeys keys,
        RealmService realms,
        UserService users,
        ClientService clients,
        SessionValidity sessionValidity,
        SessionService sessions,
        TokenIssuer tokenIssuer,
        TokenVerifier tokenVerifier,
        AdminAuth adminAuth,
        RequestInfo requestInfo,
        Pages pages,
        RevocationState revocations,
        AuditLog audit,
        SessionCleanup cleanup,
        SignOutService signOuts,
        AccountConsoleClient accountConsole) {

    public static Services create(CurfewConfig config, Clock clock, Store store, PasswordHasher hasher) {
        RealmKeys keys = new RealmKeys(store, clock);
        RevocationState revocations = new RevocationState();
        SessionValidity validity = new SessionValidity(store, revocations, clock);
        TokenVerifier verifier = new TokenVerifier(store, keys, validity, clock);
        AuditLog audit = new AuditLog(store, clock);
        SessionCleanup cleanup = new SessionCleanup(store, audit, clock);
        RealmService realms = new RealmService(store, keys, clock);
        AccountConsoleClient accountConsole = new AccountConsoleClient(store, config, clock);
        realms.onCreate(accountConsole::ensure);
        return new Services(
                config,
                clock,
                store,
                hasher,
                keys,
                realms,
                new UserService(store, hasher, clock),
                new ClientService(store),
                validity,
                new SessionService(store, validity, revocations, clock),
                new TokenIssuer(store, keys, clock),
                verifier,
                new AdminAuth(store, verifier),
                new RequestInfo(config),
                new Pages(),
                revocations,
                audit,
                cleanup,
                new SignOutService(store, revocations, audit, cleanup, clock),
                accountConsole);
    }
}
