package dev.curfew.engine.bruteforce;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Failed sign-ins per source address and realm, in memory on this node (bounded: the least recently seen
 * addresses are forgotten first). A leaky bucket: each failure adds one, the count drains at {@code failures}
 * per {@code window}, and an attempt is checked only while one more failure would still fit ({@code count ≤
 * failures − 1}). Nodes do not share these counts: each node grants every address its own burst.
 */
final class AddressThrottle {
    private record Count(double level, long atMillis) {}

    private final AddressSettings settings;
    private final Clock clock;
    private final double drainPerMilli;
    private final double millisPerFailure;
    private final Cache<String, Count> counts;

    AddressThrottle(AddressSettings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
        this.drainPerMilli = (double) settings.failures() / settings.window().toMillis();
        this.millisPerFailure = settings.enabled() ? (double) settings.window().toMillis() / settings.failures() : 0;
        this.counts = Caffeine.newBuilder()
                .ticker(() -> TimeUnit.MILLISECONDS.toNanos(clock.millis()))
                // A count not raised for a whole window has drained to nothing.
                .expireAfterWrite(settings.window())
                .maximumSize(settings.maxAddresses())
                .build();
    }

    /** How long the address must wait before its next attempt is checked; empty when it may try now. */
    Optional<Duration> refusal(String realmId, String ip) {
        if (!settings.enabled()) {
            return Optional.empty();
        }
        Count count = counts.getIfPresent(key(realmId, ip));
        if (count == null) {
            return Optional.empty();
        }
        double excess = drained(count, clock.millis()) - (settings.failures() - 1);
        if (excess <= 0) {
            return Optional.empty();
        }
        return Optional.of(Duration.ofMillis((long) Math.ceil(excess * millisPerFailure)));
    }

    void failure(String realmId, String ip) {
        if (!settings.enabled()) {
            return;
        }
        long now = clock.millis();
        counts.asMap().compute(key(realmId, ip), (k, count) -> new Count(drained(count, now) + 1, now));
    }

    /** Forgets the realm's addresses (an administrator cleared every lock of the realm). */
    void forget(String realmId) {
        counts.asMap().keySet().removeIf(k -> k.startsWith(realmId + '\n'));
    }

    private double drained(Count count, long now) {
        if (count == null) {
            return 0;
        }
        return Math.max(0, count.level() - Math.max(0, now - count.atMillis()) * drainPerMilli);
    }

    private static String key(String realmId, String ip) {
        return realmId + '\n' + ip;
    }
}
