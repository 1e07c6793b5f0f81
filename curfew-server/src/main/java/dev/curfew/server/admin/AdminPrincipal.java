package dev.curfew.server.admin;

import dev.curfew.core.privilege.Privileges;

/** The administrator behind an admin API call, as established from their master-realm access token. */
public record AdminPrincipal(String userId, String username, String sessionId, Privileges privileges) {}
