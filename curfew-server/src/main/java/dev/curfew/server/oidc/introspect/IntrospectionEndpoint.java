package dev.curfew.server.oidc.introspect;

import com.nimbusds.jwt.JWTClaimsSet;
import dev.curfew.core.client.Client;
import dev.curfew.core.realm.Realm;
import dev.curfew.core.store.Store;
import dev.curfew.core.token.RefreshToken;
import dev.curfew.core.util.Secrets;
import dev.curfew.engine.session.SessionService;
import dev.curfew.engine.token.TokenVerifier;
import dev.curfew.engine.token.VerifiedAccessToken;
import dev.curfew.server.oidc.ClientAuthenticator;
import dev.curfew.server.oidc.Params;
import dev.curfew.server.oidc.RealmResolver;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * RFC 7662 token introspection, for confidential clients (resource servers). Answers {@code active:
 * false} for anything not valid right now under the validity rule — including tokens of signed-out
 * sessions — and says nothing more about such tokens (§2.2).
 */
public final class IntrospectionEndpoint implements Handler {
    private static final Map<String, Object> INACTIVE = Map.of("active", false);

    private final RealmResolver realms;
    private final ClientAuthenticator clientAuthenticator;
    private final TokenVerifier verifier;
    private final Store store;
    private final SessionService sessions;
    private final Clock clock;

    public IntrospectionEndpoint(
            RealmResolver realms,
            ClientAuthenticator clientAuthenticator,
            TokenVerifier verifier,
            Store store,
            SessionService sessions,
            Clock clock) {
        this.realms = realms;
        this.clientAuthenticator = clientAuthenticator;
        this.verifier = verifier;
        this.store = store;
        this.sessions = sessions;
        this.clock = clock;
    }

    @Override
    public void handle(Context ctx) {
        Realm realm = realms.require(ctx);
        Params params = Params.form(ctx);
        clientAuthenticator.authenticate(ctx, realm, params, false);
        String token = params.require("token");
        boolean refreshFirst =
                params.get("token_type_hint").filter("refresh_token"::equals).isPresent();
        Optional<Map<String, Object>> answer = refreshFirst
                ? refresh(realm, token).or(() -> access(realm, token))
                : access(realm, token).or(() -> refresh(realm, token));
        ctx.header("Cache-Control", "no-store").json(answer.orElse(INACTIVE));
    }

    private Optional<Map<String, Object>> access(Realm realm, String token) {
        return verifier.verifyAccessToken(realm, token).map(IntrospectionEndpoint::describe);
    }

    private static Map<String, Object> describe(VerifiedAccessToken verified) {
        JWTClaimsSet c = verified.claims();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("active", true);
        m.put("token_type", "Bearer");
        m.put("scope", c.getClaim("scope"));
        m.put("client_id", c.getClaim("client_id"));
        verified.user().ifPresent(u -> m.put("username", u.username()));
        m.put("sub", c.getSubject());
        m.put("aud", c.getAudience());
        m.put("iss", c.getIssuer());
        m.put("exp", c.getExpirationTime().getTime() / 1000);
        m.put("iat", c.getIssueTime().getTime() / 1000);
        m.put("jti", c.getJWTID());
        verified.session().ifPresent(s -> m.put("sid", s.id()));
        return m;
    }

    private Optional<Map<String, Object>> refresh(Realm realm, String token) {
        return store.tokens()
                .findRefreshToken(Secrets.sha256(token))
                .filter(t -> t.realmId().equals(realm.id()) && t.status() == RefreshToken.Status.ACTIVE)
                .filter(t -> clock.instant().isBefore(t.expiresAt()))
                .flatMap(t -> store.clients()
                        .findById(realm.id(), t.clientId())
                        .filter(Client::enabled)
                        .flatMap(client -> describe(realm, t, client)));
    }

    /** The refresh token, when its session is still valid for its client (the client's cut-off applies). */
    private Optional<Map<String, Object>> describe(Realm realm, RefreshToken t, Client client) {
        return sessions.forIssuedToken(realm, client, t.sessionId(), t.issuedAt(), t.expiresAt())
                .map(active -> {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("active", true);
                    m.put("token_type", "refresh_token");
                    m.put("scope", t.scope());
                    m.put("client_id", client.clientId());
                    m.put("username", active.user().username());
                    m.put("sub", t.userId());
                    m.put("exp", t.expiresAt().getEpochSecond());
                    m.put("iat", t.issuedAt().getEpochSecond());
                    m.put("sid", t.sessionId());
                    return m;
                });
    }
}
