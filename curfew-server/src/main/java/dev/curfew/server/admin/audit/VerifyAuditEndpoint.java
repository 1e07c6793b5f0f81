package dev.curfew.server.admin.audit;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.curfew.core.realm.Realm;
import dev.curfew.engine.audit.AuditLog;
import dev.curfew.server.admin.AdminPrincipal;
import dev.curfew.server.admin.RealmHandler;
import io.javalin.http.Context;

/**
 * {@code GET /admin/realms/{realm}/audit/verification} [AUDITOR]: walks the realm's hash chain and
 * reports whether it is intact, or the first broken link and what is wrong with it.
 */
public final class VerifyAuditEndpoint implements RealmHandler {
    private final AuditLog audit;

    public VerifyAuditEndpoint(AuditLog audit) {
        this.audit = audit;
    }

    /** Every field is always sent: {@code firstBrokenSeq} and {@code problem} are {@code null} for an intact chain. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Verification(
            String realm, boolean intact, long entriesChecked, Long firstBrokenSeq, String problem) {}

    @Override
    public void handle(Context ctx, Realm realm, AdminPrincipal admin) {
        AuditLog.Verification v = audit.verify(realm.id());
        ctx.json(new Verification(
                realm.name(),
                v.intact(),
                v.entriesChecked(),
                v.firstBreak().map(b -> b.seq()).orElse(null),
                v.firstBreak().map(b -> b.problem()).orElse(null)));
    }
}
