package dev.curfew.server.console.pages;

import dev.curfew.server.console.ConsoleRequest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a client's form holds: the stored settings, a new client's defaults, or what the administrator sent when
 * the API refused it (so nothing typed is lost). One form serves creating and editing; the clientId is only
 * typed when creating.
 */
public record ClientForm(
        String clientId,
        String name,
        boolean enabled,
        boolean publicClient,
        boolean standardFlow,
        boolean directAccess,
        boolean serviceAccounts,
        String redirectUris,
        String postLogoutUris,
        String accessTokenLifespan,
        String backchannelLogoutUri,
        boolean backchannelSessionRequired) {

    /** A new client: enabled, confidential, the authorization code flow, nothing else. */
    static ClientForm blank() {
        return new ClientForm("", "", true, false, true, false, false, "", "", "", "", true);
    }

    static ClientForm of(ClientView c) {
        return new ClientForm(
                c.clientId(),
                c.name(),
                c.enabled(),
                c.publicClient(),
                c.standardFlow(),
                c.directAccess(),
                c.serviceAccounts(),
                String.join("\n", c.redirectUris()),
                String.join("\n", c.postLogoutUris()),
                c.accessTokenLifespan(),
                c.backchannelLogoutUri(),
                c.backchannelSessionRequired());
    }

    /** The form as posted; an unticked box is not sent, so it reads as false. */
    static ClientForm of(ConsoleRequest r) {
        return new ClientForm(
                r.form("clientId"),
                r.form("name"),
                r.form("enabled").equals("true"),
                r.form("type").equals("public"),
                r.form("standardFlow").equals("true"),
                r.form("directAccess").equals("true"),
                r.form("serviceAccounts").equals("true"),
                r.form("redirectUris"),
                r.form("postLogoutUris"),
                r.form("accessTokenLifespan"),
                r.form("backchannelLogoutUri"),
                r.form("backchannelSessionRequired").equals("true"));
    }

    /** The client representation for {@code POST} (with {@code clientId}) or {@code PUT} (without). */
    Map<String, Object> body(boolean withClientId) {
        Map<String, Object> body = new LinkedHashMap<>();
        if (withClientId) {
            body.put("clientId", clientId);
        }
        body.put("name", name);
        body.put("enabled", enabled);
        body.put("publicClient", publicClient);
        body.put("standardFlowEnabled", standardFlow);
        body.put("directAccessGrantsEnabled", directAccess);
        body.put("serviceAccountsEnabled", serviceAccounts);
        body.put("redirectUris", lines(redirectUris));
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put(ClientView.POST_LOGOUT, String.join(ClientView.SEPARATOR, lines(postLogoutUris)));
        attributes.put(ClientView.LIFESPAN, accessTokenLifespan);
        attributes.put(ClientView.BACKCHANNEL_URL, backchannelLogoutUri);
        attributes.put(ClientView.BACKCHANNEL_SESSION, Boolean.toString(backchannelSessionRequired));
        body.put("attributes", attributes);
        return body;
    }

    /** The form field an API field name belongs to; blank for one the form does not have. */
    static String formField(String apiName) {
        if (apiName.startsWith("redirectUris")) {
            return "redirectUris";
        }
        return switch (apiName) {
            case "clientId" -> "clientId";
            case "name" -> "name";
            case "enabled" -> "enabled";
            // The console issues the secret itself when a client turns confidential: a problem with it is the type's.
            case "publicClient", "secret" -> "type";
            case "standardFlowEnabled", "directAccessGrantsEnabled", "serviceAccountsEnabled" -> "grants";
            case "attributes." + ClientView.POST_LOGOUT -> "postLogoutUris";
            case "attributes." + ClientView.LIFESPAN -> "accessTokenLifespan";
            case "attributes." + ClientView.BACKCHANNEL_URL -> "backchannelLogoutUri";
            case "attributes." + ClientView.BACKCHANNEL_SESSION -> "backchannelSessionRequired";
            default -> "";
        };
    }

    private static List<String> lines(String text) {
        return text.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
    }
}
