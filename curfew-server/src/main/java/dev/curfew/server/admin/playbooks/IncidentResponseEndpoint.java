package dev.curfew.server.admin.playbooks;

import dev.curfew.core.privilege.Privilege;
import dev.curfew.core.realm.MaintenanceWindow;
import dev.curfew.core.realm.Realm;
import dev.curfew.engine.playbook.Playbooks;
import dev.curfew.engine.playbook.Playbooks.KeyChoice;
import dev.curfew.server.admin.Actors;
import dev.curfew.server.admin.AdminPrincipal;
import dev.curfew.server.admin.FieldProblems;
import dev.curfew.server.admin.RealmHandler;
import dev.curfew.server.admin.RequestBody;
import dev.curfew.server.admin.signout.SignOutInput;
import dev.curfew.server.http.RequestInfo;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;

/**
 * {@code POST /admin/realms/{realm}/playbooks/incident-response} with {@code {"reason": ..., "rotateKey": "no" |
 * "keep-old" | "retire-old", "maintenance": {"message": ..., "end": ...}, "dryRun": false}}: when asked a maintenance
 * window first, then the whole realm signed out and, when asked, its signing key rotated.
 */
public final class IncidentResponseEndpoint implements RealmHandler {
    static final Map<String, KeyChoice> KEY_CHOICES =
            Map.of("no", KeyChoice.KEEP, "keep-old", KeyChoice.ROTATE, "retire-old", KeyChoice.ROTATE_AND_RETIRE);

    /** The optional maintenance window: {@code {"message": "…", "end": "RFC 3339"}}. */
    record PauseInput(String message, String end) {}

    record Input(String reason, String rotateKey, PauseInput maintenance, Boolean dryRun) {}

    private final Playbooks playbooks;
    private final RequestInfo requestInfo;

    private final Clock clock;

    public IncidentResponseEndpoint(Playbooks playbooks, RequestInfo requestInfo, Clock clock) {
        this.playbooks = playbooks;
        this.requestInfo = requestInfo;
        this.clock = clock;
    }

    @Override
    public void handle(Context ctx, Realm realm, AdminPrincipal admin) {
        Input in = RequestBody.read(ctx, Input.class);
        FieldProblems problems = new FieldProblems();
        SignOutInput.checkReason(in.reason(), problems);
        KeyChoice keys = KEY_CHOICES.get(in.rotateKey() == null ? "no" : in.rotateKey());
        if (keys == null) {
            problems.add("rotateKey", "must be one of no, keep-old, retire-old");
        }
        Optional<Playbooks.Pause> pause = pause(in.maintenance(), clock.instant(), problems);
        problems.throwIfAny();
        ctx.json(playbooks.incidentResponse(
                realm,
                keys,
                pause,
                in.reason().strip(),
                Actors.of(ctx, admin, Privilege.SYSTEM_ADMINISTRATOR, realm.name(), requestInfo),
                Boolean.TRUE.equals(in.dryRun())));
    }

    /** The maintenance window asked for; empty without one, and nothing to use when {@code problems} got any. */
    static Optional<Playbooks.Pause> pause(PauseInput in, Instant now, FieldProblems problems) {
        if (in == null) {
            return Optional.empty();
        }
        if (in.message() == null
                || in.message().isBlank()
                || in.message().length() > MaintenanceWindow.MAX_MESSAGE_LENGTH) {
            problems.add(
                    "maintenance.message",
                    "is required, at most " + MaintenanceWindow.MAX_MESSAGE_LENGTH
                            + " characters: what users are told");
        }
        Optional<Instant> end = Optional.empty();
        if (in.end() != null) {
            try {
                end = Optional.of(OffsetDateTime.parse(in.end()).toInstant());
                if (!end.get().isAfter(now)) {
                    problems.add("maintenance.end", "must be in the future (the server's time is " + now + ")");
                }
            } catch (DateTimeParseException e) {
                problems.add(
                        "maintenance.end", "must be an RFC 3339 date-time with its offset, e.g. 2026-12-24T02:00:00Z");
            }
        }
        return Optional.of(new Playbooks.Pause(
                end, in.message() == null ? "" : in.message().strip()));
    }
}
