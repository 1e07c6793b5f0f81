package dev.curfew.server.console.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.curfew.core.privilege.Privileges;
import dev.curfew.engine.json.Json;
import dev.curfew.engine.token.TokenIssuer;
import dev.curfew.server.bootstrap.ConsoleClient;
import dev.curfew.server.console.api.Loopback;
import io.javalin.http.Context;
import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The console's calls to the master realm's token endpoint, as the public client {@value
 * ConsoleClient#CLIENT_ID}: the code exchange with its PKCE verifier (RFC 7636 §4.5) and refreshes. The
 * tokens come straight from Curfew over loopback, so their claims are read without verifying the
 * signature again; the admin API verifies the access token on every call.
 */
public final class TokenClient {
    private static final String TOKEN_PATH = "/realms/master/protocol/openid-connect/token";

    private final Loopback loopback;
    private final Clock clock;

    public TokenClient(Loopback loopback, Clock clock) {
        this.loopback = loopback;
        this.clock = clock;
    }

    public Optional<AdminConsoleSession.Tokens> exchange(
            Context ctx, String code, AdminConsoleSession.Pending pending) {
        return call(
                ctx,
                Map.of(
                        "grant_type",
                        "authorization_code",
                        "client_id",
                        ConsoleClient.CLIENT_ID,
                        "code",
                        code,
                        "redirect_uri",
                        pending.redirectUri(),
                        "code_verifier",
                        pending.verifier()),
                Optional.empty());
    }

    /** New tokens for the same session; empty when the session was signed out or expired. */
    public Optional<AdminConsoleSession.Tokens> refresh(Context ctx, AdminConsoleSession.Tokens tokens) {
        if (tokens.refreshToken().isEmpty()) {
            return Optional.empty();
        }
        return call(
                ctx,
                Map.of(
                        "grant_type",
                        "refresh_token",
                        "client_id",
                        ConsoleClient.CLIENT_ID,
                        "refresh_token",
                        tokens.refreshToken().get()),
                Optional.of(tokens));
    }

    private Optional<AdminConsoleSession.Tokens> call(
            Context ctx, Map<String, String> form, Optional<AdminConsoleSession.Tokens> previous) {
        String body = form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpRequest request = HttpRequest.newBuilder(loopback.uri(ctx, TOKEN_PATH))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        try {
            HttpResponse<String> response = loopback.http().send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                return Optional.empty();
            }
            return Optional.of(tokens(Json.MAPPER.readTree(response.body()), previous));
        } catch (IOException | ParseException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    private AdminConsoleSession.Tokens tokens(JsonNode json, Optional<AdminConsoleSession.Tokens> previous)
            throws ParseException {
        String access = json.path("access_token").asText();
        JWTClaimsSet claims = SignedJWT.parse(access).getJWTClaimsSet();
        List<String> privileges = Optional.ofNullable(claims.getStringListClaim(TokenIssuer.PRIVILEGES_CLAIM))
                .orElse(List.of());
        Optional<String> refresh = Optional.ofNullable(
                        json.path("refresh_token").textValue())
                .or(() -> previous.flatMap(AdminConsoleSession.Tokens::refreshToken));
        String idToken = Optional.ofNullable(json.path("id_token").textValue())
                .orElseGet(
                        () -> previous.map(AdminConsoleSession.Tokens::idToken).orElse(""));
        return new AdminConsoleSession.Tokens(
                access,
                refresh,
                idToken,
                clock.instant().plusSeconds(json.path("expires_in").asLong(60)),
                Optional.ofNullable(claims.getStringClaim("preferred_username")).orElse(claims.getSubject()),
                Privileges.fromClaim(claims.getSubject(), privileges));
    }
}
