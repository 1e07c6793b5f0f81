package dev.curfew.server.console.pages;

import com.fasterxml.jackson.databind.JsonNode;
import dev.curfew.core.realm.RealmSettings;
import dev.curfew.core.util.AsciiNumbers;
import dev.curfew.server.console.ConsoleRequest;
import dev.curfew.server.console.view.FieldErrors;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a realm's form holds: its name (typed only when creating), display name, enabled flag, token and session
 * lifetimes in seconds, the signing algorithm (chosen only when creating), the password policy and the thresholds of
 * shared-account detection. Numbers stay text, so what was typed comes back as typed when it is refused.
 */
public record RealmForm(
        String realm,
        String displayName,
        boolean enabled,
        String accessTokenLifespan,
        String ssoSessionIdleTimeout,
        String ssoSessionMaxLifespan,
        String accessCodeLifespan,
        String algorithm,
        String passwordPolicy,
        String sharingSessions,
        String sharingNetworks) {

    /** The lifetime fields, by their API (and form) names. */
    static final List<String> LIFETIMES =
            List.of("accessTokenLifespan", "ssoSessionIdleTimeout", "ssoSessionMaxLifespan", "accessCodeLifespan");

    public static final List<String> ALGORITHMS = RealmSettings.SUPPORTED_ALGORITHMS;

    /** A new realm: Curfew's defaults. */
    static RealmForm blank() {
        RealmSettings d = RealmSettings.DEFAULTS;
        return new RealmForm(
                "",
                "",
                true,
                seconds(d.accessTokenLifespan().toSeconds()),
                seconds(d.ssoSessionIdleTimeout().toSeconds()),
                seconds(d.ssoSessionMaxLifespan().toSeconds()),
                seconds(d.authorizationCodeLifespan().toSeconds()),
                d.signingAlgorithm(),
                d.passwordRules().toString(),
                "0",
                "0");
    }

    static RealmForm of(JsonNode n) {
        return new RealmForm(
                n.path("realm").asText(),
                n.path("displayName").asText(""),
                n.path("enabled").asBoolean(true),
                n.path("accessTokenLifespan").asText(),
                n.path("ssoSessionIdleTimeout").asText(),
                n.path("ssoSessionMaxLifespan").asText(),
                n.path("accessCodeLifespan").asText(),
                n.path("defaultSignatureAlgorithm").asText(),
                n.path("passwordPolicy").asText(),
                n.path("sharingDetection").path("concurrentSessions").asText("0"),
                n.path("sharingDetection").path("distinctNetworks").asText("0"));
    }

    static RealmForm of(ConsoleRequest r) {
        return new RealmForm(
                r.form("realm"),
                r.form("displayName"),
                !r.form("enabled").equals("false"),
                r.form("accessTokenLifespan"),
                r.form("ssoSessionIdleTimeout"),
                r.form("ssoSessionMaxLifespan"),
                r.form("accessCodeLifespan"),
                r.form("algorithm"),
                r.form("passwordPolicy"),
                r.form("sharingSessions"),
                r.form("sharingNetworks"));
    }

    /** What the console objects to before asking the API: lifetimes that are not whole numbers of seconds. */
    FieldErrors problems() {
        FieldErrors errors = FieldErrors.NONE;
        for (String field : LIFETIMES) {
            if (!lifetime(field).matches("\\d{1,9}")) {
                errors = errors.with(field, "must be a whole number of seconds");
            }
        }
        for (String field : List.of("sharingSessions", "sharingNetworks")) {
            String value = field.equals("sharingSessions") ? sharingSessions : sharingNetworks;
            if (!value.isBlank() && !value.matches("\\d{1,5}")) {
                errors = errors.with(field, "must be 0 (off) or a whole number from 2");
            }
        }
        return errors;
    }

    /** The realm representation for {@code POST /admin/realms} (name and algorithm too) or {@code PUT}. */
    Map<String, Object> body(boolean create) {
        Map<String, Object> body = new LinkedHashMap<>();
        if (create) {
            body.put("realm", realm);
            body.put("defaultSignatureAlgorithm", algorithm);
        }
        body.put("displayName", displayName);
        body.put("enabled", enabled);
        for (String field : LIFETIMES) {
            body.put(field, AsciiNumbers.parseInt(lifetime(field)));
        }
        // Left blank (a form from before these fields): the realm keeps what it has.
        if (!passwordPolicy.isBlank()) {
            body.put("passwordPolicy", passwordPolicy);
        }
        Map<String, Object> sharing = new LinkedHashMap<>();
        if (!sharingSessions.isBlank()) {
            sharing.put("concurrentSessions", AsciiNumbers.parseInt(sharingSessions));
        }
        if (!sharingNetworks.isBlank()) {
            sharing.put("distinctNetworks", AsciiNumbers.parseInt(sharingNetworks));
        }
        if (!sharing.isEmpty()) {
            body.put("sharingDetection", sharing);
        }
        return body;
    }

    /** The API's field names are the form's. */
    static String formField(String apiName) {
        return switch (apiName) {
            case "realm", "displayName", "enabled" -> apiName;
            case "defaultSignatureAlgorithm" -> "algorithm";
            case "passwordPolicy" -> "passwordPolicy";
            case "sharingDetection" -> "sharingSessions";
            default -> LIFETIMES.contains(apiName) ? apiName : "";
        };
    }

    private String lifetime(String field) {
        return switch (field) {
            case "accessTokenLifespan" -> accessTokenLifespan;
            case "ssoSessionIdleTimeout" -> ssoSessionIdleTimeout;
            case "ssoSessionMaxLifespan" -> ssoSessionMaxLifespan;
            default -> accessCodeLifespan;
        };
    }

    private static String seconds(long s) {
        return Long.toString(s);
    }
}
