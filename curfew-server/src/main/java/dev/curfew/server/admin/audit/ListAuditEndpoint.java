package dev.curfew.server.admin.audit;

import dev.curfew.core.privilege.Privilege;
import dev.curfew.core.realm.Realm;
import dev.curfew.core.session.Page;
import dev.curfew.core.store.AuditQuery;
import dev.curfew.server.Services;
import dev.curfew.server.admin.FieldProblems;
import dev.curfew.server.admin.Lookups;
import dev.curfew.server.admin.Paging;
import dev.curfew.server.admin.signout.TimeParam;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * {@code GET /admin/realms/{realm}/audit} [AUDITOR]: the realm's audit log, newest first; filters
 * {@code actor} (user name), {@code action}, {@code from} (inclusive), {@code to} (exclusive), and paging.
 */
public final class ListAuditEndpoint implements Handler {
    private final Services s;
    private final Lookups lookups;

    public ListAuditEndpoint(Services services) {
        this.s = services;
        this.lookups = new Lookups(services.store());
    }

    public record PageOfEntries(long total, int first, int max, List<AuditEntryRepresentation> entries) {}

    @Override
    public void handle(Context ctx) {
        String realmName = ctx.pathParam("realm");
        s.adminAuth().require(ctx, Privilege.AUDITOR, realmName);
        Realm realm = lookups.realm(realmName);
        FieldProblems problems = new FieldProblems();
        Optional<Instant> from = TimeParam.parseIso("from", ctx.queryParam("from"), problems);
        Optional<Instant> to = TimeParam.parseIso("to", ctx.queryParam("to"), problems);
        problems.throwIfAny();
        Page page = Paging.from(ctx);
        AuditQuery query = new AuditQuery(
                realm.id(),
                Optional.ofNullable(ctx.queryParam("actor")).filter(v -> !v.isBlank()),
                Optional.ofNullable(ctx.queryParam("action")).filter(v -> !v.isBlank()),
                from,
                to,
                page);
        ctx.json(new PageOfEntries(
                s.store().audit().count(query),
                page.first(),
                page.max(),
                s.store().audit().list(query).stream()
                        .map(AuditEntryRepresentation::of)
                        .toList()));
    }
}
