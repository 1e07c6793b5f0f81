package dev.curfew.server.admin.users;

import dev.curfew.core.realm.Realm;
import dev.curfew.core.session.Page;
import dev.curfew.core.store.UserQuery;
import dev.curfew.server.admin.FieldProblems;
import io.javalin.http.Context;
import java.util.Optional;

/**
 * The query parameters Keycloak's user list and count share: {@code search} matches part of the username,
 * email, first or last name; {@code username} and {@code email} match whole values, ignoring case.
 * Keycloak matches those two by substring unless {@code exact=true}; Curfew always matches them exactly
 * and accepts {@code exact} only for compatibility — use {@code search} to match part of a value.
 */
final class UserFilter {
    private UserFilter() {}

    static UserQuery from(Context ctx, Realm realm, Page page) {
        String exact = ctx.queryParam("exact");
        if (exact != null && !exact.equals("true") && !exact.equals("false")) {
            throw FieldProblems.single("exact", "must be true or false");
        }
        return new UserQuery(realm.id(), param(ctx, "search"), param(ctx, "username"), param(ctx, "email"), page);
    }

    private static Optional<String> param(Context ctx, String name) {
        return Optional.ofNullable(ctx.queryParam(name)).filter(v -> !v.isBlank());
    }
}
