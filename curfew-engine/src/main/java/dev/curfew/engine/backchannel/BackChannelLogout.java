package dev.curfew.engine.backchannel;

import dev.curfew.core.change.Change;
import dev.curfew.core.change.ChangeFeed;
import dev.curfew.core.client.Client;
import dev.curfew.core.delivery.Delivery;
import dev.curfew.core.realm.Realm;
import dev.curfew.core.session.ClientSessionRef;
import dev.curfew.core.store.Store;
import dev.curfew.core.util.Secrets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The sender side of OpenID Connect Back-Channel Logout 1.0: when sessions end, queues one logout token for
 * each client session whose client registered a {@code backchannel_logout_uri} (§2.2), in the transaction that
 * ends them. The outbox dispatcher delivers them (§2.5: POST, form field {@code logout_token}); nothing here
 * waits for a relying party. A token's {@code iss} is the one the client saw in its tokens of that session — the
 * relying party checks it as in an ID token (§2.6) — else the one the session signed in under: work done outside
 * any request cannot know which address the relying party uses.
 */
public final class BackChannelLogout {
    /** §2.5: the logout token travels as a form parameter. */
    public static final String CONTENT_TYPE = "application/x-www-form-urlencoded";

    private final Supplier<String> baseUrl;
    private final ChangeFeed changes;
    private final Clock clock;

    /**
     * @param baseUrl the base URL issuers are built from (the public URL, or the local one)
     * @param changes tells every node's dispatcher, once a transaction that queued tokens has committed
     */
    public BackChannelLogout(Supplier<String> baseUrl, ChangeFeed changes, Clock clock) {
        this.baseUrl = baseUrl;
        this.changes = changes;
        this.clock = clock;
    }

    /**
     * Queues logout tokens for these client sessions, inside {@code tx}; once it commits, the dispatcher is woken to
     * deliver them. @return how many were queued
     *
     * @param signOutId the sign-out that ends them, so the admin API can report its deliveries
     */
    public int enqueue(Store tx, Collection<ClientSessionRef> ended, Optional<String> signOutId) {
        if (ended.isEmpty()) {
            return 0;
        }
        Instant now = clock.instant();
        Map<String, Optional<Realm>> realms = new HashMap<>();
        Map<String, Optional<Client>> clients = new HashMap<>();
        List<Delivery> tokens = new ArrayList<>();
        for (ClientSessionRef ref : ended) {
            Optional<Client> client =
                    clients.computeIfAbsent(ref.clientId(), id -> tx.clients().findById(ref.realmId(), id));
            Optional<String> uri = client.flatMap(Client::backchannelLogoutUri);
            Optional<Realm> realm =
                    realms.computeIfAbsent(ref.realmId(), id -> tx.realms().findById(id));
            if (uri.isEmpty() || realm.isEmpty()) {
                continue;
            }
            String jti = jti(ref);
            String content = LogoutTokens.content(
                            ref.issuer().orElseGet(() -> issuer(realm.get())),
                            client.get().clientId(),
                            ref.userId(),
                            ref.sessionId(),
                            jti)
                    .toString();
            tokens.add(Delivery.queued(
                    jti,
                    ref.realmId(),
                    Delivery.BACKCHANNEL_LOGOUT,
                    uri.get(),
                    content,
                    CONTENT_TYPE,
                    signOutId,
                    ref.clientId(),
                    now));
        }
        if (tokens.isEmpty()) {
            return 0;
        }
        int queued = tx.outbox().enqueue(tokens);
        if (queued > 0) {
            changes.publish(tx, new Change.OutboxQueued());
        }
        return queued;
    }

    /**
     * A client session ends once, so its logout token's {@code jti} is derived from it: whichever way and however
     * often the end is recorded (a sign-out racing an RP-initiated logout, a clean-up resumed after a crash), the
     * outbox keeps one token per client session.
     */
    static String jti(ClientSessionRef ref) {
        return Secrets.sha256("backchannel-logout " + ref.sessionId() + " " + ref.clientId());
    }

    /**
     * For sessions from before the issuer was recorded: the one built from the base URL, which matches what relying
     * parties saw only when they reach Curfew at that URL.
     */
    private String issuer(Realm realm) {
        return baseUrl.get() + "/realms/" + realm.name();
    }
}
