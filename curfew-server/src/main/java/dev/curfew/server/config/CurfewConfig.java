package dev.curfew.server.config;

import dev.curfew.engine.bruteforce.AddressSettings;
import dev.curfew.engine.delivery.DeliverySettings;
import dev.curfew.engine.outbound.OutboundAllowList;
import dev.curfew.engine.password.HashingSettings;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Curfew's configuration, validated once by {@link ConfigLoader} and immutable afterwards.
 *
 * @param httpHost interface to listen on; default {@code 0.0.0.0}
 * @param httpPort default 8080
 * @param dataDir where the embedded database lives; default {@code ./data}
 * @param databaseUrl JDBC URL; default an H2 file database in {@code dataDir}
 * @param publicUrl the base URL clients use (behind a proxy); when empty it is derived from each request
 * @param proxyHeaders trust {@code X-Forwarded-*} headers for scheme, host and client address
 * @param adminUser the bootstrap administrator's user name; default {@code admin}
 * @param adminPassword the bootstrap administrator's password; when empty one is generated and printed once
 * @param demo also create the {@code demo} realm on first start
 * @param ssfPollTimeout how long a Shared Signals long poll (RFC 8936) is held at most; default 30 s
 * @param delivery how the outbox dispatcher delivers (dead-letter age, concurrency, request timeout)
 * @param adminClients the master-realm clients whose access tokens the admin API accepts; default
 *     {@code admin-cli} and {@code curfew-console}
 * @param outboundAllow networks and hosts that notifications may go to although the outbound policy refuses them by
 *     default (on-premise receivers); only these may use plain http; default none
 * @param hashing the password-hashing pool (threads, queue)
 * @param addresses throttling of failed sign-ins per source address (brute-force protection)
 * @param admission the HTTP admission limit: requests served at once, waiting, and the longest wait
 * @param failSafeWindow how long a node that does not hear the other nodes (PostgreSQL) keeps accepting tokens issued
 *     before it stopped hearing them; default 30 s
 */
public record CurfewConfig(
        String httpHost,
        int httpPort,
        Path dataDir,
        String databaseUrl,
        String databaseUsername,
        String databasePassword,
        Optional<URI> publicUrl,
        boolean proxyHeaders,
        String adminUser,
        Optional<String> adminPassword,
        boolean demo,
        java.time.Duration ssfPollTimeout,
        DeliverySettings delivery,
        List<String> adminClients,
        OutboundAllowList outboundAllow,
        HashingSettings hashing,
        AddressSettings addresses,
        AdmissionSettings admission,
        java.time.Duration failSafeWindow) {

    /** Connections to the database; the admission limit serves at most this many requests at once by default. */
    public static final int DATABASE_POOL_SIZE = 16;

    public CurfewConfig {
        adminClients = List.copyOf(adminClients);
    }

    /** Keeps the database and admin passwords out of logs. */
    @Override
    public String toString() {
        return "CurfewConfig[httpHost=" + httpHost + ", httpPort=" + httpPort + ", dataDir=" + dataDir
                + ", databaseUrl=" + databaseUrl + ", publicUrl=" + publicUrl + ", proxyHeaders=" + proxyHeaders
                + ", adminUser=" + adminUser + ", demo=" + demo + ", ssfPollTimeout=" + ssfPollTimeout + ", delivery="
                + delivery + ", adminClients=" + adminClients + ", outboundAllow=" + outboundAllow + ", hashing="
                + hashing
                + ", addresses=" + addresses + ", admission=" + admission + "]";
    }
}
