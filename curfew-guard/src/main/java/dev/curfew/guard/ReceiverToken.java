package dev.curfew.guard;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;

/**
 * The receiver client's access token for the SSF endpoints: a client-credentials grant (RFC 6749 §4.4) with
 * {@code client_secret_basic}, fetched again once three quarters of its lifetime have passed or when an
 * endpoint answers 401. Used only by the feed's thread.
 */
final class ReceiverToken {
    private final HttpJson http;
    private final URI tokenEndpoint;
    private final String clientId;
    private final String basic;
    private final Clock clock;
    private String token;
    private long refreshAtMillis;

    ReceiverToken(HttpJson http, URI tokenEndpoint, String clientId, String secret, Clock clock) {
        this.http = http;
        this.tokenEndpoint = tokenEndpoint;
        this.clientId = clientId;
        // RFC 6749 §2.3.1: both parts form-encoded before Base64.
        String pair = URLEncoder.encode(clientId, StandardCharsets.UTF_8) + ":"
                + URLEncoder.encode(secret, StandardCharsets.UTF_8);
        this.basic = "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
        this.clock = clock;
    }

    /** {@code Bearer <token>}, fetching a token first when there is none or it is due for renewal. */
    String authorization() throws IOException, InterruptedException {
        if (token == null || clock.millis() >= refreshAtMillis) {
            fetch();
        }
        return "Bearer " + token;
    }

    /** Forget the token (an endpoint refused it), so the next call fetches a new one. */
    void invalidate() {
        token = null;
    }

    /** The current token if any, for the last call at close. */
    String current() {
        return token == null ? null : "Bearer " + token;
    }

    private void fetch() throws IOException, InterruptedException {
        long now = clock.millis();
        HttpJson.Answer answer =
                http.postForm(tokenEndpoint, "grant_type=client_credentials", IssuerMetadata.TIMEOUT, basic);
        if (!answer.ok()) {
            throw new HttpJson.UnexpectedAnswer("client_credentials grant of receiver " + clientId, answer);
        }
        String accessToken = HttpJson.string(answer.body(), "access_token", "token response");
        long lifetimeMillis = answer.body().get("expires_in") instanceof Number n ? n.longValue() * 1000 : 60_000;
        token = accessToken;
        refreshAtMillis = now + lifetimeMillis * 3 / 4;
    }
}
