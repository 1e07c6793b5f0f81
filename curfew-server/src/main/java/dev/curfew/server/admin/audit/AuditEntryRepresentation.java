package dev.curfew.server.admin.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.curfew.core.audit.AuditEntry;
import dev.curfew.core.signout.SignOut;
import dev.curfew.engine.json.Json;
import dev.curfew.server.admin.signout.ScopeView;
import java.time.Instant;
import java.util.Optional;

/**
 * An audit entry as the API shows it, with its place in the hash chain. {@code hash} covers the entry as
 * stored; two things are added for reading and are not part of it: a sign-out's {@code scopeDetail}, stored as
 * JSON text inside the detail, is shown as the object it is (without what only resuming reads, see
 * {@link ScopeView}), and entries of a sign-out carry {@code signOut}, where that sign-out stands now.
 */
public record AuditEntryRepresentation(
        long seq,
        Instant at,
        Actor actor,
        String privilege,
        String action,
        String reason,
        JsonNode detail,
        long affected,
        Optional<SignOutState> signOut,
        String requestId,
        String sourceIp,
        String prevHash,
        String hash) {

    public record Actor(String id, String username) {}

    /**
     * The sign-out an entry records, as it stands now. A realm, client or user sign-out is audited before its
     * sessions are counted ({@code affected} 0); its count comes with {@code sign-out-completed}, and is here
     * on the sign-out's own entry too, final once {@code status} is {@code COMPLETED}.
     */
    public record SignOutState(String id, String status, long affectedSessions) {
        static SignOutState of(SignOut s) {
            return new SignOutState(s.id(), s.status().name(), s.affectedSessions());
        }
    }

    /** The stored detail's sign-out id, when the entry records a sign-out. */
    static Optional<String> signOutId(AuditEntry e) {
        return Optional.of(detail(e).path("signOutId"))
                .filter(JsonNode::isTextual)
                .map(JsonNode::asText);
    }

    public static AuditEntryRepresentation of(AuditEntry e, Optional<SignOut> signOut) {
        return new AuditEntryRepresentation(
                e.seq(),
                e.at(),
                new Actor(e.actorId(), e.actorUsername()),
                e.privilege(),
                e.action(),
                e.reason(),
                readable(detail(e)),
                e.affected(),
                signOut.map(SignOutState::of),
                e.requestId(),
                e.sourceIp(),
                e.prevHash(),
                e.hash());
    }

    private static JsonNode detail(AuditEntry e) {
        try {
            return Json.MAPPER.readTree(e.detail());
        } catch (com.fasterxml.jackson.core.JsonProcessingException ex) {
            return Json.MAPPER.getNodeFactory().textNode(e.detail());
        }
    }

    private static JsonNode readable(JsonNode detail) {
        if (detail instanceof ObjectNode object && object.path("scopeDetail").isTextual()) {
            object.set("scopeDetail", ScopeView.of(object.get("scopeDetail").asText()));
        }
        return detail;
    }
}
