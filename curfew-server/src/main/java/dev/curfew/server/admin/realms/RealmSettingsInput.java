package dev.curfew.server.admin.realms;

import dev.curfew.core.realm.RealmSettings;
import dev.curfew.server.admin.FieldProblems;
import java.time.Duration;
import java.util.List;

/**
 * Lays the settings fields of a {@link RealmRepresentation} over existing settings: an absent field keeps
 * its value. Every rule {@link RealmSettings#problems} breaks is reported against the field it names, all
 * at once.
 */
final class RealmSettingsInput {
    private RealmSettingsInput() {}

    /** @throws dev.curfew.server.http.Problem naming each invalid field */
    static RealmSettings apply(RealmSettings base, RealmRepresentation rep) {
        Duration accessToken = seconds(rep.accessTokenLifespan(), base.accessTokenLifespan());
        Duration idle = seconds(rep.ssoSessionIdleTimeout(), base.ssoSessionIdleTimeout());
        Duration max = seconds(rep.ssoSessionMaxLifespan(), base.ssoSessionMaxLifespan());
        Duration code = seconds(rep.accessCodeLifespan(), base.authorizationCodeLifespan());
        String algorithm =
                rep.defaultSignatureAlgorithm() == null ? base.signingAlgorithm() : rep.defaultSignatureAlgorithm();
        List<String> problems = RealmSettings.problems(accessToken, idle, max, code, algorithm);
        FieldProblems fields = new FieldProblems();
        // Each rule's message starts with the wire name of the field it is about.
        problems.forEach(p -> fields.add(p.substring(0, p.indexOf(' ')), p));
        fields.throwIfAny();
        return new RealmSettings(accessToken, idle, max, code, algorithm);
    }

    private static Duration seconds(Integer value, Duration fallback) {
        return value == null ? fallback : Duration.ofSeconds(value);
    }
}
