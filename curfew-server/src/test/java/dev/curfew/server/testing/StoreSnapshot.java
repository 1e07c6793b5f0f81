package dev.curfew.server.testing;

import dev.curfew.core.realm.Realm;
import dev.curfew.core.session.Page;
import dev.curfew.core.session.SessionFilter;
import dev.curfew.core.session.SessionQuery;
import dev.curfew.core.ssf.Stream;
import dev.curfew.core.store.AuditQuery;
import dev.curfew.core.store.Store;
import dev.curfew.core.store.UserQuery;
import dev.curfew.core.user.User;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Everything an administrator or a receiver could change, read straight from the store: every realm with its
 * settings and cut-off, and per realm its users (with password hashes and privilege grants), clients (with secret
 * hashes), sessions, sign-outs, audit log length and Shared Signals streams (with their queue lengths and excluded
 * subjects). Two equal snapshots mean nothing was changed in between. Sized for test servers: up to 1,000 of each.
 */
public record StoreSnapshot(List<String> lines) {
    private static final Page ALL = new Page(0, Page.MAX_PAGE_SIZE);

    public static StoreSnapshot of(TestCurfew curfew) {
        Store store = curfew.services().store();
        List<String> lines = new ArrayList<>();
        for (Realm realm : store.realms().list()) {
            lines.add(realm.toString());
            for (User user : store.users().search(UserQuery.all(realm.id(), ALL))) {
                lines.add(user + " password="
                        + store.users().passwordHash(user.id()).orElse("-") + " grants="
                        + store.privileges().forUser(user.id()));
            }
            store.clients().list(realm.id(), Optional.empty(), ALL).forEach(c -> lines.add(c.toString()));
            lines.add("sessions=" + store.sessions().count(new SessionQuery(realm.id(), SessionFilter.ALL, ALL)));
            lines.add("sign-outs=" + store.signOuts().count(realm.id()));
            lines.add("audit="
                    + store.audit()
                            .count(new AuditQuery(
                                    realm.id(),
                                    Optional.empty(),
                                    Optional.empty(),
                                    Optional.empty(),
                                    Optional.empty(),
                                    ALL)));
            List<Stream> streams = store.ssf().listByRealm(realm.id(), ALL);
            for (Stream stream : streams) {
                lines.add(stream + " queued=" + store.ssf().queued(stream.id()));
            }
            lines.add("excluded="
                    + store.ssf().excluded(streams.stream().map(Stream::id).toList()));
        }
        return new StoreSnapshot(List.copyOf(lines));
    }
}
