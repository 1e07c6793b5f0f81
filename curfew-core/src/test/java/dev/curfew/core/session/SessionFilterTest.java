package dev.curfew.core.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The in-memory form of the filter; {@code SessionFilterStoreTest} checks that the SQL agrees with it. */
class SessionFilterTest {
    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
    private static final UserSession SESSION = new UserSession(
            "sid", "realm", "alice", "cookie", T0, T0.plusSeconds(60), "10.1.2.3", "Mozilla Firefox", Set.of("pwd"));

    @Test
    void emptyFilterMatchesEverySession() {
        assertThat(SessionFilter.ALL.isEmpty()).isTrue();
        assertThat(SessionFilter.ALL.matches(SESSION, Set.of())).isTrue();
    }

    @Test
    void blankUserAgentTextIsNoCondition() {
        assertThat(SessionFilter.ALL.withUserAgentContains(Optional.of("  ")).isEmpty())
                .isTrue();
    }

    @Test
    void everyConditionMustHold() {
        SessionFilter filter = SessionFilter.ofUser("alice")
                .withClientId(Optional.of("app"))
                .withIpRange(Optional.of(IpRange.parse("10.0.0.0/8")))
                .withUserAgentContains(Optional.of("FIREFOX"))
                .withCreatedBefore(Optional.of(T0.plusMillis(1)))
                .withCreatedAfter(Optional.of(T0.minusMillis(1)))
                .withLastActiveBefore(Optional.of(T0.plusSeconds(61)))
                .withAuthMethods(Set.of("pwd"), Set.of("otp"));

        assertThat(filter.isEmpty()).isFalse();
        assertThat(filter.matches(SESSION, Set.of("app"))).isTrue();
        assertThat(filter.matches(SESSION, Set.of("api"))).isFalse();
        assertThat(filter.withUserIds(Set.of("bob")).matches(SESSION, Set.of("app")))
                .isFalse();
        assertThat(filter.withIpRange(Optional.of(IpRange.parse("10.1.2.4"))).matches(SESSION, Set.of("app")))
                .isFalse();
        assertThat(filter.withAuthMethods(Set.of("pwd"), Set.of("pwd")).matches(SESSION, Set.of("app")))
                .isFalse();
    }

    @Test
    void timeBoundsAreStrict() {
        assertThat(SessionFilter.ALL.withCreatedBefore(Optional.of(T0)).matches(SESSION, Set.of()))
                .isFalse();
        assertThat(SessionFilter.ALL.withCreatedAfter(Optional.of(T0)).matches(SESSION, Set.of()))
                .isFalse();
        assertThat(SessionFilter.ALL
                        .withLastActiveBefore(Optional.of(T0.plusSeconds(60)))
                        .matches(SESSION, Set.of()))
                .isFalse();
    }
}
