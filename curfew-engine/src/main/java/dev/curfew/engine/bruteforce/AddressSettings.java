package dev.curfew.engine.bruteforce;

import java.time.Duration;

/**
 * Throttling of failed sign-ins per source address, in each realm with brute-force protection. Each failure adds
 * one to the address's count and the count drains steadily, by {@code failures} per {@code window}; while it is
 * at {@code failures}, the address's sign-ins are refused without checking the password. So an address gets a
 * burst of {@code failures} failures, then one per {@code window / failures}.
 *
 * @param failures the burst; 0 turns the throttling off; default 30
 * @param window how long a full count takes to drain; default 10 minutes (so 3 failures a minute after the burst)
 * @param maxAddresses addresses remembered per node (the least recently seen are forgotten first); 100,000
 */
public record AddressSettings(int failures, Duration window, int maxAddresses) {
    public static final int MAX_FAILURES = 100_000;
    public static final Duration MIN_WINDOW = Duration.ofMinutes(1);
    public static final Duration MAX_WINDOW = Duration.ofHours(24);

    public static final AddressSettings DEFAULTS = new AddressSettings(30, Duration.ofMinutes(10), 100_000);

    public AddressSettings {
        if (failures < 0 || failures > MAX_FAILURES) {
            throw new IllegalArgumentException("failures must be 0 to " + MAX_FAILURES);
        }
        if (window.compareTo(MIN_WINDOW) < 0 || window.compareTo(MAX_WINDOW) > 0 || maxAddresses < 1) {
            throw new IllegalArgumentException("the window must be 1 minute to 24 hours");
        }
    }

    public boolean enabled() {
        return failures > 0;
    }

    public AddressSettings withFailures(int value) {
        return new AddressSettings(value, window, maxAddresses);
    }

    public AddressSettings withWindow(Duration value) {
        return new AddressSettings(failures, value, maxAddresses);
    }
}
