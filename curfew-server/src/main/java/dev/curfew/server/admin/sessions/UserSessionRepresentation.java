package dev.curfew.server.admin.sessions;

import java.util.List;
import java.util.Map;

/**
 * A session as Keycloak's admin API shows it: {@code start} and {@code lastAccess} in epoch milliseconds,
 * {@code clients} mapping each client's internal id to its clientId. Curfew adds {@code userAgent} and
 * {@code authMethods} (RFC 8176 {@code amr} values), which an administrator needs to recognise a device.
 */
public record UserSessionRepresentation(
        String id,
        String username,
        String userId,
        String ipAddress,
        long start,
        long lastAccess,
        Map<String, String> clients,
        String userAgent,
        List<String> authMethods) {}
