package dev.curfew.samples.guard;

import com.nimbusds.jose.util.JSONObjectUtils;
import dev.curfew.guard.CurfewGuard;
import dev.curfew.guard.CurfewGuardFilter;
import dev.curfew.guard.GuardHealth;
import dev.curfew.guard.VerifiedToken;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * A resource server protected by curfew-guard: {@code GET /api/hello} needs a Curfew access token and
 * answers who it was issued for; {@code GET /health} (open) shows the guard's feed state. Runs on embedded
 * Jetty 12 with {@link CurfewGuardFilter} on {@code /api/*}.
 *
 * <p>Configured by environment variables: {@code CURFEW_ISSUER} (default
 * {@code http://localhost:8080/realms/demo}), {@code CURFEW_AUDIENCE} (comma-separated client ids whose
 * tokens are accepted; default {@code demo-app}), {@code CURFEW_RECEIVER_ID} and {@code CURFEW_RECEIVER_SECRET}
 * (the receiver client; without them the guard only validates and does not see sign-outs), {@code HOST}
 * (default {@code 127.0.0.1}) and {@code PORT} (default 8081; 0 picks a free one).
 */
public final class HelloApi implements AutoCloseable {
    private final Server server;
    private final int port;

    private HelloApi(Server server, int port) {
        this.server = server;
        this.port = port;
    }

    public static void main(String[] args) throws Exception {
        String issuer = env("CURFEW_ISSUER", "http://localhost:8080/realms/demo");
        CurfewGuard.Builder builder = CurfewGuard.builder()
                .issuer(issuer)
                .audience(Arrays.stream(env("CURFEW_AUDIENCE", "demo-app").split(","))
                        .map(String::strip)
                        .toArray(String[]::new));
        String receiver = System.getenv("CURFEW_RECEIVER_ID");
        if (receiver != null && !receiver.isBlank()) {
            builder.receiver(receiver, env("CURFEW_RECEIVER_SECRET", ""));
        } else {
            System.err.println("CURFEW_RECEIVER_ID is not set: tokens are validated, sign-outs are not seen");
        }
        CurfewGuard guard = builder.build();
        boolean synced = guard.start();
        HelloApi api = start(guard, env("HOST", "127.0.0.1"), Integer.parseInt(env("PORT", "8081")));
        System.out.println("guard-resource-server on http://" + env("HOST", "127.0.0.1") + ":" + api.port()
                + "/api/hello for " + issuer + (synced ? "" : " (not in sync yet: " + guard.health() + ")"));
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            api.close();
            guard.close();
        }));
        api.server.join();
    }

    /** Starts the API on {@code host:port} (port 0: a free one) with a started guard. */
    public static HelloApi start(CurfewGuard guard, String host, int port) throws Exception {
        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost(host);
        connector.setPort(port);
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler();
        context.setContextPath("/");
        context.addFilter(new FilterHolder(new CurfewGuardFilter(guard)), "/api/*", EnumSet.of(DispatcherType.REQUEST));
        context.addServlet(new ServletHolder(new Hello()), "/api/hello");
        context.addServlet(new ServletHolder(new Health(guard)), "/health");
        server.setHandler(context);
        server.start();
        return new HelloApi(server, connector.getLocalPort());
    }

    public int port() {
        return port;
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            throw new IllegalStateException("stopping Jetty failed", e);
        }
    }

    /** {@code GET /api/hello}: the verified token's user, client and session. */
    static final class Hello extends HttpServlet {
        private static final long serialVersionUID = 1L;

        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
            VerifiedToken token = (VerifiedToken) request.getAttribute(CurfewGuardFilter.TOKEN_ATTRIBUTE);
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("hello", token.stringClaim("preferred_username").orElse(token.subject()));
            body.put("sub", token.subject());
            body.put("client_id", token.clientId());
            token.sessionId().ifPresent(sid -> body.put("sid", sid));
            json(response, 200, body);
        }
    }

    /** {@code GET /health}: the guard's feed state; 503 while not ready (not in sync, or no keys). */
    static final class Health extends HttpServlet {
        private static final long serialVersionUID = 1L;
        private final transient CurfewGuard guard;

        Health(CurfewGuard guard) {
            this.guard = guard;
        }

        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
            GuardHealth health = guard.health();
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("feed", health.state().name());
            health.lastSync().ifPresent(t -> body.put("last_sync", t.toString()));
            health.lastError().ifPresent(e -> body.put("last_error", e));
            health.streamId().ifPresent(s -> body.put("stream_id", s));
            body.put("revocations", health.revocations());
            body.put("fail_safe", health.failSafe().toString());
            body.put("keys_loaded", health.keysLoaded());
            json(response, health.ready() ? 200 : 503, body);
        }
    }

    private static void json(HttpServletResponse response, int status, Map<String, Object> body) throws IOException {
        response.setStatus(status);
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        response.getWriter().write(JSONObjectUtils.toJSONString(body));
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
