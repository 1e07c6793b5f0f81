package dev.curfew.engine.playbook;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One step of a playbook: what it did, or in a dry run what it would do.
 *
 * @param action what the step is, e.g. {@code sign-out}, {@code rotate-key}, {@code disable-user}
 * @param outcome {@code done}, {@code planned} (a sign-out due later), {@code unchanged} (nothing to do), or in a dry
 *     run {@code would-run}
 * @param detail what the step acted on and its result: the sign-out's id and session count, the new key id...
 */
public record PlaybookStep(String action, String outcome, Map<String, Object> detail) {
    public static final String DONE = "done";
    public static final String PLANNED = "planned";
    public static final String UNCHANGED = "unchanged";
    public static final String WOULD_RUN = "would-run";

    public PlaybookStep {
        // In the order given: the answer reads as the step was described.
        detail = Collections.unmodifiableMap(new LinkedHashMap<>(detail));
    }
}
