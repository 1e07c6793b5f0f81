package dev.curfew.server.admin.users;

/**
 * Keycloak's credential shape, {@code {"type":"password","value":"...","temporary":false}}. Only
 * passwords exist in Curfew, and they are never returned.
 */
public record CredentialRepresentation(String type, String value, Boolean temporary) {}
