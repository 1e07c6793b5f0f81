package dev.curfew.server.admin.maintenance;

import dev.curfew.core.privilege.Privilege;
import dev.curfew.core.realm.MaintenanceWindow;
import dev.curfew.core.realm.Realm;
import dev.curfew.engine.realm.Maintenance;
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
import java.util.Optional;

/**
 * {@code PUT /admin/realms/{realm}/maintenance} with {@code {"start": "…", "end": "…", "message": "…", "reason":
 * "…"}}: sets the realm's window, replacing any earlier one. {@code start} absent means now; {@code end} absent
 * means until it is cleared. Audited ({@code maintenance.set}).
 */
public final class SetMaintenanceEndpoint implements RealmHandler {
    record Input(String start, String end, String message, String reason) {}

    private final Maintenance maintenance;
    private final RequestInfo requestInfo;
    private final Clock clock;

    public SetMaintenanceEndpoint(Maintenance maintenance, RequestInfo requestInfo, Clock clock) {
        this.maintenance = maintenance;
        this.requestInfo = requestInfo;
        this.clock = clock;
    }

    @Override
    public void handle(Context ctx, Realm realm, AdminPrincipal admin) {
        Input in = RequestBody.read(ctx, Input.class);
        FieldProblems problems = new FieldProblems();
        SignOutInput.checkReason(in.reason(), problems);
        if (in.message() == null || in.message().isBlank()) {
            problems.add("message", "is required: what the users who cannot sign in are told");
        } else if (in.message().length() > MaintenanceWindow.MAX_MESSAGE_LENGTH) {
            problems.add("message", "must be at most " + MaintenanceWindow.MAX_MESSAGE_LENGTH + " characters");
        }
        Optional<Instant> start = time("start", in.start(), problems);
        Optional<Instant> end = time("end", in.end(), problems);
        Instant now = clock.instant();
        if (end.isPresent() && !end.get().isAfter(start.orElse(now))) {
            problems.add("end", "must be after the start (" + start.orElse(now) + ")");
        }
        problems.throwIfAny();
        MaintenanceWindow set = maintenance.set(
                realm,
                start,
                end,
                in.message().strip(),
                in.reason().strip(),
                Actors.of(ctx, admin, Privilege.SYSTEM_ADMINISTRATOR, realm.name(), requestInfo));
        ctx.json(MaintenanceRepresentation.of(set, now));
    }

    /** An RFC 3339 date-time with its offset (section 5.6), or absent. */
    private static Optional<Instant> time(String field, String value, FieldProblems problems) {
        if (value == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(OffsetDateTime.parse(value).toInstant());
        } catch (DateTimeParseException e) {
            problems.add(field, "must be an RFC 3339 date-time with its offset, e.g. 2026-12-24T02:00:00Z");
            return Optional.empty();
        }
    }
}
