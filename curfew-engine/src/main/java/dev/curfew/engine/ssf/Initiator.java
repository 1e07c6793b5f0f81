package dev.curfew.engine.ssf;

import java.util.Locale;

/** CAEP 1.0 §3 {@code initiating_entity}: who or what caused an event. */
public enum Initiator {
    /** An administrator: the admin API, the admin console, the command line. */
    ADMIN,
    /** The user: RP-initiated logout, the account console. */
    USER,
    /** A policy decision: refresh-token reuse ends the session. */
    POLICY,
    /** Curfew itself, and events replayed to a new stream. */
    SYSTEM;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
