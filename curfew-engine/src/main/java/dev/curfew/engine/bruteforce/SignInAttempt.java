package dev.curfew.engine.bruteforce;

/**
 * Where a password attempt comes from: its source address (counted per address, recorded as the user's last
 * failed address) and the request id the audit log names when the attempt locks an account.
 */
public record SignInAttempt(String sourceIp, String requestId) {
    /** Addresses are stored in a column of 255 characters; a forwarded header may be longer. */
    private static final int MAX_IP_LENGTH = 255;

    public SignInAttempt {
        sourceIp = sourceIp == null ? "" : sourceIp.substring(0, Math.min(sourceIp.length(), MAX_IP_LENGTH));
    }
}
