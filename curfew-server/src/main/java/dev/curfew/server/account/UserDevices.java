package dev.curfew.server.account;

import dev.curfew.core.session.Page;
import dev.curfew.core.session.SessionFilter;
import dev.curfew.core.session.SessionQuery;
import dev.curfew.core.session.UserSession;
import dev.curfew.core.store.Store;
import dev.curfew.engine.validity.SessionValidity;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** The signed-in user's own sessions: the only ones the console ever shows or ends. */
public final class UserDevices {
    /** Keyset page size when collecting all of a user's session ids. */
    private static final int BATCH = 500;

    private final Store store;
    private final SessionValidity validity;
    private final Clock clock;

    public UserDevices(Store store, SessionValidity validity, Clock clock) {
        this.store = store;
        this.validity = validity;
        this.clock = clock;
    }

    /** The user's valid sessions, this device first, then the most recently active. */
    public List<DeviceView> list(SignedIn user) {
        List<UserSession> sessions = store
                .sessions()
                .find(SessionQuery.ofUser(user.realm().id(), user.user().id(), new Page(0, Page.MAX_PAGE_SIZE)))
                .stream()
                .filter(s -> validity.validUser(s, user.realm()).isPresent())
                .sorted(Comparator.comparing((UserSession s) ->
                                !s.id().equals(user.thisDevice().id()))
                        .thenComparing(UserSession::lastActiveAt, Comparator.reverseOrder()))
                .toList();
        return sessions.stream()
                .map(s -> DeviceView.of(
                        s,
                        applications(user, s),
                        s.id().equals(user.thisDevice().id()),
                        clock.instant()))
                .toList();
    }

    /** The session, when it exists and is the signed-in user's own. */
    public Optional<UserSession> own(SignedIn user, String sessionId) {
        if (sessionId == null || sessionId.isBlank() || sessionId.length() > 128) {
            return Optional.empty();
        }
        return store.sessions()
                .findById(sessionId)
                .filter(s -> s.realmId().equals(user.realm().id()))
                .filter(s -> s.userId().equals(user.user().id()));
    }

    /** Ids of every session of the user except this device's, however many there are. */
    public List<String> otherSessionIds(SignedIn user) {
        SessionFilter mine = SessionFilter.ofUser(user.user().id());
        List<String> ids = new ArrayList<>();
        Optional<String> after = Optional.empty();
        while (true) {
            List<String> batch = store.sessions().matchingIds(user.realm().id(), mine, after, BATCH);
            batch.stream().filter(id -> !id.equals(user.thisDevice().id())).forEach(ids::add);
            if (batch.size() < BATCH) {
                return ids;
            }
            after = Optional.of(batch.get(batch.size() - 1));
        }
    }

    /** Names of the applications used in the session (its client sessions). */
    private List<String> applications(SignedIn user, UserSession session) {
        return store.sessions().clientSessions(session.id()).stream()
                .map(cs -> store.clients().findById(user.realm().id(), cs.clientId()))
                .flatMap(Optional::stream)
                .map(c -> c.name().isBlank() ? c.clientId() : c.name())
                .sorted()
                .toList();
    }
}
