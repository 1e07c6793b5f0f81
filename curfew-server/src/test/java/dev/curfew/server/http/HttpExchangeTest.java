package dev.curfew.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.curfew.core.user.User;
import dev.curfew.engine.json.Json;
import dev.curfew.server.testing.OidcFlow;
import dev.curfew.server.testing.RawAnswer;
import dev.curfew.server.testing.TestCurfew;
import dev.curfew.server.testing.TestRealm;
import dev.curfew.server.testing.TestRealm.ConfidentialClient;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * What the HTTP server's tuning ({@link HttpApp}: no per-connection cache of header values, a response copy buffer
 * smaller than Javalin's default) must never change: every request on a kept-alive connection is read with its own
 * headers, and every answer arrives whole, however large.
 */
@DisplayName("HTTP exchanges: each request on a kept-alive connection is its own; large answers arrive whole")
class HttpExchangeTest {
    static TestCurfew curfew;
    static TestRealm realm;
    static ConfidentialClient web;

    @BeforeAll
    static void start() {
        curfew = TestCurfew.start();
        realm = TestRealm.create(curfew);
        web = realm.confidentialClient("web");
    }

    @AfterAll
    static void stop() {
        curfew.close();
    }

    @Test
    @DisplayName("bearer tokens of two users, alternating on one connection, are each answered for their own user")
    void alternatingTokensOnOneConnection() throws IOException {
        User alice = realm.user("alice");
        User bob = realm.user("bob");
        String aliceToken = accessToken("alice");
        String bobToken = accessToken("bob");
        int port = URI.create(curfew.baseUrl()).getPort();

        try (Socket connection = new Socket("127.0.0.1", port)) {
            for (int i = 0; i < 8; i++) {
                boolean forAlice = i % 2 == 0;
                String answer = exchange(
                        connection,
                        "GET " + realm.userinfoPath() + " HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer "
                                + (forAlice ? aliceToken : bobToken) + "\r\n\r\n");

                JsonNode claims = Json.MAPPER.readTree(answer);
                assertThat(claims.path("sub").asText())
                        .as("answer %d on the same connection", i)
                        .isEqualTo(forAlice ? alice.id() : bob.id());
            }
        }
    }

    @Test
    @DisplayName("a guide of some hundred kilobytes arrives byte for byte")
    void largeAnswerArrivesWhole() throws IOException {
        byte[] guide;
        try (InputStream in = HttpExchangeTest.class.getResourceAsStream("/docs/operator-guide.md")) {
            guide = in.readAllBytes();
        }
        assertThat(guide.length).isGreaterThan(64 * 1024);

        HttpResponse<String> response = curfew.get("/docs/operator-guide.md");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo(new String(guide, StandardCharsets.UTF_8));
    }

    private static String accessToken(String username) {
        Map<String, String> params = OidcFlow.authParams("web");
        params.put("scope", "openid");
        String code = OidcFlow.code(OidcFlow.login(curfew.browser(), realm, params, username));
        return OidcFlow.ok(OidcFlow.exchange(realm, web, code))
                .get("access_token")
                .asText();
    }

    /** Writes one request on the connection and reads its answer, which must be a 200: the body. */
    private static String exchange(Socket connection, String request) throws IOException {
        OutputStream out = connection.getOutputStream();
        out.write(request.getBytes(StandardCharsets.US_ASCII));
        out.flush();
        RawAnswer answer = RawAnswer.read(connection.getInputStream());
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        assertThat(answer.headers().firstValue("Content-Length")).isPresent();
        return answer.body();
    }
}
