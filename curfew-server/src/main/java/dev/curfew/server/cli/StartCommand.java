package dev.curfew.server.cli;

import dev.curfew.server.CurfewServer;
import dev.curfew.server.IdleHeap;
import dev.curfew.server.StartupTimes;
import dev.curfew.server.bootstrap.Bootstrap;
import dev.curfew.server.bootstrap.DemoRealm;
import dev.curfew.server.config.ConfigException;
import dev.curfew.server.config.ConfigLoader;
import dev.curfew.server.config.CurfewConfig;
import dev.curfew.server.config.PublicUrlWarning;
import dev.curfew.server.welcome.WelcomePage;
import dev.curfew.store.DatabaseException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code curfew start}: runs the server until interrupted. */
@Command(
        name = "start",
        mixinStandardHelpOptions = true,
        description = {
            "Starts the Curfew server: on http://localhost:8080 with its data in ./data unless told otherwise.",
            "",
            "Every option can also be set with an environment variable (CURFEW_HTTP_PORT...)",
            "or in a properties file named by --config (http-port=8080). Flags win over the",
            "environment, which wins over the file. Passwords are read only from the",
            "environment or the file: CURFEW_ADMIN_PASSWORD, CURFEW_DB_PASSWORD."
        })
public final class StartCommand implements Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger(StartCommand.class);

    @Option(
            names = "--config",
            paramLabel = "FILE",
            description = "Properties file with configuration (CURFEW_CONFIG).")
    String config;

    @Option(
            names = "--http-host",
            paramLabel = "HOST",
            description = "Interface to listen on (CURFEW_HTTP_HOST); default 0.0.0.0.")
    String httpHost;

    @Option(
            names = "--http-port",
            paramLabel = "PORT",
            description = "HTTP port (CURFEW_HTTP_PORT); default 8080; 0 picks a free one.")
    String httpPort;

    @Option(
            names = "--data-dir",
            paramLabel = "DIR",
            description = "Where the embedded database lives (CURFEW_DATA_DIR); default ./data.")
    String dataDir;

    @Option(
            names = "--db-url",
            paramLabel = "JDBC_URL",
            description =
                    "Database (CURFEW_DB_URL); default H2 in the data directory. PostgreSQL: jdbc:postgresql://host:5432/curfew")
    String dbUrl;

    @Option(names = "--db-username", paramLabel = "USER", description = "Database user (CURFEW_DB_USERNAME).")
    String dbUsername;

    @Option(
            names = "--public-url",
            paramLabel = "URL",
            description = "Base URL clients use, when behind a proxy (CURFEW_PUBLIC_URL), e.g. https://id.example.com")
    String publicUrl;

    @Option(
            names = "--proxy-headers",
            paramLabel = "BOOL",
            description =
                    "Trust X-Forwarded-For/-Proto/-Host from a reverse proxy (CURFEW_PROXY_HEADERS); default false.")
    String proxyHeaders;

    @Option(
            names = "--admin-user",
            paramLabel = "NAME",
            description = "Bootstrap administrator's user name on first start (CURFEW_ADMIN_USER); default admin.")
    String adminUser;

    @Option(
            names = "--demo",
            description = "Also create the demo realm with sample users and an application (CURFEW_DEMO).")
    boolean demo;

    @Option(
            names = "--delivery-max-age",
            paramLabel = "DURATION",
            description = "A logout token not delivered for this long becomes dead (CURFEW_DELIVERY_MAX_AGE);"
                    + " default 24h; 1m to 30d.")
    String deliveryMaxAge;

    @Option(
            names = "--delivery-concurrency",
            paramLabel = "N",
            description = "Receivers delivered to at once (CURFEW_DELIVERY_CONCURRENCY); default 32; 1 to 1024.")
    String deliveryConcurrency;

    @Option(
            names = "--delivery-request-timeout",
            paramLabel = "DURATION",
            description = "A receiver answering later counts as a failed attempt (CURFEW_DELIVERY_REQUEST_TIMEOUT);"
                    + " default 10s; 1s to 60s.")
    String deliveryRequestTimeout;

    @Option(
            names = "--admin-clients",
            paramLabel = "IDS",
            description = "Master-realm clients whose access tokens the admin API accepts, comma-separated"
                    + " (CURFEW_ADMIN_CLIENTS); default admin-cli,curfew-console.")
    String adminClients;

    @Option(
            names = "--outbound-allow",
            paramLabel = "LIST",
            description = "Networks (CIDR) and host names that notifications may go to although they are loopback,"
                    + " private or link-local, and that may use plain http (CURFEW_OUTBOUND_ALLOW), e.g."
                    + " 10.0.0.0/8,hooks.internal.example; default none.")
    String outboundAllow;

    @Option(
            names = "--password-hash-threads",
            paramLabel = "N",
            description = "Threads hashing passwords (CURFEW_PASSWORD_HASH_THREADS); default the number of cores;"
                    + " 1 to 256.")
    String passwordHashThreads;

    @Option(
            names = "--password-hash-queue",
            paramLabel = "N",
            description = "Password hashes that may wait for a thread; past it, 503 (CURFEW_PASSWORD_HASH_QUEUE);"
                    + " default 32 per thread; 1 to 100000.")
    String passwordHashQueue;

    @Option(
            names = "--brute-force-ip-failures",
            paramLabel = "N",
            description = "Failed sign-ins an address may make at once in a realm before it is refused"
                    + " (CURFEW_BRUTE_FORCE_IP_FAILURES); default 30; 0 turns the throttling off.")
    String bruteForceIpFailures;

    @Option(
            names = "--brute-force-ip-window",
            paramLabel = "DURATION",
            description = "How long an address's full count of failures takes to drain"
                    + " (CURFEW_BRUTE_FORCE_IP_WINDOW); default 10m; 1m to 24h.")
    String bruteForceIpWindow;

    @Option(
            names = "--http-max-concurrent",
            paramLabel = "N",
            description = "Requests served at once; more wait their turn (CURFEW_HTTP_MAX_CONCURRENT); default 4 per"
                    + " core, at most 16; 1 to 10000.")
    String httpMaxConcurrent;

    @Option(
            names = "--http-max-queued",
            paramLabel = "N",
            description = "Requests that may wait for a turn; past it, 503 (CURFEW_HTTP_MAX_QUEUED); default 16 per"
                    + " concurrent request; 0 to 100000.")
    String httpMaxQueued;

    @Option(
            names = "--http-max-wait",
            paramLabel = "DURATION",
            description = "The longest a request waits for a turn before it is refused with 503"
                    + " (CURFEW_HTTP_MAX_WAIT); default 1s; 10ms to 60s.")
    String httpMaxWait;

    @Option(
            names = "--http-target-wait",
            paramLabel = "DURATION",
            description = "When every request for 100 ms has waited longer than this for a core, one that did is"
                    + " refused with 503 (CURFEW_HTTP_TARGET_WAIT); default 50ms; 1ms to 60s.")
    String httpTargetWait;

    @Option(
            names = "--fail-safe-window",
            paramLabel = "DURATION",
            description = "With several nodes: how long a node that does not hear the others' changes keeps"
                    + " accepting tokens issued before (CURFEW_FAIL_SAFE_WINDOW); default 30s; 0s to 1h.")
    String failSafeWindow;

    @Override
    public Integer call() {
        PrintStream out = System.out;
        CurfewConfig cfg;
        CurfewServer server;
        try {
            cfg = ConfigLoader.load(flags(), System.getenv());
            server = CurfewServer.start(cfg);
        } catch (ConfigException | DatabaseException e) {
            cannotStart(e).forEach(System.err::println);
            return 2;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            server.close();
                            stopped.countDown();
                        },
                        "curfew-shutdown"));
        // Before the "Started in" line, so that whoever waits for the line finds the mark made.
        RecordedStart.served(ManagementFactory.getRuntimeMXBean().getInputArguments());
        LOG.info(startedLine(ManagementFactory.getRuntimeMXBean().getUptime(), server.startupTimes()));
        IdleHeap.watch();
        printWelcome(out, server);
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }

    /**
     * For example {@code Started in 812 ms (JVM and command line 290 ms, checks 3 ms, database 212 ms, ...)}: where a
     * start spent its time, phase by phase, counted from the JVM's own start.
     *
     * @param jvmUptimeMillis the time since the JVM started, now that the server is up
     */
    static String startedLine(long jvmUptimeMillis, StartupTimes times) {
        long beforeServer = Math.max(0, jvmUptimeMillis - times.totalMillis());
        return "Started in " + jvmUptimeMillis + " ms (JVM and command line " + beforeServer + " ms, " + times + ")";
    }

    private Map<String, String> flags() {
        Map<String, String> flags = new HashMap<>();
        put(flags, "config", config);
        put(flags, "http-host", httpHost);
        put(flags, "http-port", httpPort);
        put(flags, "data-dir", dataDir);
        put(flags, "db-url", dbUrl);
        put(flags, "db-username", dbUsername);
        put(flags, "public-url", publicUrl);
        put(flags, "proxy-headers", proxyHeaders);
        put(flags, "admin-user", adminUser);
        if (demo) {
            flags.put("demo", "true");
        }
        put(flags, "delivery-max-age", deliveryMaxAge);
        put(flags, "delivery-concurrency", deliveryConcurrency);
        put(flags, "delivery-request-timeout", deliveryRequestTimeout);
        put(flags, "admin-clients", adminClients);
        put(flags, "outbound-allow", outboundAllow);
        put(flags, "password-hash-threads", passwordHashThreads);
        put(flags, "password-hash-queue", passwordHashQueue);
        put(flags, "brute-force-ip-failures", bruteForceIpFailures);
        put(flags, "brute-force-ip-window", bruteForceIpWindow);
        put(flags, "http-max-concurrent", httpMaxConcurrent);
        put(flags, "http-max-queued", httpMaxQueued);
        put(flags, "http-max-wait", httpMaxWait);
        put(flags, "http-target-wait", httpTargetWait);
        put(flags, "fail-safe-window", failSafeWindow);
        return flags;
    }

    private static void put(Map<String, String> flags, String key, String value) {
        if (value != null) {
            flags.put(key, value);
        }
    }

    /**
     * How the operator runs this program, for the commands the welcome text suggests: {@code ./curfew} sets the
     * system property {@value #COMMAND_PROPERTY}; the jar run directly is {@code java -jar curfew.jar}.
     */
    static final String COMMAND_PROPERTY = "curfew.command";

    static void printWelcome(PrintStream out, CurfewServer server) {
        String command = System.getProperty(COMMAND_PROPERTY, "java -jar curfew.jar");
        // The admin commands find this server by themselves only when it runs where they look by default.
        boolean found = server.localUrl().equals(Connection.localServer(System.getenv()));
        printWelcome(out, server, command, found ? "" : " --server " + server.localUrl());
    }

    /**
     * @param command how the operator runs this program, e.g. {@code ./curfew}
     * @param serverOption what an admin command needs to find this server: nothing, or {@code " --server URL"}
     */
    static void printWelcome(PrintStream out, CurfewServer server, String command, String serverOption) {
        String url = server.localUrl();
        Bootstrap.Result b = server.bootstrap();
        out.println();
        out.println("Curfew is ready at " + url);
        out.println("  Welcome page:           " + url + "/");
        out.println("  Admin console:          " + url + WelcomePage.ADMIN_CONSOLE);
        out.println("  Account console:        " + url + "/realms/<realm>/account (every realm has one)");
        out.println("  Issuer (master realm):  " + url + "/realms/master");
        out.println("  Discovery:              " + url + "/realms/master/.well-known/openid-configuration");
        PublicUrlWarning.of(server.config()).ifPresent(w -> {
            out.println();
            out.println("  Warning: " + w);
        });
        if (b.generatedPassword().isPresent()) {
            out.println();
            out.println("  Administrator created. Log in with:");
            out.println("    user:     " + b.adminUser());
            out.println("    password: " + b.generatedPassword().get());
            out.println(
                    "  This password is shown only once; change it after logging in (or set CURFEW_ADMIN_PASSWORD before the first start).");
        } else if (b.createdMaster()) {
            out.println();
            out.println("  Administrator created: user '" + b.adminUser()
                    + "' with the password from CURFEW_ADMIN_PASSWORD.");
        } else {
            out.println("  Log in as the administrator created at first start (user '" + b.adminUser()
                    + "' unless changed).");
        }
        out.println();
        out.println("  Get an admin token:");
        out.println("    curl -s -d grant_type=password -d client_id=admin-cli -d username=" + b.adminUser()
                + " --data-urlencode password=... " + url + "/realms/master/protocol/openid-connect/token");
        b.demo().ifPresent(d -> printDemo(out, url, command + " users set-password" + serverOption, d));
        out.println();
        out.flush();
    }

    private static void printDemo(PrintStream out, String url, String setPassword, DemoRealm.State demo) {
        out.println();
        switch (demo) {
            case DemoRealm.Created d -> {
                out.println("  Demo realm created: " + url + "/realms/" + DemoRealm.NAME);
                d.passwords().forEach((user, password) -> out.println("    user " + user + " / password " + password));
                out.println("    client " + d.clientId() + " / secret " + d.clientSecret() + " / redirect URI "
                        + d.redirectUri());
                out.println("    These passwords and the secret are shown only once.");
            }
            case DemoRealm.Existing d -> {
                out.println("  Demo realm (created at an earlier start): " + url + "/realms/" + DemoRealm.NAME);
                String more = d.userCount() > d.users().size()
                        ? " and " + (d.userCount() - d.users().size()) + " more"
                        : "";
                out.println("    users " + (d.users().isEmpty() ? "none" : String.join(", ", d.users())) + more);
                out.println("    client " + d.clientId() + " / redirect URI " + d.redirectUri());
                out.println("    Their passwords and the client secret were shown at that start only. A new password:");
                out.println("    " + setPassword + " --realm " + DemoRealm.NAME + " "
                        + d.users().stream().findFirst().orElse("USERNAME"));
                out.println("    A new client secret: POST " + url + "/admin/realms/" + DemoRealm.NAME
                        + "/clients/{id}/client-secret (operator guide, \"Try it: the demo realm\").");
            }
        }
        out.println("    Account console: " + url + "/realms/" + DemoRealm.NAME + "/account");
        out.println("    Try a login in your browser:");
        out.println("    " + url + "/realms/" + DemoRealm.NAME + "/protocol/openid-connect/auth?client_id="
                + DemoRealm.CLIENT_ID + "&response_type=code&scope=openid%20profile%20email&redirect_uri="
                + DemoRealm.REDIRECT_URI);
    }

    /** What stopped the start, for stderr: one line for one problem, else a line per problem. */
    static List<String> cannotStart(RuntimeException e) {
        List<String> problems = e instanceof ConfigException c ? c.problems() : List.of(e.getMessage());
        if (problems.size() == 1) {
            return List.of("curfew: cannot start: " + problems.get(0));
        }
        List<String> lines = new ArrayList<>();
        lines.add("curfew: cannot start, " + problems.size() + " problems:");
        problems.forEach(p -> lines.add("  - " + p));
        return lines;
    }
}
