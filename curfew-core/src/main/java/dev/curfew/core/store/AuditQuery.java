package dev.curfew.core.store;

import dev.curfew.core.session.Page;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/** Which audit entries to list; empty fields do not filter. {@code from} inclusive, {@code to} exclusive. */
public record AuditQuery(
        String realmId,
        Optional<String> actorUsername,
        Optional<String> action,
        Optional<Instant> from,
        Optional<Instant> to,
        Page page) {
    public AuditQuery {
        Objects.requireNonNull(realmId, "realmId");
        Objects.requireNonNull(actorUsername, "actorUsername");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(page, "page");
    }
}
