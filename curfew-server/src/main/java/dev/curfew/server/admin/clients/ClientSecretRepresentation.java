package dev.curfew.server.admin.clients;

/** Keycloak's {@code {"type":"secret","value":"..."}}; Curfew sends it only for a freshly generated secret. */
public record ClientSecretRepresentation(String type, String value) {
    public static ClientSecretRepresentation of(String secret) {
        return new ClientSecretRepresentation("secret", secret);
    }
}
