package dev.curfew.server.admin.sessions;

import dev.curfew.core.client.Client;
import dev.curfew.core.realm.Realm;
import dev.curfew.core.session.ClientSession;
import dev.curfew.core.session.UserSession;
import dev.curfew.core.store.Store;
import dev.curfew.core.user.User;
import dev.curfew.engine.validity.SessionValidity;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns stored sessions into what an administrator sees. Only sessions the validity rule still accepts
 * are shown: a session ended by a cut-off, a disabled user or its own expiry is gone for every purpose,
 * even before the clean-up deletes its row. A page can therefore hold fewer than {@code max} sessions.
 */
public final class SessionViews {
    private final Store store;
    private final SessionValidity validity;

    public SessionViews(Store store, SessionValidity validity) {
        this.store = store;
        this.validity = validity;
    }

    /** The sessions that are still valid, as the API shows them. */
    public List<UserSessionRepresentation> valid(Realm realm, List<UserSession> sessions) {
        Map<String, Optional<Client>> clients = new HashMap<>();
        List<UserSessionRepresentation> shown = new ArrayList<>();
        for (UserSession session : sessions) {
            Optional<User> user = validity.validUser(session, realm);
            user.ifPresent(u -> shown.add(represent(realm, session, u, clients)));
        }
        return shown;
    }

    private UserSessionRepresentation represent(
            Realm realm, UserSession session, User user, Map<String, Optional<Client>> clientCache) {
        Map<String, String> clients = new LinkedHashMap<>();
        for (ClientSession cs : store.sessions().clientSessions(session.id())) {
            clientCache
                    .computeIfAbsent(cs.clientId(), id -> store.clients().findById(realm.id(), id))
                    .ifPresent(c -> clients.put(c.id(), c.clientId()));
        }
        return new UserSessionRepresentation(
                session.id(),
                user.username(),
                user.id(),
                session.ipAddress(),
                session.createdAt().toEpochMilli(),
                session.lastActiveAt().toEpochMilli(),
                clients,
                session.userAgent(),
                session.authMethods().stream().sorted().toList());
    }
}
