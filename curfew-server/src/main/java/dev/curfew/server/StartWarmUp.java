package dev.curfew.server;

import dev.curfew.engine.json.Json;
import dev.curfew.server.http.Pages;
import io.javalin.Javalin;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.lang.management.ManagementFactory;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Locale;
import java.util.Map;
import javax.net.ssl.SSLContext;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs, on a second core and while the start reads its command line and opens the database, a little of what the
 * start does next: the libraries' static initialisers and their first, interpreted runs (the JSON mapper, an H2
 * database in memory and a JDBI query on it, the JDK's TLS, JMX and locales, the metrics registry, the page templates,
 * a Javalin server that is never started). Done here first, the start finds them done (bench/README.md, "Start-up").
 * Nothing here is kept or shared with the server: what it creates is dropped at its end, and a failure is logged at
 * debug level and changes nothing.
 */
public final class StartWarmUp {
    private static final Logger LOG = LoggerFactory.getLogger(StartWarmUp.class);

    private StartWarmUp() {}

    /** Starts the warm-up on a daemon thread of its own and returns at once. */
    public static void begin() {
        Thread.ofPlatform().daemon().name("curfew-start-warm-up").start(StartWarmUp::run);
    }

    private static void run() {
        try {
            warm();
        } catch (Throwable e) {
            LOG.debug("start warm-up stopped early (the start is not affected)", e);
        }
    }

    /** The warm-up itself, on the caller's thread. */
    static void warm() throws Exception {
        Json.MAPPER.readTree(Json.MAPPER.writeValueAsString(Map.of("warm", 1)));
        try (Connection connection = DriverManager.getConnection("jdbc:h2:mem:");
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE warm (id VARCHAR(36) PRIMARY KEY, at TIMESTAMP WITH TIME ZONE)");
            statement.execute("INSERT INTO warm VALUES ('a', CURRENT_TIMESTAMP)");
            try (ResultSet rows = statement.executeQuery("SELECT id, at FROM warm WHERE id = 'a'")) {
                rows.next();
            }
            Jdbi.create(connection)
                    .withHandle(handle -> handle.createQuery("SELECT id FROM warm WHERE id = :id")
                            .bind("id", "a")
                            .mapTo(String.class)
                            .findOne());
        }
        // The outbound HTTP clients' TLS set-up, the JMX server (Jetty and the JVM metrics ask for it) and the
        // list of locales (Jetty's MIME types read it): each a one-time initialisation of the JDK's.
        SSLContext.getDefault();
        ManagementFactory.getPlatformMBeanServer();
        Locale.getAvailableLocales();
        new PrometheusMeterRegistry(PrometheusConfig.DEFAULT).close();
        new Pages();
        Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.routes.get("/", ctx -> ctx.result("warm"));
        });
    }
}
