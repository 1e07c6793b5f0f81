package dev.curfew.engine;

import dev.curfew.engine.bruteforce.AddressSettings;
import dev.curfew.engine.delivery.DeliverySettings;
import dev.curfew.engine.outbound.OutboundAllowList;
import dev.curfew.engine.password.HashingSettings;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * What the engine is configured with; the server maps its configuration onto it.
 *
 * @param delivery how the outbox dispatcher delivers (dead-letter age, concurrency, timeouts)
 * @param ssfPollTimeout how long a Shared Signals long poll (RFC 8936 §2.4) is held at most
 * @param hashing the password-hashing pool (threads, queue)
 * @param addresses throttling of failed sign-ins per source address
 * @param outboundAllow networks and hosts notifications may go to although the outbound policy refuses them by default
 * @param baseUrl the public base URL for work done outside any request (logout tokens built by background clean-ups),
 *     without a trailing slash; asked each time, as it may be known only once the server listens
 * @param failSafeWindow how long a node that does not hear the other nodes keeps trusting what it holds in memory
 *     for tokens issued before ({@code FailSafe})
 */
public record EngineSettings(
        DeliverySettings delivery,
        Duration ssfPollTimeout,
        HashingSettings hashing,
        AddressSettings addresses,
        OutboundAllowList outboundAllow,
        Supplier<String> baseUrl,
        Duration failSafeWindow) {
    public EngineSettings {
        Objects.requireNonNull(failSafeWindow);
        Objects.requireNonNull(delivery);
        Objects.requireNonNull(ssfPollTimeout);
        Objects.requireNonNull(hashing);
        Objects.requireNonNull(addresses);
        Objects.requireNonNull(outboundAllow);
        Objects.requireNonNull(baseUrl);
    }
}
