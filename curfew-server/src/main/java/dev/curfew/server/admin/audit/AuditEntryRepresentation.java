package dev.curfew.server.admin.audit;

import com.fasterxml.jackson.databind.JsonNode;
import dev.curfew.core.audit.AuditEntry;
import dev.curfew.server.http.Json;
import java.time.Instant;

/** An audit entry as the API shows it, with its place in the hash chain. */
public record AuditEntryRepresentation(
        long seq,
        Instant at,
        Actor actor,
        String privilege,
        String action,
        String reason,
        JsonNode detail,
        long affected,
        String requestId,
        String sourceIp,
        String prevHash,
        String hash) {

    public record Actor(String id, String username) {}

    public static AuditEntryRepresentation of(AuditEntry e) {
        JsonNode detail;
        try {
            detail = Json.MAPPER.readTree(e.detail());
        } catch (com.fasterxml.jackson.core.JsonProcessingException ex) {
            detail = Json.MAPPER.getNodeFactory().textNode(e.detail());
        }
        return new AuditEntryRepresentation(
                e.seq(),
                e.at(),
                new Actor(e.actorId(), e.actorUsername()),
                e.privilege(),
                e.action(),
                e.reason(),
                detail,
                e.affected(),
                e.requestId(),
                e.sourceIp(),
                e.prevHash(),
                e.hash());
    }
}
