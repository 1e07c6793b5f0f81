package dev.curfew.server.admin.groups;

import dev.curfew.core.group.Group;
import dev.curfew.server.admin.FieldProblems;
import dev.curfew.server.admin.RequestBody;
import io.javalin.http.Context;

/** The {@code name} of a group in a create or rename request, validated; a 400 naming the field otherwise. */
final class GroupName {
    private GroupName() {}

    static String from(Context ctx) {
        GroupRepresentation rep = RequestBody.read(ctx, GroupRepresentation.class);
        FieldProblems problems = new FieldProblems();
        Group.problem(rep.name()).ifPresent(p -> problems.add("name", p));
        problems.throwIfAny();
        return rep.name();
    }
}
