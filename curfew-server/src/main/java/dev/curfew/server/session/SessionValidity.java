package dev.curfew.server.session;

import dev.curfew.core.client.Client;
import dev.curfew.core.realm.Realm;
import dev.curfew.core.session.SessionExpiry;
import dev.curfew.core.session.UserSession;
import dev.curfew.core.store.Store;
import dev.curfew.core.user.User;
import dev.curfew.core.validity.CutOffs;
import dev.curfew.core.validity.ValidityRule;
import java.time.Clock;
import java.util.Optional;

/**
 * Applies the {@link ValidityRule} to sessions: gathers the cut-offs that apply (realm, user, and the
 * client when a client is asking) and the session's own expiry. A session that was deleted (signed
 * out) simply no longer exists, so callers find nothing to validate.
 */
public final class SessionValidity {
    private final Store store;
    private final Clock clock;

    public SessionValidity(Store store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /** The session's user when the session is still valid for the realm (no client cut-off). */
    public Optional<User> validUser(UserSession session, Realm realm) {
        return validUser(session, realm, Optional.empty());
    }

    /** The session's user when the session is still valid for this client too. */
    public Optional<User> validUser(UserSession session, Realm realm, Optional<Client> client) {
        if (!session.realmId().equals(realm.id()) || !realm.enabled()) {
            return Optional.empty();
        }
        Optional<User> user = store.users().findById(realm.id(), session.userId());
        if (user.isEmpty() || !user.get().enabled()) {
            return Optional.empty();
        }
        CutOffs cutOffs = CutOffs.of(
                realm.notBefore(), client.flatMap(Client::notBefore), user.get().notBefore());
        boolean valid = ValidityRule.isValid(
                clock.millis(),
                session.createdAt().toEpochMilli(),
                SessionExpiry.expiresAt(session, realm.settings()).toEpochMilli(),
                cutOffs,
                false);
        return valid ? user : Optional.empty();
    }
}
