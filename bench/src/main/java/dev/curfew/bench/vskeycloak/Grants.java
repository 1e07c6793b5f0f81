package dev.curfew.bench.vskeycloak;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;

/** The protocol requests the workloads make, at the same paths on both servers. */
final class Grants {
    /** Password grants hash on the server: under load one can take seconds. */
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private final Http http;
    private final BenchRealm realm;
    private final String oidc;

    Grants(Http http, BenchRealm realm) {
        this.http = http;
        this.realm = realm;
        this.oidc = "/realms/" + realm.name() + "/protocol/openid-connect";
    }

    BenchRealm realm() {
        return realm;
    }

    Http.Answer password(BenchRealm.User user) throws IOException, InterruptedException {
        String form = "grant_type=password&scope=openid%20profile%20email&username=" + Http.enc(user.username())
                + "&password=" + Http.enc(user.password());
        return http.postForm(oidc + "/token", form, Optional.of(realm.app().basic()), TIMEOUT);
    }

    Http.Answer refresh(String refreshToken) throws IOException, InterruptedException {
        String form = "grant_type=refresh_token&refresh_token=" + Http.enc(refreshToken);
        return http.postForm(oidc + "/token", form, Optional.of(realm.app().basic()), TIMEOUT);
    }

    Http.Answer clientCredentials() throws IOException, InterruptedException {
        return http.postForm(
                oidc + "/token",
                "grant_type=client_credentials",
                Optional.of(realm.service().basic()),
                TIMEOUT);
    }

    /** RFC 7662 introspection of an access token by the client it was issued to. */
    Http.Answer introspect(String accessToken) throws IOException, InterruptedException {
        String form = "token=" + Http.enc(accessToken) + "&token_type_hint=access_token";
        return http.postForm(
                oidc + "/token/introspect", form, Optional.of(realm.app().basic()), TIMEOUT);
    }

    Http.Answer userinfo(String accessToken) throws IOException, InterruptedException {
        return http.get(oidc + "/userinfo", Http.bearer(accessToken));
    }

    /** OpenID Connect Discovery 1.0 §4: the realm's provider configuration, at the same path on both servers. */
    Http.Answer discovery() throws IOException, InterruptedException {
        return http.get("/realms/" + realm.name() + "/.well-known/openid-configuration");
    }

    /** A password grant's tokens, or an exception naming the answer: for set-up, where nothing may fail. */
    Tokens login(BenchRealm.User user) throws IOException, InterruptedException {
        Http.Answer answer = password(user);
        if (answer.status() != 200) {
            throw new IllegalStateException("password grant answered " + answer.status() + ": " + answer.body());
        }
        return Tokens.of(answer);
    }

    record Tokens(String accessToken, String refreshToken) {
        static Tokens of(Http.Answer answer) throws IOException {
            JsonNode json = Admin.JSON.readTree(answer.body());
            return new Tokens(
                    json.path("access_token").asText(),
                    json.path("refresh_token").asText());
        }
    }
}
