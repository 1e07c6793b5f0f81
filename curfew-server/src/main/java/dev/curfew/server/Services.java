package dev.curfew.server;

import dev.curfew.core.change.ChangeFeed;
import dev.curfew.core.password.PasswordHasher;
import dev.curfew.core.store.Store;
import dev.curfew.core.validity.RevocationState;
import dev.curfew.engine.Engine;
import dev.curfew.engine.EngineSettings;
import dev.curfew.engine.audit.AuditLog;
import dev.curfew.engine.backchannel.BackChannelLogout;
import dev.curfew.engine.bruteforce.BruteForceProtection;
import dev.curfew.engine.client.ClientService;
import dev.curfew.engine.delivery.Dispatcher;
import dev.curfew.engine.keys.KeyRotation;
import dev.curfew.engine.keys.RealmKeys;
import dev.curfew.engine.otp.OtpService;
import dev.curfew.engine.outbound.OutboundPolicy;
import dev.curfew.engine.password.PasswordHashingPool;
import dev.curfew.engine.playbook.Playbooks;
import dev.curfew.engine.realm.Maintenance;
import dev.curfew.engine.realm.RealmService;
import dev.curfew.engine.session.SessionService;
import dev.curfew.engine.signout.SessionCleanup;
import dev.curfew.engine.signout.SignOutSchedules;
import dev.curfew.engine.signout.SignOutService;
import dev.curfew.engine.ssf.Ssf;
import dev.curfew.engine.token.TokenIssuer;
import dev.curfew.engine.token.TokenVerifier;
import dev.curfew.engine.user.UserService;
import dev.curfew.engine.validity.AccessTokenRevocation;
import dev.curfew.engine.validity.SessionValidity;
import dev.curfew.server.account.AccountConsoleClient;
import dev.curfew.server.account.AccountRoutes;
import dev.curfew.server.admin.AdminAuth;
import dev.curfew.server.admin.AdminRoutes;
import dev.curfew.server.bootstrap.Bootstrap;
import dev.curfew.server.config.CurfewConfig;
import dev.curfew.server.console.Console;
import dev.curfew.server.console.ConsoleRoutes;
import dev.curfew.server.delivery.OutboundHttp;
import dev.curfew.server.http.BaseUrl;
import dev.curfew.server.http.Pages;
import dev.curfew.server.http.RequestInfo;
import dev.curfew.server.oidc.OidcRoutes;
import dev.curfew.server.oidc.RealmResolver;
import dev.curfew.server.ops.OpsRoutes;
import dev.curfew.server.ssf.SsfRoutes;
import dev.curfew.server.welcome.WelcomeRoutes;
import io.javalin.config.RoutesConfig;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;

/**
 * The composition root: the one place that builds Curfew's object graph — the {@link Engine}, the server's own parts
 * around it, and the routes of the HTTP surface, each route table and endpoint given exactly what it uses in its
 * constructor. Only {@link CurfewServer} receives it (an architecture test holds this); tests reach the parts it
 * built through the accessors below.
 *
 * @param ops health, readiness and metrics, which read the database and the change feed directly
 */
public record Services(
        CurfewConfig config,
        Engine engine,
        AdminAuth adminAuth,
        RequestInfo requestInfo,
        Pages pages,
        AccountConsoleClient accountConsole,
        BaseUrl baseUrl,
        OpsRoutes ops) {

    public static Services create(
            CurfewConfig config,
            Clock clock,
            Store store,
            ChangeFeed changes,
            PasswordHasher hasher,
            PrometheusMeterRegistry meters) {
        BaseUrl baseUrl = new BaseUrl(config);
        EngineSettings settings = new EngineSettings(
                config.delivery(),
                config.ssfPollTimeout(),
                config.hashing(),
                config.addresses(),
                config.outboundAllow(),
                baseUrl::get,
                config.failSafeWindow());
        Engine engine = Engine.create(settings, clock, store, changes, hasher, meters, OutboundHttp::new);
        AccountConsoleClient accountConsole = new AccountConsoleClient(store, config, clock);
        engine.realms().onCreate(accountConsole::ensure);
        return new Services(
                config,
                engine,
                new AdminAuth(store, engine.tokenVerifier(), config.adminClients()),
                new RequestInfo(config),
                new Pages(),
                accountConsole,
                baseUrl,
                new OpsRoutes(store, changes, meters));
    }

    /** What a start creates when it is missing: the master realm and its administrator, and the demo realm. */
    public Bootstrap bootstrap() {
        return new Bootstrap(config, store(), clock(), realms(), users());
    }

    /** Every route of the HTTP surface. */
    public void registerRoutes(RoutesConfig routes) {
        RealmResolver realmInPath = new RealmResolver(store(), pages);
        new OidcRoutes(
                        realmInPath,
                        store(),
                        clock(),
                        keys(),
                        users(),
                        otp(),
                        maintenance(),
                        audit(),
                        sessions(),
                        tokenIssuer(),
                        tokenVerifier(),
                        accessTokenRevocation(),
                        requestInfo,
                        pages)
                .register(routes);
        new SsfRoutes(realmInPath, store(), clock(), tokenVerifier(), ssf(), outbound(), requestInfo).register(routes);
        adminRoutes().register(routes);
        new ConsoleRoutes(Console.create(config, store(), clock(), pages, requestInfo)).register(routes);
        new AccountRoutes(
                        realmInPath,
                        store(),
                        clock(),
                        users(),
                        otp(),
                        sessions(),
                        sessionValidity(),
                        signOuts(),
                        tokenIssuer(),
                        tokenVerifier(),
                        requestInfo,
                        pages)
                .register(routes);
        ops.register(routes);
        new WelcomeRoutes(store(), requestInfo, pages).register(routes);
    }

    /** The admin REST API as a table of method, path, privilege and endpoint. */
    public AdminRoutes adminRoutes() {
        return new AdminRoutes(
                store(),
                clock(),
                adminAuth,
                realms(),
                keys(),
                keyRotation(),
                users(),
                otp(),
                clients(),
                sessionValidity(),
                signOuts(),
                signOutSchedules(),
                bruteForce(),
                audit(),
                dispatcher(),
                ssf().transmitter(),
                outbound(),
                requestInfo,
                new Playbooks(
                        store(),
                        signOuts(),
                        signOutSchedules(),
                        keyRotation(),
                        realms(),
                        maintenance(),
                        audit(),
                        clock()),
                maintenance());
    }

    /** Realms' maintenance windows; it keeps nothing of its own, so each caller may have its own. */
    public Maintenance maintenance() {
        return new Maintenance(store(), audit(), clock());
    }

    public Clock clock() {
        return engine.clock();
    }

    public Store store() {
        return engine.store();
    }

    /** Every password hash and verification runs on its bounded pool. */
    public PasswordHashingPool passwordHasher() {
        return engine.passwordHasher();
    }

    public BruteForceProtection bruteForce() {
        return engine.bruteForce();
    }

    public RealmKeys keys() {
        return engine.keys();
    }

    public KeyRotation keyRotation() {
        return engine.keyRotation();
    }

    public RealmService realms() {
        return engine.realms();
    }

    public UserService users() {
        return engine.users();
    }

    public OtpService otp() {
        return engine.otp();
    }

    public ClientService clients() {
        return engine.clients();
    }

    public SessionValidity sessionValidity() {
        return engine.sessionValidity();
    }

    public SessionService sessions() {
        return engine.sessions();
    }

    public TokenIssuer tokenIssuer() {
        return engine.tokenIssuer();
    }

    public TokenVerifier tokenVerifier() {
        return engine.tokenVerifier();
    }

    public AccessTokenRevocation accessTokenRevocation() {
        return engine.accessTokenRevocation();
    }

    public RevocationState revocations() {
        return engine.revocations();
    }

    public AuditLog audit() {
        return engine.audit();
    }

    public SessionCleanup cleanup() {
        return engine.cleanup();
    }

    public SignOutService signOuts() {
        return engine.signOuts();
    }

    public SignOutSchedules signOutSchedules() {
        return engine.signOutSchedules();
    }

    public BackChannelLogout backChannelLogout() {
        return engine.backChannelLogout();
    }

    public Dispatcher dispatcher() {
        return engine.dispatcher();
    }

    public MeterRegistry meters() {
        return engine.meters();
    }

    public Ssf ssf() {
        return engine.ssf();
    }

    public OutboundPolicy outbound() {
        return engine.outbound();
    }
}
