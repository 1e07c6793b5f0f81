package dev.curfew.server.admin.clients;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.curfew.core.client.Client;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A client as Keycloak's admin API shows it (the fields Curfew has). In requests every field is optional;
 * on updates an absent field is left unchanged. {@code secret} is read from requests and returned only once,
 * in the answer to the create that generated it: Curfew stores just its SHA-256. Of Keycloak's {@code
 * attributes}, Curfew uses {@value ClientAttributes#POST_LOGOUT_REDIRECT_URIS}, {@value
 * ClientAttributes#ACCESS_TOKEN_LIFESPAN}, {@value ClientAttributes#BACKCHANNEL_LOGOUT_URL}, {@value
 * ClientAttributes#BACKCHANNEL_LOGOUT_SESSION_REQUIRED} and {@value ClientAttributes#SSF_RECEIVER}; others are
 * ignored. {@code notBefore} is epoch seconds.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ClientRepresentation(
        String id,
        String clientId,
        String name,
        Boolean enabled,
        Boolean publicClient,
        String secret,
        List<String> redirectUris,
        Boolean standardFlowEnabled,
        Boolean directAccessGrantsEnabled,
        Boolean serviceAccountsEnabled,
        Map<String, String> attributes,
        Long notBefore,
        String protocol) {

    public static final String OPENID_CONNECT = "openid-connect";

    public static ClientRepresentation of(Client client) {
        return withSecret(client, null);
    }

    /** With the clear-text secret: only right after Curfew generated it. */
    public static ClientRepresentation withSecret(Client client, String secret) {
        Map<String, String> attributes = new LinkedHashMap<>();
        if (!client.postLogoutRedirectUris().isEmpty()) {
            attributes.put(
                    ClientAttributes.POST_LOGOUT_REDIRECT_URIS,
                    String.join(ClientAttributes.SEPARATOR, client.postLogoutRedirectUris()));
        }
        client.accessTokenLifespan()
                .ifPresent(d -> attributes.put(ClientAttributes.ACCESS_TOKEN_LIFESPAN, Long.toString(d.toSeconds())));
        client.backchannelLogoutUri().ifPresent(u -> attributes.put(ClientAttributes.BACKCHANNEL_LOGOUT_URL, u));
        attributes.put(
                ClientAttributes.BACKCHANNEL_LOGOUT_SESSION_REQUIRED,
                Boolean.toString(client.backchannelLogoutSessionRequired()));
        attributes.put(ClientAttributes.SSF_RECEIVER, Boolean.toString(client.ssfReceiver()));
        return new ClientRepresentation(
                client.id(),
                client.clientId(),
                // Keycloak leaves out a name that was never given.
                client.name().isEmpty() ? null : client.name(),
                client.enabled(),
                client.publicClient(),
                secret,
                client.redirectUris(),
                client.standardFlow(),
                client.directAccessGrants(),
                client.serviceAccounts(),
                attributes,
                client.notBefore().map(i -> i.getEpochSecond()).orElse(0L),
                OPENID_CONNECT);
    }
}
