package dev.curfew.server.admin.groups;

import dev.curfew.core.group.Group;
import java.util.List;

/**
 * A group as Keycloak's admin API shows it (the fields Curfew has). Groups are flat, so {@code subGroupCount} is 0
 * and {@code subGroups} empty; {@code path} is {@code /name}. In requests only {@code name} is read.
 */
public record GroupRepresentation(
        String id, String name, String path, Integer subGroupCount, List<GroupRepresentation> subGroups) {

    public static GroupRepresentation of(Group group) {
        return new GroupRepresentation(group.id(), group.name(), group.path(), 0, List.of());
    }
}
