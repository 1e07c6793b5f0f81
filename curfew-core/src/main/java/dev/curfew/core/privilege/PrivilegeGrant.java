package dev.curfew.core.privilege;

import java.util.Objects;

/**
 * A privilege held by a master-realm user, for every realm ({@link #ALL_REALMS}) or one named realm.
 */
public record PrivilegeGrant(String userId, Privilege privilege, String realm) {
    public static final String ALL_REALMS = "*";

    public PrivilegeGrant {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(privilege, "privilege");
        Objects.requireNonNull(realm, "realm");
    }

    public boolean covers(String realmName) {
        return realm.equals(ALL_REALMS) || realm.equals(realmName);
    }

    /** The compact form carried in admin tokens: {@code PRIVILEGE@realm}. */
    public String claimValue() {
        return privilege.name() + "@" + realm;
    }
}
