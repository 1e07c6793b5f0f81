package dev.curfew.server;

import dev.curfew.core.delivery.Delivery;
import dev.curfew.core.password.PasswordHasher;
import dev.curfew.core.store.Store;
import dev.curfew.core.validity.RevocationState;
import dev.curfew.server.account.AccountConsoleClient;
import dev.curfew.server.admin.AdminAuth;
import dev.curfew.server.audit.AuditLog;
import dev.curfew.server.bruteforce.BruteForceProtection;
import dev.curfew.server.client.ClientService;
import dev.curfew.server.config.CurfewConfig;
import dev.curfew.server.crypto.PasswordHashingPool;
import dev.curfew.server.delivery.DeliverySettings;
import dev.curfew.server.delivery.Dispatcher;
import dev.curfew.server.http.BaseUrl;
import dev.curfew.server.http.Pages;
import dev.curfew.server.http.RequestInfo;
import dev.curfew.server.keys.RealmKeys;
import dev.curfew.server.oidc.logout.backchannel.BackChannelLogout;
import dev.curfew.server.oidc.logout.backchannel.LogoutTokens;
import dev.curfew.server.outbound.HostResolver;
import dev.curfew.server.outbound.OutboundPolicy;
import dev.curfew.server.realm.RealmService;
import dev.curfew.server.session.SessionService;
import dev.curfew.server.session.SessionValidity;
import dev.curfew.server.signout.SessionCleanup;
import dev.curfew.server.signout.SignOutService;
import dev.curfew.server.ssf.PollWaiters;
import dev.curfew.server.ssf.PushRenderer;
import dev.curfew.server.ssf.SetSigner;
import dev.curfew.server.ssf.Ssf;
import dev.curfew.server.ssf.SsfMetrics;
import dev.curfew.server.ssf.Transmitter;
import dev.curfew.server.token.TokenIssuer;
import dev.curfew.server.token.TokenVerifier;
import dev.curfew.server.user.UserService;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Map;

/**
 * Everything the endpoints use, built once at start-up.
 *
 * @param passwordHasher every password hash and verification runs on its bounded pool
 */
public record Services(
        CurfewConfig config,
        Clock clock,
        Store store,
        PasswordHashingPool passwordHasher,
        BruteForceProtection bruteForce,
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
        AccountConsoleClient accountConsole,
        BaseUrl baseUrl,
        BackChannelLogout backChannelLogout,
        Dispatcher dispatcher,
        MeterRegistry meters,
        Ssf ssf,
        OutboundPolicy outbound) {

    public static Services create(
            CurfewConfig config, Clock clock, Store store, PasswordHasher hasher, MeterRegistry meters) {
        return create(config, clock, store, hasher, meters, config.delivery());
    }

    public static Services create(
            CurfewConfig config,
            Clock clock,
            Store store,
            PasswordHasher hasher,
            MeterRegistry meters,
            DeliverySettings delivery) {
        PasswordHashingPool hashing = new PasswordHashingPool(hasher, config.hashing(), meters);
        RealmKeys keys = new RealmKeys(store, clock);
        RevocationState revocations = new RevocationState();
        SessionValidity validity = new SessionValidity(store, revocations, clock);
        TokenVerifier verifier = new TokenVerifier(store, keys, validity, clock);
        AuditLog audit = new AuditLog(store, clock);
        BaseUrl baseUrl = new BaseUrl(config);
        BackChannelLogout backChannel = new BackChannelLogout(baseUrl::get, clock);
        TokenIssuer tokenIssuer = new TokenIssuer(store, keys, clock);
        LogoutTokens logoutTokens = new LogoutTokens(tokenIssuer, clock);
        SetSigner setSigner = new SetSigner(tokenIssuer);
        OutboundPolicy outbound = new OutboundPolicy(config.outboundAllow(), HostResolver.SYSTEM);
        Dispatcher dispatcher = new Dispatcher(
                store,
                delivery,
                Map.of(
                        Delivery.BACKCHANNEL_LOGOUT,
                        d -> "logout_token="
                                + URLEncoder.encode(
                                        logoutTokens.sign(d.realmId(), d.payload()), StandardCharsets.UTF_8),
                        Delivery.SSF_PUSH,
                        new PushRenderer(store, setSigner)),
                clock,
                new SecureRandom(),
                meters,
                outbound);
        PollWaiters pollWaiters = new PollWaiters();
        SsfMetrics ssfMetrics = new SsfMetrics(meters, store);
        Transmitter transmitter = new Transmitter(clock, pollWaiters, dispatcher::wake, ssfMetrics);
        Ssf ssf = new Ssf(transmitter, pollWaiters, setSigner, ssfMetrics, config.ssfPollTimeout());
        SessionCleanup cleanup = new SessionCleanup(store, audit, backChannel, dispatcher::wake, clock);
        RealmService realms = new RealmService(store, keys, clock);
        AccountConsoleClient accountConsole = new AccountConsoleClient(store, config, clock);
        BruteForceProtection bruteForce = new BruteForceProtection(store, audit, clock, config.addresses());
        realms.onCreate(accountConsole::ensure);
        return new Services(
                config,
                clock,
                store,
                hashing,
                bruteForce,
                keys,
                realms,
                new UserService(store, hashing, transmitter, bruteForce, clock),
                new ClientService(store),
                validity,
                new SessionService(store, validity, revocations, backChannel, transmitter, dispatcher::wake, clock),
                tokenIssuer,
                verifier,
                new AdminAuth(store, verifier, config.adminClients()),
                new RequestInfo(config),
                new Pages(),
                revocations,
                audit,
                cleanup,
                new SignOutService(
                        store, revocations, audit, cleanup, backChannel, transmitter, dispatcher::wake, clock),
                accountConsole,
                baseUrl,
                backChannel,
                dispatcher,
                meters,
                ssf,
                outbound);
    }
}
