package dev.curfew.guard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.curfew.server.testing.SignedIn;
import dev.curfew.server.testing.TestCurfew;
import dev.curfew.server.testing.TestRealm;
import dev.curfew.server.testing.TestRealm.ConfidentialClient;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.EnumSet;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("CurfewGuardFilter on Jetty 12: RFC 6750 answers, verified token in a request attribute")
class CurfewGuardFilterTest {
    static TestCurfew curfew;
    static TestRealm realm;
    static ConfidentialClient web;
    static CurfewGuard guard;
    static Server jetty;
    static URI hello;
    static final HttpClient HTTP = HttpClient.newHttpClient();

    /** Answers the verified token's subject and session id. */
    static final class Hello extends HttpServlet {
        private static final long serialVersionUID = 1L;

        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
            VerifiedToken token = (VerifiedToken) request.getAttribute(CurfewGuardFilter.TOKEN_ATTRIBUTE);
            response.setContentType("text/plain");
            response.getWriter().write(token.subject() + " " + token.sessionId().orElse("-"));
        }
    }

    @BeforeAll
    static void start() throws Exception {
        curfew = TestCurfew.start();
        realm = TestRealm.create(curfew);
        realm.user("alice");
        web = realm.confidentialClient("web");
        guard = CurfewGuard.builder().issuer(realm.issuer()).audience("web").build();
        guard.start();
        jetty = new Server();
        ServerConnector connector = new ServerConnector(jetty);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        jetty.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler();
        context.addFilter(new FilterHolder(new CurfewGuardFilter(guard)), "/api/*", EnumSet.of(DispatcherType.REQUEST));
        context.addServlet(new ServletHolder(new Hello()), "/api/hello");
        jetty.setHandler(context);
        jetty.start();
        hello = URI.create("http://127.0.0.1:" + connector.getLocalPort() + "/api/hello");
    }

    @AfterAll
    static void stop() throws Exception {
        jetty.stop();
        guard.close();
        curfew.close();
    }

    @Test
    void acceptedTokenReachesTheServletWithItsClaims() throws Exception {
        SignedIn alice = SignedIn.login(realm, web, "alice");

        HttpResponse<String> response = get("Bearer " + alice.accessToken());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo(alice.userId() + " " + alice.sid());
    }

    @Test
    @DisplayName("§3.1: no token → 401 with a bare Bearer challenge")
    void noToken() throws Exception {
        HttpResponse<String> response = get(null);

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate")).contains("Bearer");
    }

    @Test
    @DisplayName("§3.1: invalid token → 401 invalid_token with a description, and a JSON body")
    void invalidToken() throws Exception {
        HttpResponse<String> response = get("Bearer not.a.jwt");

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate"))
                .contains("Bearer error=\"invalid_token\", error_description=\"malformed token\"");
        assertThat(response.headers().firstValue("Cache-Control")).contains("no-store");
        assertThat(response.body())
                .isEqualTo("{\"error\":\"invalid_token\",\"error_description\":\"malformed token\"}");
    }

    @Test
    @DisplayName("§3.1: not a bearer token → 400 invalid_request")
    void otherScheme() throws Exception {
        HttpResponse<String> response = get(web.basic());

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("WWW-Authenticate"))
                .hasValueSatisfying(v -> assertThat(v).startsWith("Bearer error=\"invalid_request\""));
    }

    private static HttpResponse<String> get(String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(hello).GET();
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
