package dev.curfew.engine.validity;

import dev.curfew.core.change.Change;
import dev.curfew.core.change.ChangeFeed;
import dev.curfew.core.realm.Realm;
import dev.curfew.core.store.Store;
import java.time.Instant;

/**
 * Revokes one access token (RFC 7009 §2.1): its id is written to the store and, once committed, remembered by every
 * node until the token expires, so introspection and userinfo refuse it without reading the database.
 */
public final class AccessTokenRevocation {
    private final Store store;
    private final ChangeFeed changes;

    public AccessTokenRevocation(Store store, ChangeFeed changes) {
        this.store = store;
        this.changes = changes;
    }

    public void revoke(Realm realm, String jti, Instant expiresAt) {
        store.inTransaction(tx -> {
            tx.tokens().revokeAccessToken(jti, realm.id(), expiresAt);
            changes.publish(tx, new Change.AccessTokenRevoked(jti, expiresAt));
            return null;
        });
    }
}
