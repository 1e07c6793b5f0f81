package dev.curfew.server.ssf;

import dev.curfew.core.client.Client;
import dev.curfew.core.realm.Realm;
import dev.curfew.core.ssf.Stream;
import dev.curfew.core.store.Store;
import dev.curfew.engine.token.TokenVerifier;
import dev.curfew.engine.token.VerifiedAccessToken;
import dev.curfew.server.http.OAuthError;
import dev.curfew.server.http.RequestInfo;
import dev.curfew.server.oidc.RealmResolver;
import io.javalin.http.Context;
import java.time.Clock;
import java.util.Optional;

/**
 * Who may call the stream endpoints (SSF 1.0 §8.1, authorization scheme RFC 6749): a confidential client of the
 * realm, enabled and marked as a Shared Signals receiver, presenting a client-credentials access token that is
 * valid under the validity rule. A receiver sees only its own streams: another's stream id is answered 404, so
 * ids do not leak.
 */
final class ReceiverAuth {
    private final RealmResolver realms;
    private final TokenVerifier verifier;
    private final Store store;
    private final Clock clock;
    private final RequestInfo requestInfo;

    ReceiverAuth(RealmResolver realms, TokenVerifier verifier, Store store, Clock clock, RequestInfo requestInfo) {
        this.realms = realms;
        this.verifier = verifier;
        this.store = store;
        this.clock = clock;
        this.requestInfo = requestInfo;
    }

    /** The calling receiver. */
    record Caller(Realm realm, Client client, String issuer) {}

    /**
     * The calling receiver of the realm in the path, or 401 (no or invalid token) or 403 (a valid token of a client
     * that is no receiver).
     */
    Caller caller(Context ctx) {
        Realm realm = realms.require(ctx);
        String issuer = requestInfo.issuer(ctx, realm.name());
        String header = ctx.header("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw OAuthError.invalidToken(
                    "A Shared Signals receiver calls with 'Authorization: Bearer <access token>' from this realm");
        }
        Optional<VerifiedAccessToken> token =
                verifier.verifyAccessToken(realm, header.substring(7).strip());
        if (token.isEmpty()) {
            throw OAuthError.invalidToken("The access token is invalid, expired or revoked");
        }
        Client client = token.get().client();
        if (!client.ssfReceiver() || client.publicClient()) {
            throw new OAuthError(
                    403, "access_denied", "The client is not registered as a Shared Signals receiver of this realm");
        }
        if (token.get().user().isPresent()) {
            throw new OAuthError(
                    403, "access_denied", "A receiver calls with its own client_credentials token, not a user's");
        }
        return new Caller(realm, client, issuer);
    }

    /** The caller's stream of that id (and its use recorded), or 404. */
    Stream ownStream(Caller caller, String streamId) {
        Stream stream = store.ssf()
                .find(caller.realm().id(), streamId)
                .filter(s -> s.clientId().equals(caller.client().id()))
                .orElseThrow(() -> notFound(streamId));
        store.ssf().touch(stream.id(), clock.instant());
        return stream;
    }

    static OAuthError notFound(String streamId) {
        return new OAuthError(404, "not_found", "There is no stream '" + streamId + "' for this receiver");
    }
}
