package dev.curfew.server.admin.realms;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.curfew.core.realm.BruteForceSettings;
import dev.curfew.core.realm.Realm;
import dev.curfew.core.realm.SessionLimits;
import dev.curfew.core.realm.SharingDetection;

/**
 * A realm as Keycloak's admin API shows it (the fields Curfew has). Durations are seconds ({@code
 * quickLoginCheckMilliSeconds} milliseconds, as in Keycloak); {@code notBefore} is epoch seconds, 0 when no cut-off
 * is set. The brute-force fields have Keycloak's names and meanings ({@link BruteForceSettings}).
 * {@code twoFactorRequired} is Curfew's own: {@code off}, {@code administrators} or {@code everyone}
 * ({@link dev.curfew.core.realm.TwoFactorPolicy}), and so is {@code sessionLimits}
 * ({@link dev.curfew.core.realm.SessionLimits}), {@code sharingDetection} ({@link SharingDetection}). {@code passwordPolicy} has Keycloak's name and syntax, with
 * the policies Curfew has ({@link dev.curfew.core.password.PasswordRules}).
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
        Long notBefore,
        Boolean bruteForceProtected,
        Boolean permanentLockout,
        Integer failureFactor,
        Integer waitIncrementSeconds,
        Integer maxFailureWaitSeconds,
        Integer maxDeltaTimeSeconds,
        Long quickLoginCheckMilliSeconds,
        Integer minimumQuickLoginWaitSeconds,
        String twoFactorRequired,
        SessionLimitsRepresentation sessionLimits,
        SharingDetectionRepresentation sharingDetection,
        String passwordPolicy) {

    /**
     * {@code sharingDetection}: {@code concurrentSessions} and {@code distinctNetworks}, the counts at once that make
     * an account a suspect of sharing (each 0 to ignore it, else at least 2).
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record SharingDetectionRepresentation(Integer concurrentSessions, Integer distinctNetworks) {
        static SharingDetectionRepresentation of(SharingDetection detection) {
            return new SharingDetectionRepresentation(detection.concurrentSessions(), detection.distinctNetworks());
        }
    }

    /**
     * {@code sessionLimits}: {@code maxPerUser}, {@code maxPerUserPerClient} (each 0 for no limit) and
     * {@code whenExceeded}.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record SessionLimitsRepresentation(Integer maxPerUser, Integer maxPerUserPerClient, String whenExceeded) {
        static SessionLimitsRepresentation of(SessionLimits limits) {
            return new SessionLimitsRepresentation(
                    limits.maxPerUser(),
                    limits.maxPerUserPerClient(),
                    limits.whenExceeded().wireName());
        }
    }

    public static RealmRepresentation of(Realm realm) {
        var s = realm.settings();
        BruteForceSettings b = s.bruteForce();
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
                realm.notBefore().map(i -> i.getEpochSecond()).orElse(0L),
                b.enabled(),
                b.permanentLockout(),
                b.failureFactor(),
                (int) b.waitIncrement().toSeconds(),
                (int) b.maxFailureWait().toSeconds(),
                (int) b.maxDeltaTime().toSeconds(),
                b.quickLoginCheck().toMillis(),
                (int) b.minimumQuickLoginWait().toSeconds(),
                s.twoFactorRequired().wireName(),
                SessionLimitsRepresentation.of(s.sessionLimits()),
                SharingDetectionRepresentation.of(s.sharingDetection()),
                s.passwordRules().toString());
    }
}
