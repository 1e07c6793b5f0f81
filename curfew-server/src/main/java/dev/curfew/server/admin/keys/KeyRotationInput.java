package dev.curfew.server.admin.keys;

import dev.curfew.server.admin.FieldProblems;

/**
 * The body of {@code POST /admin/realms/{realm}/keys/rotations}:
 *
 * <pre>
 * { "reason": "why (required)", "retireOld": false }
 * </pre>
 */
public record KeyRotationInput(String reason, Boolean retireOld) {
    static final int MAX_REASON = 1000;

    /** A checked request. */
    public record Checked(String reason, boolean retireOld) {}

    Checked check() {
        FieldProblems problems = new FieldProblems();
        if (reason == null || reason.isBlank()) {
            problems.add("reason", "is required: say why the key is being rotated (it goes to the audit log)");
        } else if (reason.length() > MAX_REASON) {
            problems.add("reason", "must be at most " + MAX_REASON + " characters");
        }
        problems.throwIfAny();
        return new Checked(reason.strip(), Boolean.TRUE.equals(retireOld));
    }
}
