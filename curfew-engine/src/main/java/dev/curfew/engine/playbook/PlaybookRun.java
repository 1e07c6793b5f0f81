package dev.curfew.engine.playbook;

import java.util.List;

/**
 * A playbook as run, or previewed: its steps in order. Every step that changed something was audited on its own
 * (a sign-out, a key rotation, a realm change); the run adds one {@code playbook} entry that names them all.
 */
public record PlaybookRun(String playbook, boolean dryRun, String reason, List<PlaybookStep> steps) {
    public PlaybookRun {
        steps = List.copyOf(steps);
    }
}
