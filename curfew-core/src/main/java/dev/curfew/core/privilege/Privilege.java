package dev.curfew.core.privilege;

import java.util.Arrays;
import java.util.Optional;

/** What an administrator may do. Checked server-side on every admin call. */
public enum Privilege {
    /** Everything, in the realms the grant covers. */
    SYSTEM_ADMINISTRATOR,
    /** Sign out sessions, revoke tokens, set cut-offs. */
    AUTH_ADMINISTRATOR,
    /** Create, change and delete users; reset passwords. */
    USER_ADMINISTRATOR,
    /** Create, change and delete clients and their secrets. */
    CLIENT_ADMINISTRATOR,
    /** Read sessions. */
    SESSION_VIEWER,
    /** Read the audit log. */
    AUDITOR,
    /** Register Shared Signals receivers and manage every SSF stream of a realm. */
    STREAM_ADMINISTRATOR;

    public static Optional<Privilege> parse(String name) {
        return Arrays.stream(values()).filter(p -> p.name().equals(name)).findFirst();
    }
}
