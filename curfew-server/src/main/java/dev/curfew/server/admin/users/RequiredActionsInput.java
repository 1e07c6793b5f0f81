package dev.curfew.server.admin.users;

import dev.curfew.core.user.RequiredAction;
import dev.curfew.server.admin.FieldProblems;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** The {@code requiredActions} of a user representation: Keycloak's names, each known to Curfew. */
final class RequiredActionsInput {
    private RequiredActionsInput() {}

    /** The actions; empty when the field is absent (nothing to change); a problem naming the entry otherwise. */
    static Optional<Set<RequiredAction>> from(List<String> names, String field, FieldProblems problems) {
        if (names == null) {
            return Optional.empty();
        }
        Set<RequiredAction> actions = EnumSet.noneOf(RequiredAction.class);
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i);
            Optional<RequiredAction> action = RequiredAction.fromName(name);
            if (action.isEmpty()) {
                problems.add(
                        field + "[" + i + "]",
                        "unknown required action '" + name + "'; one of " + String.join(", ", RequiredAction.names()));
            } else {
                actions.add(action.get());
            }
        }
        return Optional.of(actions);
    }
}
