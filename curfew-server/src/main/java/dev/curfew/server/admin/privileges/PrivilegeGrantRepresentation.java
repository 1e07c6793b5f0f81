package dev.curfew.server.admin.privileges;

import dev.curfew.core.privilege.PrivilegeGrant;

/** One grant: {@code {"privilege":"SESSION_VIEWER","realm":"demo"}}; realm {@code "*"} means every realm. */
public record PrivilegeGrantRepresentation(String privilege, String realm) {
    public static PrivilegeGrantRepresentation of(PrivilegeGrant grant) {
        return new PrivilegeGrantRepresentation(grant.privilege().name(), grant.realm());
    }
}
