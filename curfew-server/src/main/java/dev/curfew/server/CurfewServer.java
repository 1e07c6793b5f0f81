package dev.curfew.server;

import dev.curfew.core.password.PasswordHasher;
import dev.curfew.core.realm.RealmSettings;
import dev.curfew.engine.client.OutdatedClientUris;
import dev.curfew.engine.keys.SpareKeys;
import dev.curfew.engine.password.Argon2idPasswordHasher;
import dev.curfew.engine.signout.Housekeeping;
import dev.curfew.server.bootstrap.Bootstrap;
import dev.curfew.server.bootstrap.ConsoleClient;
import dev.curfew.server.bootstrap.FirstStartPasswords;
import dev.curfew.server.config.ConfigException;
import dev.curfew.server.config.CurfewConfig;
import dev.curfew.server.config.PublicUrlWarning;
import dev.curfew.server.http.HttpApp;
import dev.curfew.store.Database;
import dev.curfew.store.DatabaseConfig;
import dev.curfew.store.SchemaCheck;
import io.javalin.Javalin;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A running Curfew: database, services and HTTP server. Close it to stop. */
public final class CurfewServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CurfewServer.class);

    private final Database database;
    private final Services services;
    private final Javalin http;
    private final Bootstrap.Result bootstrap;
    private final JvmGcMetrics gcMetrics;
    private final Housekeeping housekeeping;
    private final StartupTimes startupTimes;

    private CurfewServer(
            Database database,
            Services services,
            Javalin http,
            Bootstrap.Result bootstrap,
            JvmGcMetrics gcMetrics,
            Housekeeping housekeeping,
            StartupTimes startupTimes) {
        this.database = database;
        this.services = services;
        this.http = http;
        this.bootstrap = bootstrap;
        this.gcMetrics = gcMetrics;
        this.housekeeping = housekeeping;
        this.startupTimes = startupTimes;
    }

    public static CurfewServer start(CurfewConfig config) {
        return start(config, Clock.systemUTC(), new Argon2idPasswordHasher());
    }

    /**
     * Checks the environment, opens (and migrates) the database, creates the master realm on first start,
     * and starts serving.
     *
     * @throws ConfigException when the configuration cannot work (port taken, data directory unwritable...)
     */
    public static CurfewServer start(CurfewConfig config, Clock clock, PasswordHasher hasher) {
        StartupTimes times = new StartupTimes();
        times.time("checks", () -> checkEnvironment(config));
        FirstStartPasswords passwords = FirstStartPasswords.choose(config);
        if (Database.isNewH2File(config.databaseUrl())) {
            // The signing keys of the realms the bootstrap creates, and the hashes of the passwords it sets, made on
            // other threads while the database opens (bench/README.md, "Start-up").
            SpareKeys.prepare(RealmSettings.DEFAULTS.signingAlgorithm(), Bootstrap.realmsOfAFirstStart(config));
            passwords.hashAhead(hasher);
        }
        Database database = times.time(
                "database",
                () -> Database.open(new DatabaseConfig(
                        config.databaseUrl(),
                        config.databaseUsername(),
                        config.databasePassword(),
                        CurfewConfig.DATABASE_POOL_SIZE)));
        try {
            PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
            Services services = times.time(
                    "services",
                    () -> Services.create(config, clock, database.store(), database.changes(), hasher, registry));
            // Building the HTTP server (Javalin parsing every route into its matcher, Jetty's objects) reads no data,
            // so it runs on the other core while this thread runs the bootstrap and loads the revocation state; the
            // server starts serving only after both (bench/README.md, "Start-up").
            FutureTask<Javalin> httpBuilt = new FutureTask<>(
                    () -> HttpApp.create(services.pages(), config.admission(), registry, services::registerRoutes));
            Thread.ofPlatform().daemon().name("curfew-start-http").start(httpBuilt);
            Bootstrap.Result bootstrap =
                    times.time("bootstrap", () -> services.bootstrap().run(passwords));
            Housekeeping housekeeping = services.engine().housekeeping();
            JvmGcMetrics gc = times.time("housekeeping and metrics", () -> {
                new OutdatedClientUris(database.store()).warn();
                housekeeping.startUp();
                housekeeping.schedule(60, TimeUnit.SECONDS);
                return bindJvmMetrics(registry);
            });
            Javalin http = times.time("HTTP", () -> built(httpBuilt).start(config.httpHost(), config.httpPort()));
            try {
                times.time("consoles and delivery", () -> {
                    new ConsoleClient(services.store(), config.publicUrl(), clock).ensure(http.port());
                    // Realms from earlier versions, and a changed public-url or port: the account console's client
                    // follows.
                    services.accountConsole().serving(http.port());
                    services.baseUrl().serving(http.port());
                    // Rows queued before a stop or crash are delivered from the first round on.
                    services.dispatcher().start();
                });
            } catch (RuntimeException e) {
                http.stop();
                services.engine().close();
                throw e;
            }
            return new CurfewServer(database, services, http, bootstrap, gc, housekeeping, times);
        } catch (RuntimeException e) {
            database.close();
            throw e;
        }
    }

    /** The HTTP server built beside the bootstrap, once it is; what its building threw, as it was thrown. */
    private static Javalin built(FutureTask<Javalin> building) {
        try {
            return building.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the HTTP server was being built", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException("building the HTTP server failed", e.getCause());
        }
    }

    /** Both checks run before either is reported, so one restart fixes everything they find. */
    private static void checkEnvironment(CurfewConfig config) {
        List<String> problems = new ArrayList<>();
        checkPortFree(config).ifPresent(problems::add);
        PublicUrlWarning.of(config).ifPresent(LOG::warn);
        if (config.databaseUrl().startsWith("jdbc:h2:file:")) {
            checkDataDir(config).ifPresent(problems::add);
        }
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
    }

    private static JvmGcMetrics bindJvmMetrics(PrometheusMeterRegistry registry) {
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        JvmGcMetrics gc = new JvmGcMetrics();
        gc.bindTo(registry);
        return gc;
    }

    public int port() {
        return http.port();
    }

    /** The base URL for local use, e.g. {@code http://localhost:8080}. */
    public String localUrl() {
        return services.config().publicUrl().map(Object::toString).orElse("http://localhost:" + port());
    }

    public CurfewConfig config() {
        return services.config();
    }

    /** What the composition root built, for tests that reach into the running server. */
    public Services services() {
        return services;
    }

    /** The periodic clean-up and sampling; tests call its {@code runOnce} after moving the clock. */
    public Housekeeping housekeeping() {
        return housekeeping;
    }

    public Bootstrap.Result bootstrap() {
        return bootstrap;
    }

    /** What opening the database did to its schema at this start (made from the template on a first start). */
    public SchemaCheck schemaCheck() {
        return database.schemaCheck();
    }

    /** How long each phase of {@link #start} took. */
    public StartupTimes startupTimes() {
        return startupTimes;
    }

    @Override
    public void close() {
        http.stop();
        services.engine().close();
        gcMetrics.close();
        database.close();
    }

    private static Optional<String> checkPortFree(CurfewConfig config) {
        if (config.httpPort() == 0) {
            return Optional.empty();
        }
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(config.httpHost(), config.httpPort()));
            return Optional.empty();
        } catch (IOException e) {
            return Optional.of("port " + config.httpPort() + " on " + config.httpHost()
                    + " is in use or not allowed (" + e.getMessage()
                    + "): stop the other program or choose another port with --http-port or CURFEW_HTTP_PORT");
        }
    }

    private static Optional<String> checkDataDir(CurfewConfig config) {
        try {
            Files.createDirectories(config.dataDir());
            var probe = Files.createTempFile(config.dataDir(), ".write-check", ".tmp");
            Files.delete(probe);
            return Optional.empty();
        } catch (IOException | SecurityException e) {
            return Optional.of("data directory " + config.dataDir() + " is not writable (" + e.getMessage()
                    + "): fix its permissions or choose another with --data-dir or CURFEW_DATA_DIR");
        }
    }
}
