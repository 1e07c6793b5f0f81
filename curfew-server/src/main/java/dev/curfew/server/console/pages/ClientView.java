package dev.curfew.server.console.pages;

import com.fasterxml.jackson.databind.JsonNode;
import dev.curfew.engine.client.BuiltInClients;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** A client (service) as the console's pages show it, read from the admin API's representation. */
public record ClientView(
        String id,
        String clientId,
        String name,
        boolean enabled,
        boolean publicClient,
        List<String> redirectUris,
        List<String> postLogoutUris,
        String accessTokenLifespan,
        String backchannelLogoutUri,
        boolean backchannelSessionRequired,
        boolean standardFlow,
        boolean directAccess,
        boolean serviceAccounts) {

    /** Keycloak's attribute names, as the API takes them. */
    static final String POST_LOGOUT = "post.logout.redirect.uris";

    static final String LIFESPAN = "access.token.lifespan";
    static final String BACKCHANNEL_URL = "backchannel.logout.url";
    static final String BACKCHANNEL_SESSION = "backchannel.logout.session.required";
    /** Keycloak joins the post-logout redirect URIs with this. */
    static final String SEPARATOR = "##";

    static ClientView of(JsonNode c) {
        List<String> redirects = new ArrayList<>();
        c.path("redirectUris").forEach(u -> redirects.add(u.asText()));
        JsonNode attributes = c.path("attributes");
        String postLogout = attributes.path(POST_LOGOUT).asText("");
        return new ClientView(
                c.path("id").asText(),
                c.path("clientId").asText(),
                c.path("name").asText(""),
                c.path("enabled").asBoolean(),
                c.path("publicClient").asBoolean(),
                redirects,
                postLogout.isBlank() ? List.of() : Arrays.asList(postLogout.split(SEPARATOR)),
                attributes.path(LIFESPAN).asText(""),
                attributes.path(BACKCHANNEL_URL).asText(""),
                !attributes.path(BACKCHANNEL_SESSION).asText("true").equalsIgnoreCase("false"),
                c.path("standardFlowEnabled").asBoolean(),
                c.path("directAccessGrantsEnabled").asBoolean(),
                c.path("serviceAccountsEnabled").asBoolean());
    }

    /** The grants (flows) the client may use, in words. */
    public List<String> grants() {
        List<String> grants = new ArrayList<>();
        if (standardFlow) {
            grants.add("authorization code");
        }
        if (directAccess) {
            grants.add("password");
        }
        if (serviceAccounts) {
            grants.add("client credentials");
        }
        return grants;
    }

    /** A client Curfew manages itself: shown, never offered for editing (the admin API refuses every change). */
    public boolean builtIn(String realm) {
        return BuiltInClients.isBuiltIn(realm, clientId);
    }

    public String type() {
        return publicClient ? "public" : "confidential";
    }
}
