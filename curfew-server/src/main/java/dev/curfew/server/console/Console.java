package dev.curfew.server.console;

import dev.curfew.server.Services;
import dev.curfew.server.console.api.AdminApiClient;
import dev.curfew.server.console.api.Loopback;
import dev.curfew.server.console.auth.AdminConsoleSessions;
import dev.curfew.server.console.auth.TokenClient;
import dev.curfew.server.http.Pages;
import dev.curfew.server.http.RequestInfo;
import java.net.URI;
import java.time.Clock;
import java.util.Optional;

/**
 * What the console's pages share, built once: its sessions, its two loopback clients, rendering, and the public URL
 * when one is set (the console's redirect URIs are registered for it).
 */
public record Console(
        AdminConsoleSessions sessions,
        TokenClient tokens,
        AdminApiClient api,
        Pages pages,
        RequestInfo requestInfo,
        Clock clock,
        Optional<URI> publicUrl) {

    public static Console create(Services services) {
        Loopback loopback = new Loopback(services.config());
        return new Console(
                new AdminConsoleSessions(services.store(), services.clock()),
                new TokenClient(loopback, services.clock()),
                new AdminApiClient(loopback),
                services.pages(),
                services.requestInfo(),
                services.clock(),
                services.config().publicUrl());
    }
}
