package dev.curfew.core.realm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Realm settings are validated once, on construction")
class RealmSettingsTest {
    private static final RealmSettings D = RealmSettings.DEFAULTS;

    @Test
    @DisplayName("the defaults are 5 min tokens, 30 min idle, 10 h sessions, 60 s codes, RS256")
    void defaultsAreValid() {
        assertThat(D.accessTokenLifespan()).isEqualTo(Duration.ofMinutes(5));
        assertThat(D.ssoSessionIdleTimeout()).isEqualTo(Duration.ofMinutes(30));
        assertThat(D.ssoSessionMaxLifespan()).isEqualTo(Duration.ofHours(10));
        assertThat(D.authorizationCodeLifespan()).isEqualTo(Duration.ofSeconds(60));
        assertThat(D.signingAlgorithm()).isEqualTo("RS256");
        assertThat(RealmSettings.problems(
                        D.accessTokenLifespan(),
                        D.ssoSessionIdleTimeout(),
                        D.ssoSessionMaxLifespan(),
                        D.authorizationCodeLifespan(),
                        "ES256"))
                .isEmpty();
    }

    @Test
    @DisplayName("a zero or negative lifespan is refused, naming the field")
    void zeroOrNegativeLifespanIsRefused() {
        assertThatThrownBy(() -> new RealmSettings(
                        Duration.ZERO,
                        D.ssoSessionIdleTimeout(),
                        D.ssoSessionMaxLifespan(),
                        D.authorizationCodeLifespan(),
                        "RS256"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("accessTokenLifespan");
        assertThatThrownBy(() -> new RealmSettings(
                        D.accessTokenLifespan(),
                        Duration.ofSeconds(-1),
                        D.ssoSessionMaxLifespan(),
                        D.authorizationCodeLifespan(),
                        "RS256"))
                .hasMessageContaining("ssoSessionIdleTimeout");
    }

    @Test
    @DisplayName("a missing duration is reported as a problem, not a NullPointerException")
    void missingDurationIsAProblem() {
        assertThat(RealmSettings.problems(null, null, null, null, "RS256"))
                .hasSize(4)
                .allSatisfy(p -> assertThat(p).contains("must be a positive number of seconds"));
    }

    @Test
    @DisplayName("an idle timeout longer than the maximum lifespan is refused")
    void idleLongerThanMaxIsRefused() {
        assertThatThrownBy(() -> new RealmSettings(
                        D.accessTokenLifespan(),
                        Duration.ofHours(11),
                        Duration.ofHours(10),
                        D.authorizationCodeLifespan(),
                        "RS256"))
                .hasMessageContaining("ssoSessionIdleTimeout must not exceed ssoSessionMaxLifespan");
    }

    @Test
    @DisplayName("RFC 6749 §4.1.2: a code lifespan over 10 minutes is refused")
    void longCodeLifespanIsRefused() {
        assertThatThrownBy(() -> new RealmSettings(
                        D.accessTokenLifespan(),
                        D.ssoSessionIdleTimeout(),
                        D.ssoSessionMaxLifespan(),
                        Duration.ofSeconds(601),
                        "RS256"))
                .hasMessageContaining("600 seconds");
        assertThat(new RealmSettings(
                                D.accessTokenLifespan(),
                                D.ssoSessionIdleTimeout(),
                                D.ssoSessionMaxLifespan(),
                                Duration.ofMinutes(10),
                                "RS256")
                        .authorizationCodeLifespan())
                .isEqualTo(Duration.ofMinutes(10));
    }

    @Test
    @DisplayName("RS256, ES256 and EdDSA are accepted as the signing algorithm")
    void supportedAlgorithmsAreAccepted() {
        for (String alg : new String[] {"RS256", "ES256", "EdDSA"}) {
            assertThat(new RealmSettings(
                                    D.accessTokenLifespan(),
                                    D.ssoSessionIdleTimeout(),
                                    D.ssoSessionMaxLifespan(),
                                    D.authorizationCodeLifespan(),
                                    alg)
                            .signingAlgorithm())
                    .isEqualTo(alg);
        }
    }

    @Test
    @DisplayName("only RS256, ES256 and EdDSA are accepted: not none, not HS256")
    void onlySupportedAlgorithmsAreAccepted() {
        for (String alg : new String[] {"none", "HS256", "rs256", "Ed25519", "eddsa", ""}) {
            assertThatThrownBy(() -> new RealmSettings(
                            D.accessTokenLifespan(),
                            D.ssoSessionIdleTimeout(),
                            D.ssoSessionMaxLifespan(),
                            D.authorizationCodeLifespan(),
                            alg))
                    .hasMessageContaining("defaultSignatureAlgorithm");
        }
    }

    @Test
    @DisplayName("every problem is reported at once")
    void everyProblemIsReportedAtOnce() {
        assertThatThrownBy(() -> new RealmSettings(
                        Duration.ZERO, Duration.ofHours(2), Duration.ofHours(1), Duration.ofHours(1), "HS256"))
                .hasMessageContaining("accessTokenLifespan")
                .hasMessageContaining("must not exceed")
                .hasMessageContaining("600 seconds")
                .hasMessageContaining("defaultSignatureAlgorithm");
    }

    @Test
    @DisplayName("withAccessTokenLifespan changes only that value and validates it")
    void withAccessTokenLifespanValidates() {
        assertThat(D.withAccessTokenLifespan(Duration.ofMinutes(1)).ssoSessionIdleTimeout())
                .isEqualTo(D.ssoSessionIdleTimeout());
        assertThatThrownBy(() -> D.withAccessTokenLifespan(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
    }
}
