package dev.curfew.server.admin.realms;

import dev.curfew.core.password.PasswordRules;
import dev.curfew.core.realm.BruteForceSettings;
import dev.curfew.core.realm.RealmSettings;
import dev.curfew.core.realm.SessionLimits;
import dev.curfew.core.realm.SharingDetection;
import dev.curfew.core.realm.TwoFactorPolicy;
import dev.curfew.server.admin.FieldProblems;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

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
        BruteForceSettings b = base.bruteForce();
        int failureFactor = rep.failureFactor() == null ? b.failureFactor() : rep.failureFactor();
        Duration increment = seconds(rep.waitIncrementSeconds(), b.waitIncrement());
        Duration maxWait = seconds(rep.maxFailureWaitSeconds(), b.maxFailureWait());
        Duration delta = seconds(rep.maxDeltaTimeSeconds(), b.maxDeltaTime());
        Duration quick = rep.quickLoginCheckMilliSeconds() == null
                ? b.quickLoginCheck()
                : Duration.ofMillis(rep.quickLoginCheckMilliSeconds());
        Duration quickWait = seconds(rep.minimumQuickLoginWaitSeconds(), b.minimumQuickLoginWait());
        List<String> problems = new ArrayList<>(RealmSettings.problems(accessToken, idle, max, code, algorithm));
        problems.addAll(BruteForceSettings.problems(failureFactor, increment, maxWait, delta, quick, quickWait));
        Optional<TwoFactorPolicy> twoFactor = rep.twoFactorRequired() == null
                ? Optional.of(base.twoFactorRequired())
                : TwoFactorPolicy.fromWireName(rep.twoFactorRequired());
        if (twoFactor.isEmpty()) {
            problems.add("twoFactorRequired must be one of " + TwoFactorPolicy.wireNames());
        }
        SessionLimits limits = base.sessionLimits();
        Integer maxPerUser = rep.sessionLimits() == null || rep.sessionLimits().maxPerUser() == null
                ? Integer.valueOf(limits.maxPerUser())
                : rep.sessionLimits().maxPerUser();
        Integer maxPerUserPerClient =
                rep.sessionLimits() == null || rep.sessionLimits().maxPerUserPerClient() == null
                        ? Integer.valueOf(limits.maxPerUserPerClient())
                        : rep.sessionLimits().maxPerUserPerClient();
        String whenExceeded = rep.sessionLimits() == null || rep.sessionLimits().whenExceeded() == null
                ? limits.whenExceeded().wireName()
                : rep.sessionLimits().whenExceeded();
        FieldProblems fields = new FieldProblems();
        if (maxPerUser < 0) {
            fields.add(
                    "sessionLimits.maxPerUser", "sessionLimits.maxPerUser must be 0 (no limit) or a positive number");
        }
        if (maxPerUserPerClient < 0) {
            fields.add(
                    "sessionLimits.maxPerUserPerClient",
                    "sessionLimits.maxPerUserPerClient must be 0 (no limit) or a positive number");
        }
        Optional<SessionLimits.WhenExceeded> exceeded = SessionLimits.WhenExceeded.fromWireName(whenExceeded);
        if (exceeded.isEmpty()) {
            fields.add(
                    "sessionLimits.whenExceeded",
                    "sessionLimits.whenExceeded must be one of " + SessionLimits.WhenExceeded.wireNames());
        }
        SharingDetection sharing = sharing(base.sharingDetection(), rep.sharingDetection(), fields);
        PasswordRules passwordRules = base.passwordRules();
        if (rep.passwordPolicy() != null) {
            try {
                passwordRules = PasswordRules.parse(rep.passwordPolicy());
            } catch (IllegalArgumentException e) {
                fields.add("passwordPolicy", "passwordPolicy: " + e.getMessage());
            }
        }
        // Each rule's message starts with the wire name of the field it is about.
        problems.forEach(p -> fields.add(p.substring(0, p.indexOf(' ')), p));
        fields.throwIfAny();
        BruteForceSettings bruteForce = new BruteForceSettings(
                rep.bruteForceProtected() == null ? b.enabled() : rep.bruteForceProtected(),
                rep.permanentLockout() == null ? b.permanentLockout() : rep.permanentLockout(),
                failureFactor,
                increment,
                maxWait,
                delta,
                quick,
                quickWait);
        return new RealmSettings(
                accessToken,
                idle,
                max,
                code,
                algorithm,
                bruteForce,
                twoFactor.orElseThrow(),
                new SessionLimits(maxPerUser, maxPerUserPerClient, exceeded.orElseThrow()),
                sharing,
                passwordRules);
    }

    /** {@code sharingDetection} over the realm's: an absent count keeps its value. */
    private static SharingDetection sharing(
            SharingDetection base, RealmRepresentation.SharingDetectionRepresentation rep, FieldProblems fields) {
        if (rep == null) {
            return base;
        }
        int sessions = rep.concurrentSessions() == null ? base.concurrentSessions() : rep.concurrentSessions();
        int networks = rep.distinctNetworks() == null ? base.distinctNetworks() : rep.distinctNetworks();
        try {
            return new SharingDetection(sessions, networks);
        } catch (IllegalArgumentException e) {
            fields.add(
                    "sharingDetection",
                    "sharingDetection.concurrentSessions and distinctNetworks must each be 0 (off) or 2 to "
                            + SharingDetection.MAX_THRESHOLD + ": " + e.getMessage());
            return base;
        }
    }

    private static Duration seconds(Integer value, Duration fallback) {
        return value == null ? fallback : Duration.ofSeconds(value);
    }
}
