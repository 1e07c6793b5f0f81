package dev.curfew.server.admin.audit;

import dev.curfew.core.audit.AuditEntry;
import dev.curfew.core.realm.Realm;
import dev.curfew.core.session.Page;
import dev.curfew.core.signout.SignOut;
import dev.curfew.core.store.AuditQuery;
import dev.curfew.core.store.Store;
import dev.curfew.server.admin.AdminPaging;
import dev.curfew.server.admin.AdminPrincipal;
import dev.curfew.server.admin.FieldProblems;
import dev.curfew.server.admin.RealmHandler;
import dev.curfew.server.admin.TimeParam;
import io.javalin.http.Context;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * {@code GET /admin/realms/{realm}/audit} [AUDITOR]: the realm's audit log, newest first; filters
 * {@code actor} (user name), {@code action}, {@code from} (inclusive), {@code to} (exclusive) as ISO-8601
 * instants from 1970 to 9999 ({@link TimeParam}), and paging.
 */
public final class ListAuditEndpoint implements RealmHandler {
    static final String SIGN_OUT = "sign-out";

    private final Store store;

    public ListAuditEndpoint(Store store) {
        this.store = store;
    }

    public record PageOfEntries(long total, int first, int max, List<AuditEntryRepresentation> entries) {}

    @Override
    public void handle(Context ctx, Realm realm, AdminPrincipal admin) {
        FieldProblems problems = new FieldProblems();
        Optional<Instant> from = TimeParam.parseIso("from", ctx.queryParam("from"), problems);
        Optional<Instant> to = TimeParam.parseIso("to", ctx.queryParam("to"), problems);
        problems.throwIfAny();
        Page page = AdminPaging.from(ctx);
        AuditQuery query = new AuditQuery(
                realm.id(),
                Optional.ofNullable(ctx.queryParam("actor")).filter(v -> !v.isBlank()),
                Optional.ofNullable(ctx.queryParam("action")).filter(v -> !v.isBlank()),
                from,
                to,
                page);
        ctx.json(new PageOfEntries(
                store.audit().count(query),
                page.first(),
                page.max(),
                store.audit().list(query).stream()
                        .map(e -> AuditEntryRepresentation.of(e, signOut(realm, e)))
                        .toList()));
    }

    /** The sign-out a {@code sign-out} entry records, as it stands now; other entries have none. */
    private Optional<SignOut> signOut(Realm realm, AuditEntry entry) {
        if (!SIGN_OUT.equals(entry.action())) {
            return Optional.empty();
        }
        return AuditEntryRepresentation.signOutId(entry)
                .flatMap(id -> store.signOuts().find(realm.id(), id));
    }
}
