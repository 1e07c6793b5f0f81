package dev.curfew.core.realm;

import dev.curfew.core.password.PasswordRules;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Token and session lifetimes of a realm, and its brute-force protection. Validated on construction, immutable
 * afterwards.
 *
 * @param accessTokenLifespan lifetime of access tokens; default 5 minutes. Short on purpose: an access
 *     token that a resource server validates locally lives until it expires.
 * @param ssoSessionIdleTimeout a session not used for this long ends; default 30 minutes. Refresh
 *     tokens expire with it.
 * @param ssoSessionMaxLifespan a session ends this long after login whatever its use; default 10 hours.
 * @param authorizationCodeLifespan lifetime of an authorization code; default 60 seconds (RFC 6749 §4.1.2
 *     recommends at most 10 minutes).
 * @param signingAlgorithm JWS algorithm of the realm's tokens: {@code RS256} (default: every OIDC client verifies
 *     it; OIDC Discovery §3 requires it), {@code ES256}, or {@code EdDSA} (Ed25519, RFC 8037), which many OIDC
 *     client libraries do not verify in ID tokens.
 * @param bruteForce how failed sign-ins lock accounts; on by default ({@link BruteForceSettings#DEFAULTS})
 * @param twoFactorRequired who must sign in with a second factor; {@link TwoFactorPolicy#OFF} by default
 * @param sessionLimits how many sessions a user may hold at once; {@link SessionLimits#NONE} by default
 * @param sharingDetection when an account is suspected of being shared; {@link SharingDetection#OFF} by default
 * @param passwordRules what a new password must be (the realm field {@code passwordPolicy});
 *     {@link PasswordRules#DEFAULT} by default
 */
public record RealmSettings(
        Duration accessTokenLifespan,
        Duration ssoSessionIdleTimeout,
        Duration ssoSessionMaxLifespan,
        Duration authorizationCodeLifespan,
        String signingAlgorithm,
        BruteForceSettings bruteForce,
        TwoFactorPolicy twoFactorRequired,
        SessionLimits sessionLimits,
        SharingDetection sharingDetection,
        PasswordRules passwordRules) {

    public static final List<String> SUPPORTED_ALGORITHMS = List.of("RS256", "ES256", "EdDSA");

    public static final RealmSettings DEFAULTS = new RealmSettings(
            Duration.ofMinutes(5), Duration.ofMinutes(30), Duration.ofHours(10), Duration.ofSeconds(60), "RS256");

    /** Settings with the default brute-force protection. */
    public RealmSettings(
            Duration accessTokenLifespan,
            Duration ssoSessionIdleTimeout,
            Duration ssoSessionMaxLifespan,
            Duration authorizationCodeLifespan,
            String signingAlgorithm) {
        this(
                accessTokenLifespan,
                ssoSessionIdleTimeout,
                ssoSessionMaxLifespan,
                authorizationCodeLifespan,
                signingAlgorithm,
                BruteForceSettings.DEFAULTS);
    }

    /** Settings without a two-factor requirement. */
    public RealmSettings(
            Duration accessTokenLifespan,
            Duration ssoSessionIdleTimeout,
            Duration ssoSessionMaxLifespan,
            Duration authorizationCodeLifespan,
            String signingAlgorithm,
            BruteForceSettings bruteForce) {
        this(
                accessTokenLifespan,
                ssoSessionIdleTimeout,
                ssoSessionMaxLifespan,
                authorizationCodeLifespan,
                signingAlgorithm,
                bruteForce,
                TwoFactorPolicy.OFF);
    }

    /** Settings without session limits. */
    public RealmSettings(
            Duration accessTokenLifespan,
            Duration ssoSessionIdleTimeout,
            Duration ssoSessionMaxLifespan,
            Duration authorizationCodeLifespan,
            String signingAlgorithm,
            BruteForceSettings bruteForce,
            TwoFactorPolicy twoFactorRequired) {
        this(
                accessTokenLifespan,
                ssoSessionIdleTimeout,
                ssoSessionMaxLifespan,
                authorizationCodeLifespan,
                signingAlgorithm,
                bruteForce,
                twoFactorRequired,
                SessionLimits.NONE);
    }

    /** Settings without sharing detection. */
    public RealmSettings(
            Duration accessTokenLifespan,
            Duration ssoSessionIdleTimeout,
            Duration ssoSessionMaxLifespan,
            Duration authorizationCodeLifespan,
            String signingAlgorithm,
            BruteForceSettings bruteForce,
            TwoFactorPolicy twoFactorRequired,
            SessionLimits sessionLimits) {
        this(
                accessTokenLifespan,
                ssoSessionIdleTimeout,
                ssoSessionMaxLifespan,
                authorizationCodeLifespan,
                signingAlgorithm,
                bruteForce,
                twoFactorRequired,
                sessionLimits,
                SharingDetection.OFF);
    }

    /** Settings with the default password policy. */
    public RealmSettings(
            Duration accessTokenLifespan,
            Duration ssoSessionIdleTimeout,
            Duration ssoSessionMaxLifespan,
            Duration authorizationCodeLifespan,
            String signingAlgorithm,
            BruteForceSettings bruteForce,
            TwoFactorPolicy twoFactorRequired,
            SessionLimits sessionLimits,
            SharingDetection sharingDetection) {
        this(
                accessTokenLifespan,
                ssoSessionIdleTimeout,
                ssoSessionMaxLifespan,
                authorizationCodeLifespan,
                signingAlgorithm,
                bruteForce,
                twoFactorRequired,
                sessionLimits,
                sharingDetection,
                PasswordRules.DEFAULT);
    }

    public RealmSettings {
        Objects.requireNonNull(bruteForce, "bruteForce");
        Objects.requireNonNull(passwordRules, "passwordRules");
        Objects.requireNonNull(sharingDetection, "sharingDetection");
        Objects.requireNonNull(twoFactorRequired, "twoFactorRequired");
        Objects.requireNonNull(sessionLimits, "sessionLimits");
        List<String> problems = problems(
                accessTokenLifespan,
                ssoSessionIdleTimeout,
                ssoSessionMaxLifespan,
                authorizationCodeLifespan,
                signingAlgorithm);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
    }

    /** Every reason the given values cannot form settings; empty when they can. */
    public static List<String> problems(
            Duration accessTokenLifespan,
            Duration ssoSessionIdleTimeout,
            Duration ssoSessionMaxLifespan,
            Duration authorizationCodeLifespan,
            String signingAlgorithm) {
        List<String> problems = new ArrayList<>();
        positive("accessTokenLifespan", accessTokenLifespan, problems);
        positive("ssoSessionIdleTimeout", ssoSessionIdleTimeout, problems);
        positive("ssoSessionMaxLifespan", ssoSessionMaxLifespan, problems);
        positive("accessCodeLifespan", authorizationCodeLifespan, problems);
        if (ssoSessionIdleTimeout != null
                && ssoSessionMaxLifespan != null
                && ssoSessionIdleTimeout.compareTo(ssoSessionMaxLifespan) > 0) {
            problems.add("ssoSessionIdleTimeout must not exceed ssoSessionMaxLifespan");
        }
        if (authorizationCodeLifespan != null && authorizationCodeLifespan.compareTo(Duration.ofMinutes(10)) > 0) {
            problems.add("accessCodeLifespan must be at most 600 seconds (RFC 6749 section 4.1.2)");
        }
        if (!SUPPORTED_ALGORITHMS.contains(signingAlgorithm)) {
            problems.add("defaultSignatureAlgorithm must be one of " + SUPPORTED_ALGORITHMS);
        }
        return problems;
    }

    private static void positive(String name, Duration value, List<String> problems) {
        if (value == null || value.isNegative() || value.isZero()) {
            problems.add(name + " must be a positive number of seconds");
        }
    }

    public RealmSettings withAccessTokenLifespan(Duration value) {
        Objects.requireNonNull(value);
        return copy(f -> f.accessTokenLifespan = value);
    }

    public RealmSettings withBruteForce(BruteForceSettings value) {
        Objects.requireNonNull(value);
        return copy(f -> f.bruteForce = value);
    }

    public RealmSettings withTwoFactorRequired(TwoFactorPolicy value) {
        Objects.requireNonNull(value);
        return copy(f -> f.twoFactorRequired = value);
    }

    public RealmSettings withSessionLimits(SessionLimits value) {
        Objects.requireNonNull(value);
        return copy(f -> f.sessionLimits = value);
    }

    public RealmSettings withSharingDetection(SharingDetection value) {
        Objects.requireNonNull(value);
        return copy(f -> f.sharingDetection = value);
    }

    public RealmSettings withPasswordRules(PasswordRules value) {
        Objects.requireNonNull(value);
        return copy(f -> f.passwordRules = value);
    }

    /** These settings with one field changed: each wither names only its own, so a new field touches none of them. */
    private RealmSettings copy(java.util.function.Consumer<Fields> change) {
        Fields f = new Fields(this);
        change.accept(f);
        return new RealmSettings(
                f.accessTokenLifespan,
                ssoSessionIdleTimeout,
                ssoSessionMaxLifespan,
                authorizationCodeLifespan,
                signingAlgorithm,
                f.bruteForce,
                f.twoFactorRequired,
                f.sessionLimits,
                f.sharingDetection,
                f.passwordRules);
    }

    /** The fields a wither may change, while it changes one. */
    private static final class Fields {
        Duration accessTokenLifespan;
        BruteForceSettings bruteForce;
        TwoFactorPolicy twoFactorRequired;
        SessionLimits sessionLimits;
        SharingDetection sharingDetection;
        PasswordRules passwordRules;

        Fields(RealmSettings s) {
            accessTokenLifespan = s.accessTokenLifespan;
            bruteForce = s.bruteForce;
            twoFactorRequired = s.twoFactorRequired;
            sessionLimits = s.sessionLimits;
            sharingDetection = s.sharingDetection;
            passwordRules = s.passwordRules;
        }
    }
}
