package dev.curfew.interop.spring;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

/**
 * curfew-guard inside a real Spring Boot resource server (Spring Security's JWT support, the guard plugged in
 * as an {@code OAuth2TokenValidator<Jwt>}): after an administrator signs a user or a session out, the API
 * answers {@code 401 invalid_token} ("token signed out") for the signed-out access tokens as soon as the
 * guard's feed has brought the sign-out — no call to Curfew per request — while every other token keeps
 * working. The tokens come from Curfew's token endpoint (password
 * grant of a client made for it); the guard reads sign-outs through its own receiver client.
 */
@ExtendWith(SharedCurfew.class)
@DisplayName("curfew-guard in a Spring Security resource server")
class SpringResourceServerGuardIT {
    private static final String CALLER = "spring-api-caller";
    private static final String RECEIVER = "spring-api";

    private static DemoCurfew curfew;
    private static ResourceServer api;
    private static String callerSecret;
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    static void start(DemoCurfew shared) {
        curfew = shared;
        callerSecret = DemoCurfew.newSecret();
        curfew.admin()
                .createClient(
                        DemoCurfew.REALM,
                        Map.of(
                                "clientId",
                                CALLER,
                                "secret",
                                callerSecret,
                                "standardFlowEnabled",
                                false,
                                "directAccessGrantsEnabled",
                                true));
        String receiverSecret = DemoCurfew.newSecret();
        curfew.admin()
                .createClient(
                        DemoCurfew.REALM,
                        Map.of(
                                "clientId",
                                RECEIVER,
                                "secret",
                                receiverSecret,
                                "standardFlowEnabled",
                                false,
                                "serviceAccountsEnabled",
                                true,
                                "attributes",
                                Map.of("ssf.receiver", "true")));
        api = ResourceServer.start(curfew.issuer(), CALLER, RECEIVER, receiverSecret);
    }

    @AfterAll
    static void stop() {
        HTTP.close();
        if (api != null) {
            api.close();
        }
    }

    /** An access token from Curfew's token endpoint (a new session each time). */
    private static JsonNode tokens(String user) throws Exception {
        HttpResponse<String> response = HTTP.send(
                HttpRequest.newBuilder(URI.create(curfew.issuer() + "/protocol/openid-connect/token"))
                        .timeout(Duration.ofSeconds(30))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(CurfewAdmin.form(Map.of(
                                "grant_type",
                                "password",
                                "client_id",
                                CALLER,
                                "client_secret",
                                callerSecret,
                                "username",
                                user,
                                "password",
                                curfew.password(user),
                                "scope",
                                "openid"))))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode())
                .as("token for %s: %s", user, response.body())
                .isEqualTo(200);
        return CurfewAdmin.JSON.readTree(response.body());
    }

    private static HttpResponse<String> me(JsonNode tokens) throws Exception {
        return HTTP.send(
                HttpRequest.newBuilder(api.baseUrl().resolve("/api/me"))
                        .timeout(Duration.ofSeconds(30))
                        .header(
                                "Authorization",
                                "Bearer " + tokens.path("access_token").asString())
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static void assertAccepted(JsonNode tokens, String userId) throws Exception {
        HttpResponse<String> response = me(tokens);
        assertThat(response.statusCode())
                .as(
                        "GET /api/me: %s %s",
                        response.headers().firstValue("WWW-Authenticate").orElse(""), response.body())
                .isEqualTo(200);
        assertThat(CurfewAdmin.JSON.readTree(response.body()).path("sub").asString())
                .isEqualTo(userId);
    }

    /** Spring's own 401, carrying the guard's reason: the refusal is the guard's, not Spring's validation. */
    private static void assertRefusedAsSignedOut(JsonNode tokens) throws Exception {
        HttpResponse<String> refused = me(tokens);
        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(refused.headers().firstValue("WWW-Authenticate"))
                .hasValueSatisfying(v -> assertThat(v)
                        .startsWith("Bearer")
                        .contains("error=\"invalid_token\"")
                        .contains("token signed out"));
    }

    private static void awaitRefused(JsonNode tokens) {
        Awaitility.await()
                .atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> me(tokens).statusCode() == 401);
    }

    @Test
    @DisplayName("user sign-out: that user's tokens get 401 invalid_token; another user's and a new one work")
    void userSignOut() throws Exception {
        String alice = curfew.admin().userId(DemoCurfew.REALM, "alice");
        String bob = curfew.admin().userId(DemoCurfew.REALM, "bob");
        JsonNode alicesTokens = tokens("alice");
        JsonNode bobsTokens = tokens("bob");
        assertAccepted(alicesTokens, alice);
        assertAccepted(bobsTokens, bob);

        JsonNode signOut = curfew.admin().signOutUser(DemoCurfew.REALM, alice, "interop: Spring resource server");

        awaitRefused(alicesTokens);
        assertRefusedAsSignedOut(alicesTokens);
        assertAccepted(bobsTokens, bob);

        // A token's iat has whole seconds, so one issued in the cut-off's own second is refused too, by design
        // (guard.md, "What it refuses"): a new token for alice is accepted once that second is over.
        Instant nextSecond = Instant.parse(signOut.path("cutOff").asString())
                .truncatedTo(ChronoUnit.SECONDS)
                .plusSeconds(1);
        Awaitility.await()
                .atMost(Duration.ofSeconds(5))
                .pollInterval(Duration.ofMillis(20))
                .until(() -> Instant.now().isAfter(nextSecond));
        assertAccepted(tokens("alice"), alice);
    }

    @Test
    @DisplayName("session sign-out: only the tokens of that session get 401")
    void sessionSignOut() throws Exception {
        String carol = curfew.admin().userId(DemoCurfew.REALM, "carol");
        JsonNode laptop = tokens("carol");
        JsonNode phone = tokens("carol");
        assertAccepted(laptop, carol);
        assertAccepted(phone, carol);
        String laptopSid =
                CurfewAdmin.JSON.readTree(me(laptop).body()).path("sid").asString();
        assertThat(laptopSid).isNotBlank();

        curfew.admin().signOutSession(DemoCurfew.REALM, laptopSid, "interop: one device");

        awaitRefused(laptop);
        assertRefusedAsSignedOut(laptop);
        assertAccepted(phone, carol);
        assertThat(List.of(me(phone).statusCode(), me(laptop).statusCode())).containsExactly(200, 401);
    }
}
