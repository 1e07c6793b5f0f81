package dev.curfew.server.admin.realms;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.curfew.core.realm.Realm;

/**
 * A realm as Keycloak's admin API shows it (the fields Curfew has). Durations are seconds; {@code
 * notBefore} is epoch seconds, 0 when no cut-off is set.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RealmRepresentation(
        String id,
        String realm,
        String displayName,
        Boolean enabled,
        Integer accessTokenLifespan,
        Integer ssoSessionIdleTimeout,
        Integer ssoSessionMaxLifespan,
        Integer accessCodeLifespan,
        String defaultSignatureAlgorithm,
        Long notBefore) {

    public static RealmRepresentation of(Realm realm) {
        var s = realm.settings();
        return new RealmRepresentation(
                realm.id(),
                realm.name(),
                realm.displayName(),
                realm.enabled(),
                (int) s.accessTokenLifespan().toSeconds(),
                (int) s.ssoSessionIdleTimeout().toSeconds(),
                (int) s.ssoSessionMaxLifespan().toSeconds(),
                (int) s.authorizationCodeLifespan().toSeconds(),
                s.signingAlgorithm(),
                realm.notBefore().map(i -> i.getEpochSecond()).orElse(0L));
    }
}
