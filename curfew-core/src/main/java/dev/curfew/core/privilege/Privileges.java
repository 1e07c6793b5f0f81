package dev.curfew.core.privilege;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** The privileges an administrator holds, as read from an admin token, and the one question asked of them. */
public record Privileges(List<PrivilegeGrant> grants) {

    public Privileges {
        grants = List.copyOf(grants);
    }

    /**
     * True iff a grant gives {@code privilege} (or {@link Privilege#SYSTEM_ADMINISTRATOR}) for {@code realm}.
     */
    public boolean allows(Privilege privilege, String realm) {
        return grants.stream()
                .anyMatch(g -> g.covers(realm)
                        && (g.privilege() == privilege || g.privilege() == Privilege.SYSTEM_ADMINISTRATOR));
    }

    /** True iff some grant covers every realm with {@code privilege} (or system administration). */
    public boolean allowsEverywhere(Privilege privilege) {
        return allows(privilege, PrivilegeGrant.ALL_REALMS);
    }

    /**
     * True iff these privileges include {@code grant}: its privilege or system administration, for its realm.
     * A grant for every realm is included only by a grant for every realm.
     */
    public boolean includes(PrivilegeGrant grant) {
        return allows(grant.privilege(), grant.realm());
    }

    /** True iff these privileges include every one of {@code others}. */
    public boolean includesAll(Collection<PrivilegeGrant> others) {
        return others.stream().allMatch(this::includes);
    }

    /**
     * Only the grants that are also in {@code current} (same privilege, same realm): what a token still gives
     * once the grants it was issued with have changed.
     */
    public Privileges stillIn(Collection<PrivilegeGrant> current) {
        return new Privileges(grants.stream()
                .filter(g -> current.stream()
                        .anyMatch(
                                c -> c.privilege() == g.privilege() && c.realm().equals(g.realm())))
                .toList());
    }

    /** Parses claim values {@code PRIVILEGE@realm}; unknown privileges are ignored, never widened. */
    public static Privileges fromClaim(String userId, Collection<String> values) {
        List<PrivilegeGrant> grants = new ArrayList<>();
        for (String value : values) {
            int at = value.lastIndexOf('@');
            if (at <= 0 || at == value.length() - 1) {
                continue;
            }
            Optional<Privilege> privilege = Privilege.parse(value.substring(0, at));
            privilege.ifPresent(p -> grants.add(new PrivilegeGrant(userId, p, value.substring(at + 1))));
        }
        return new Privileges(grants);
    }
}
