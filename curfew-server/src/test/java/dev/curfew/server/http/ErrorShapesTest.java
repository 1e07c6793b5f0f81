package dev.curfew.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.curfew.engine.json.Json;
import dev.curfew.server.testing.RawAnswer;
import dev.curfew.server.testing.TestCurfew;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every failure, including those Javalin and Jetty answer themselves, comes in the error model of its path — RFC 9457
 * problem details on the admin API, RFC 6749 errors on the protocol endpoints — with the security headers.
 */
@DisplayName("Error answers: the path's error model and the security headers, whoever answers")
class ErrorShapesTest {
    static TestCurfew curfew;

    @BeforeAll
    static void start() {
        curfew = TestCurfew.start();
    }

    @AfterAll
    static void stop() {
        curfew.close();
    }

    @Test
    @DisplayName("an unknown admin path or method was answered in text/plain; now a 404 problem")
    void unknownAdminPathsWerePlainText() {
        String[] bearer = TestCurfew.bearer(curfew.adminToken());
        HttpResponse<String> unknownPath = curfew.get("/admin/realms/master/no-such-thing", bearer);
        assertProblem(unknownPath.statusCode(), unknownPath.headers(), unknownPath.body(), 404);
        HttpResponse<String> unknownMethod = send(HttpRequest.newBuilder(uri("/admin/realms/master"))
                .method("PATCH", HttpRequest.BodyPublishers.ofString("{}"))
                .header("Authorization", bearer[1]));
        assertProblem(unknownMethod.statusCode(), unknownMethod.headers(), unknownMethod.body(), 404);
    }

    @Test
    @DisplayName("a body over the size limit was answered in text/plain; now a 413 problem, or an RFC 6749 error at"
            + " the token endpoint")
    void oversizedBodiesWerePlainText() {
        String big = "{\"realm\":\"" + "a".repeat(1_000_001) + "\"}";
        HttpResponse<String> admin = curfew.postJson("/admin/realms", big, TestCurfew.bearer(curfew.adminToken()));
        assertProblem(admin.statusCode(), admin.headers(), admin.body(), 413);

        HttpResponse<String> token = curfew.postForm(
                "/realms/master/protocol/openid-connect/token",
                Map.of("grant_type", "password", "username", "a".repeat(1_000_001)));
        assertOAuthError(token.statusCode(), token.headers(), token.body(), 413, "invalid_request");
    }

    @Test
    @DisplayName("a body over the size limit was answered as if the connection stayed open, and the client's next"
            + " request on it failed; now the answer says Connection: close")
    void oversizedBodiesLeftTheConnectionOpen() throws IOException {
        int size = 1_000_001;
        RawAnswer raw = raw(
                "POST /realms/master/protocol/openid-connect/token HTTP/1.1\r\nHost: localhost\r\n"
                        + "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: " + size,
                "grant_type=" + "a".repeat(size - "grant_type=".length()),
                false);
        assertOAuthError(raw.status(), raw.headers(), raw.body(), 413, "invalid_request");
        assertThat(raw.headers().firstValue("Connection")).hasValue("close");
    }

    @Test
    @DisplayName("an answer given before the body was read (here: an unknown charset) let Jetty close the connection"
            + " unannounced, and the client's next request on it failed; now the body is read first (a client that"
            + " expects 100-continue is asked for it) and the connection lives on")
    void earlyAnswersLeftTheConnectionToDie() throws IOException {
        int port = URI.create(curfew.baseUrl()).getPort();
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            String body = "grant_type=" + "a".repeat(300_000);
            out.write(("POST /realms/master/protocol/openid-connect/token HTTP/1.1\r\nHost: localhost\r\n"
                            + "Content-Type: application/x-www-form-urlencoded; charset=no-such-charset\r\n"
                            + "Expect: 100-continue\r\nContent-Length: " + body.length() + "\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            assertThat(RawAnswer.read(socket.getInputStream()).status())
                    .as("RFC 9110 §10.1.1: asked for the body before any answer")
                    .isEqualTo(100);
            out.write(body.getBytes(StandardCharsets.ISO_8859_1));
            RawAnswer refused = RawAnswer.read(socket.getInputStream());
            assertOAuthError(refused.status(), refused.headers(), refused.body(), 400, "invalid_request");
            assertThat(refused.headers().firstValue("Connection")).isEmpty();
            out.write("GET /health/live HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"
                    .getBytes(StandardCharsets.ISO_8859_1));
            assertThat(RawAnswer.read(socket.getInputStream()).status())
                    .as("the next request on the connection")
                    .isEqualTo(200);
        }
    }

    @Test
    @DisplayName("a problem quoting text outside Latin-1 sent '?' in its place, and Latin-1 letters as single bytes"
            + " that are no UTF-8; now problems, like OAuth errors and other answers, are UTF-8 (RFC 8259 §8.1)")
    void problemsQuotingNonAsciiTextWereNotUtf8() {
        String[] bearer = TestCurfew.bearer(curfew.adminToken());
        String ip = "caf\u00e9/\u0663\u0662";
        HttpResponse<byte[]> problem = sendForBytes(HttpRequest.newBuilder(
                        uri("/admin/realms/master/sessions?ip=" + URLEncoder.encode(ip, StandardCharsets.UTF_8)))
                .header(bearer[0], bearer[1]));
        String problemText = strictUtf8(problem.body());
        assertProblem(problem.statusCode(), problem.headers(), problemText, 400);
        assertThat(parse(problemText).get("detail").asText()).contains(ip);

        String grantType = "caf\u00e9\u0663";
        HttpResponse<byte[]> oauth =
                sendForBytes(HttpRequest.newBuilder(uri("/realms/master/protocol/openid-connect/token"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString("client_id=admin-cli&grant_type="
                                + URLEncoder.encode(grantType, StandardCharsets.UTF_8))));
        String oauthText = strictUtf8(oauth.body());
        assertOAuthError(oauth.statusCode(), oauth.headers(), oauthText, 400, "unsupported_grant_type");
        assertThat(parse(oauthText).get("error_description").asText()).contains(grantType);

        String displayName = "Caf\u00e9 \u0663\u0662";
        assertThat(curfew.postJson(
                                "/admin/realms",
                                Json.MAPPER
                                        .createObjectNode()
                                        .put("realm", "utf8-names")
                                        .put("displayName", displayName)
                                        .toString(),
                                bearer)
                        .statusCode())
                .isEqualTo(201);
        HttpResponse<byte[]> realm = sendForBytes(
                HttpRequest.newBuilder(uri("/admin/realms/utf8-names")).header(bearer[0], bearer[1]));
        assertThat(parse(strictUtf8(realm.body())).get("displayName").asText())
                .as("an answer that is not an error, for comparison")
                .isEqualTo(displayName);
    }

    @Test
    @DisplayName("an admin 401 had no WWW-Authenticate; now RFC 6750 §3's Bearer challenge, with invalid_token when"
            + " a token was sent")
    void adminUnauthorizedHadNoChallenge() {
        HttpResponse<String> noToken = curfew.get("/admin/realms");
        assertProblem(noToken.statusCode(), noToken.headers(), noToken.body(), 401);
        assertThat(noToken.headers().firstValue("WWW-Authenticate")).hasValue("Bearer realm=\"curfew\"");

        HttpResponse<String> badToken = curfew.get("/admin/realms", "Authorization", "Bearer not-a-token");
        assertProblem(badToken.statusCode(), badToken.headers(), badToken.body(), 401);
        assertThat(badToken.headers().firstValue("WWW-Authenticate"))
                .hasValueSatisfying(challenge -> assertThat(challenge)
                        .startsWith("Bearer realm=\"curfew\", error=\"invalid_token\", error_description=\""));
    }

    @Test
    @DisplayName("a form in a character set Java does not know was a 500 at the token endpoint; now invalid_request")
    void unknownCharsetAtTheTokenEndpointWasAServerError() {
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/realms/master/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded; charset=no-such-charset")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials")));
        assertOAuthError(response.statusCode(), response.headers(), response.body(), 400, "invalid_request");
    }

    @Test
    @DisplayName("a malformed multipart body was a 500 wherever a form parameter was read (logout, userinfo); no"
            + " endpoint takes multipart, so it is refused up front")
    void multipartBodiesWereAServerError() {
        for (String path : List.of(
                "/realms/master/protocol/openid-connect/logout", "/realms/master/protocol/openid-connect/userinfo")) {
            HttpResponse<String> response = send(HttpRequest.newBuilder(uri(path))
                    .header("Content-Type", "multipart/form-data; boundary=x")
                    .POST(HttpRequest.BodyPublishers.ofString("id_token_hint=x&access_token=y")));
            assertOAuthError(response.statusCode(), response.headers(), response.body(), 400, "invalid_request");
        }
        HttpResponse<String> admin = send(HttpRequest.newBuilder(uri("/admin/realms"))
                .header("Content-Type", "multipart/form-data; boundary=x")
                .header("Authorization", "Bearer " + curfew.adminToken())
                .POST(HttpRequest.BodyPublishers.ofString("{\"realm\":\"multipart\"}")));
        assertProblem(admin.statusCode(), admin.headers(), admin.body(), 415);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(
            strings = {
                "GET /admin/realms/%zz HTTP/1.1",
                "GET /admin/realms/a%00b HTTP/1.1",
                "GET /admin/../../etc/passwd HTTP/1.1",
                "GARBAGE",
                "GET /admin/realms HTTP/1.1\r\nHost: bad host"
            })
    @DisplayName("Jetty's own 400 page was HTML without the security headers; now a problem with them")
    void jettyErrorPagesHadNoSecurityHeaders(String head) throws IOException {
        RawAnswer raw = raw(head.contains("Host:") ? head : head + "\r\nHost: localhost");
        assertProblem(raw.status(), raw.headers(), raw.body(), 400);
    }

    @Test
    @DisplayName("Jetty's answer to a request it could not take (here: a URI too long) kept quiet that it closes the"
            + " connection, and the client's next request on it failed; now it says Connection: close")
    void jettyErrorsClosedTheConnectionUnannounced() throws IOException {
        RawAnswer raw = raw(
                "GET /realms/master/protocol/openid-connect/userinfo?x=" + "a".repeat(20_000)
                        + " HTTP/1.1\r\nHost: localhost",
                "",
                false);
        assertThat(raw.status()).isEqualTo(414);
        assertThat(raw.headers().firstValue("Connection")).hasValue("close");
    }

    @Test
    @DisplayName("Jetty's own answer to a malformed protocol request is an RFC 6749 error with the security headers")
    void jettyErrorOnAProtocolPathIsAnOAuthError() throws IOException {
        RawAnswer raw = raw("POST /realms/master/protocol/openid-connect/token HTTP/1.1\r\nHost: bad host");
        assertOAuthError(raw.status(), raw.headers(), raw.body(), 400, "invalid_request");
    }

    private static void assertProblem(int status, HttpHeaders headers, String body, int expected) {
        assertThat(status).as(body).isEqualTo(expected);
        assertThat(headers.firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        assertSecurityHeaders(headers);
        JsonNode problem = parse(body);
        assertThat(problem.get("status").asInt()).isEqualTo(expected);
        assertThat(problem.get("title").asText()).isNotBlank();
        assertThat(problem.get("detail").asText()).isNotBlank();
    }

    private static void assertOAuthError(int status, HttpHeaders headers, String body, int expected, String error) {
        assertThat(status).as(body).isEqualTo(expected);
        assertThat(headers.firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
        assertSecurityHeaders(headers);
        assertThat(parse(body).get("error").asText()).isEqualTo(error);
    }

    private static void assertSecurityHeaders(HttpHeaders headers) {
        assertThat(headers.firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(headers.firstValue("X-Frame-Options")).hasValue("DENY");
        assertThat(headers.firstValue("Referrer-Policy")).hasValue("no-referrer");
        assertThat(headers.firstValue("Content-Security-Policy"))
                .hasValueSatisfying(csp -> assertThat(csp).contains("default-src 'none'"));
    }

    private static JsonNode parse(String body) {
        try {
            return Json.MAPPER.readTree(body);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + body, e);
        }
    }

    private static URI uri(String path) {
        return URI.create(curfew.baseUrl() + path);
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) {
        return send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<byte[]> sendForBytes(HttpRequest.Builder request) {
        return send(request, HttpResponse.BodyHandlers.ofByteArray());
    }

    private static <T> HttpResponse<T> send(HttpRequest.Builder request, HttpResponse.BodyHandler<T> body) {
        try {
            return curfew.http().send(request.timeout(Duration.ofSeconds(30)).build(), body);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The bytes as UTF-8, failing on any that are not. */
    private static String strictUtf8(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new AssertionError("not UTF-8: " + new String(bytes, StandardCharsets.ISO_8859_1), e);
        }
    }

    /** Sends the request line and headers as given (plus {@code Connection: close}) and reads the whole answer. */
    private static RawAnswer raw(String head) throws IOException {
        return raw(head, "", true);
    }

    /** Sends the head and body as given and reads one answer (its head, then Content-Length bytes). */
    private static RawAnswer raw(String head, String body, boolean close) throws IOException {
        int port = URI.create(curfew.baseUrl()).getPort();
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            String request = head + (close ? "\r\nConnection: close" : "") + "\r\n\r\n" + body;
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            return RawAnswer.read(socket.getInputStream());
        }
    }
}
