package dev.curfew.engine.user;

/**
 * A new password the realm's policy refuses ({@link dev.curfew.core.password.PasswordRules}); the message says why,
 * in words fit for the person who chose it.
 */
public final class PasswordRefused extends IllegalArgumentException {
    public PasswordRefused(String reason) {
        super(reason);
    }
}
