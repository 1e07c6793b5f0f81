package dev.curfew.core.store;

import dev.curfew.core.privilege.PrivilegeGrant;
import java.util.List;

public interface PrivilegeStore {
    /** Idempotent: granting what is already granted changes nothing. */
    void grant(PrivilegeGrant grant);

    /** @return false if there was no such grant */
    boolean revoke(PrivilegeGrant grant);

    List<PrivilegeGrant> forUser(String userId);

    /** The ids of the users holding at least one grant, sorted. */
    List<String> holders();
}
