package dev.curfew.engine;

import dev.curfew.core.change.ChangeFeed;
import dev.curfew.core.delivery.Delivery;
import dev.curfew.core.password.PasswordHasher;
import dev.curfew.core.store.Store;
import dev.curfew.core.validity.RevocationState;
import dev.curfew.engine.audit.AuditLog;
import dev.curfew.engine.backchannel.BackChannelLogout;
import dev.curfew.engine.backchannel.LogoutTokens;
import dev.curfew.engine.bruteforce.BruteForceProtection;
import dev.curfew.engine.client.ClientService;
import dev.curfew.engine.cluster.ChangeApplier;
import dev.curfew.engine.delivery.Dispatcher;
import dev.curfew.engine.delivery.Transport;
import dev.curfew.engine.keys.KeyRotation;
import dev.curfew.engine.keys.RealmKeys;
import dev.curfew.engine.otp.OtpService;
import dev.curfew.engine.outbound.HostResolver;
import dev.curfew.engine.outbound.OutboundPolicy;
import dev.curfew.engine.password.PasswordHashingPool;
import dev.curfew.engine.realm.RealmService;
import dev.curfew.engine.session.SessionEnding;
import dev.curfew.engine.session.SessionService;
import dev.curfew.engine.signout.Housekeeping;
import dev.curfew.engine.signout.SessionCleanup;
import dev.curfew.engine.signout.SignOutFailures;
import dev.curfew.engine.signout.SignOutLeases;
import dev.curfew.engine.signout.SignOutSchedules;
import dev.curfew.engine.signout.SignOutService;
import dev.curfew.engine.ssf.PollWaiters;
import dev.curfew.engine.ssf.PushRenderer;
import dev.curfew.engine.ssf.SetSigner;
import dev.curfew.engine.ssf.Ssf;
import dev.curfew.engine.ssf.SsfMetrics;
import dev.curfew.engine.ssf.Transmitter;
import dev.curfew.engine.token.TokenIssuer;
import dev.curfew.engine.token.TokenVerifier;
import dev.curfew.engine.user.UserService;
import dev.curfew.engine.validity.AccessTokenRevocation;
import dev.curfew.engine.validity.FailSafe;
import dev.curfew.engine.validity.SessionValidity;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Map;

/**
 * The engine's object graph, built once at start: everything that decides and propagates the end of sessions. It
 * holds no HTTP server; the server builds its endpoints around it ({@code docs/architecture.md}, "Modules").
 *
 * @param passwordHasher every password hash and verification runs on its bounded pool
 * @param housekeeping the periodic clean-up; started by whoever runs the engine, once its realms exist
 */
public record Engine(
        EngineSettings settings,
        Clock clock,
        Store store,
        PasswordHashingPool passwordHasher,
        BruteForceProtection bruteForce,
        RealmKeys keys,
        KeyRotation keyRotation,
        RealmService realms,
        UserService users,
        OtpService otp,
        ClientService clients,
        RevocationState revocations,
        SessionValidity sessionValidity,
        SessionService sessions,
        TokenIssuer tokenIssuer,
        TokenVerifier tokenVerifier,
        AccessTokenRevocation accessTokenRevocation,
        AuditLog audit,
        SessionCleanup cleanup,
        SignOutService signOuts,
        SignOutSchedules signOutSchedules,
        BackChannelLogout backChannelLogout,
        Dispatcher dispatcher,
        Ssf ssf,
        OutboundPolicy outbound,
        Housekeeping housekeeping,
        MeterRegistry meters)
        implements AutoCloseable {

    /**
     * Builds the engine. Nothing runs yet: the caller starts {@link #dispatcher()} and {@link #housekeeping()}.
     *
     * @param changes how what one node commits reaches every node's memory; the engine listens to it at once
     * @param transport sends the outbox's notifications (the server's HTTP client)
     */
    public static Engine create(
            EngineSettings settings,
            Clock clock,
            Store store,
            ChangeFeed changes,
            PasswordHasher hasher,
            MeterRegistry meters,
            Transport.Factory transport) {
        PasswordHashingPool hashing = new PasswordHashingPool(hasher, settings.hashing(), meters);
        RealmKeys keys = new RealmKeys(store, clock, changes);
        RevocationState revocations = new RevocationState();
        SessionValidity validity =
                new SessionValidity(store, revocations, new FailSafe(changes, settings.failSafeWindow(), clock), clock);
        TokenVerifier verifier = new TokenVerifier(store, keys, validity);
        AuditLog audit = new AuditLog(store, clock);
        TokenIssuer tokenIssuer = new TokenIssuer(store, keys, clock);
        LogoutTokens logoutTokens = new LogoutTokens(tokenIssuer, clock);
        SetSigner setSigner = new SetSigner(tokenIssuer);
        OutboundPolicy outbound = new OutboundPolicy(settings.outboundAllow(), HostResolver.SYSTEM);
        Dispatcher dispatcher = new Dispatcher(
                store,
                settings.delivery(),
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
                outbound,
                transport);
        BackChannelLogout backChannel = new BackChannelLogout(settings.baseUrl(), changes, clock);
        PollWaiters pollWaiters = new PollWaiters();
        SsfMetrics ssfMetrics = new SsfMetrics(meters, store);
        Transmitter transmitter = new Transmitter(clock, pollWaiters, changes, ssfMetrics);
        Ssf ssf = new Ssf(transmitter, pollWaiters, setSigner, ssfMetrics, settings.ssfPollTimeout());
        SessionEnding ending = new SessionEnding(changes, backChannel, transmitter, clock);
        SignOutLeases leases = new SignOutLeases(store, clock);
        SessionCleanup cleanup = new SessionCleanup(store, audit, ending, leases, clock);
        BruteForceProtection bruteForce = new BruteForceProtection(store, audit, clock, settings.addresses());
        SignOutService signOuts =
                new SignOutService(store, changes, audit, cleanup, ending, transmitter, leases, clock);
        SignOutSchedules schedules = new SignOutSchedules(store, audit, clock);
        changes.listen(new ChangeApplier(keys, revocations, pollWaiters, dispatcher::wake, store, clock));
        return new Engine(
                settings,
                clock,
                store,
                hashing,
                bruteForce,
                keys,
                new KeyRotation(store, keys, audit, clock),
                new RealmService(store, keys, changes, clock),
                new UserService(store, hashing, transmitter, bruteForce, ending, clock),
                new OtpService(store, bruteForce, audit, ending, clock),
                new ClientService(store),
                revocations,
                validity,
                new SessionService(store, validity, ending, audit, clock),
                tokenIssuer,
                verifier,
                new AccessTokenRevocation(store, changes),
                audit,
                cleanup,
                signOuts,
                schedules,
                backChannel,
                dispatcher,
                ssf,
                outbound,
                new Housekeeping(
                        store,
                        revocations,
                        signOuts,
                        schedules,
                        cleanup,
                        new SignOutFailures(store, audit),
                        leases,
                        clock),
                meters);
    }

    /** Stops the background work: housekeeping, clean-ups, delivery, and the hashing pool. */
    @Override
    public void close() {
        housekeeping.close();
        cleanup.close();
        dispatcher.close();
        passwordHasher.close();
    }
}
