package dev.curfew.core.validity;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.LongStream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

/**
 * One predicate decides validity everywhere — not expired, issued strictly after the latest
 * of the realm, client and user cut-offs, and not revoked. Keycloak's CVE-2026-8922 and CVE-2026-18218
 * came from combining two cut-offs with min, so these properties pin the combination from every side.
 * Times stay within a small window so that collisions (equal times) happen often.
 */
@Label("The validity rule")
class ValidityRuleProperties {
    private static final long WINDOW = 1_000;

    @Property
    @Label("valid iff now < exp and iat > max(cut-offs) and the session is not revoked")
    void validIffNotExpiredAndIssuedAfterTheLatestCutOff(
            @ForAll("cutOffs") CutOffs cutOffs,
            @ForAll @LongRange(min = 1, max = WINDOW) long issuedAt,
            @ForAll @LongRange(min = 1, max = WINDOW) long expiresAt,
            @ForAll @LongRange(min = 0, max = WINDOW) long now,
            @ForAll boolean revoked) {
        long latest = LongStream.of(cutOffs.realm(), cutOffs.client(), cutOffs.user())
                .max()
                .orElseThrow();
        boolean expected = now < expiresAt && issuedAt > latest && !revoked;
        assertThat(ValidityRule.isValid(now, issuedAt, expiresAt, cutOffs, revoked))
                .isEqualTo(expected);
    }

    @Property
    @Label("adding a cut-off at any level never makes an invalid token valid")
    void addingACutOffIsMonotonic(
            @ForAll("cutOffs") CutOffs before,
            @ForAll @IntRange(min = 0, max = 2) int level,
            @ForAll @LongRange(min = 1, max = WINDOW) long added,
            @ForAll @LongRange(min = 1, max = WINDOW) long issuedAt,
            @ForAll @LongRange(min = 1, max = WINDOW) long expiresAt,
            @ForAll @LongRange(min = 0, max = WINDOW) long now) {
        CutOffs after = withLevel(before, level, Math.max(level(before, level), added));
        boolean validBefore = ValidityRule.isValid(now, issuedAt, expiresAt, before, false);
        boolean validAfter = ValidityRule.isValid(now, issuedAt, expiresAt, after, false);
        assertThat(!validBefore && validAfter)
                .as("%s -> %s made iat=%d valid", before, after, issuedAt)
                .isFalse();
    }

    @Property
    @Label("a cut-off at or after the issue time, at any level, invalidates whatever the other levels hold")
    void anySingleLateCutOffInvalidates(
            @ForAll("cutOffs") CutOffs others,
            @ForAll @IntRange(min = 0, max = 2) int level,
            @ForAll @LongRange(min = 1, max = WINDOW) long issuedAt,
            @ForAll @LongRange(min = 0, max = WINDOW) long lateBy) {
        CutOffs cutOffs = withLevel(others, level, issuedAt + lateBy);
        assertThat(ValidityRule.isValid(0, issuedAt, Long.MAX_VALUE, cutOffs, false))
                .isFalse();
    }

    @Property
    @Label("which level holds which cut-off does not matter")
    void orderOfLevelsDoesNotMatter(
            @ForAll @LongRange(min = 0, max = WINDOW) long a,
            @ForAll @LongRange(min = 0, max = WINDOW) long b,
            @ForAll @LongRange(min = 0, max = WINDOW) long c,
            @ForAll @LongRange(min = 1, max = WINDOW) long issuedAt,
            @ForAll @LongRange(min = 1, max = WINDOW) long expiresAt,
            @ForAll @LongRange(min = 0, max = WINDOW) long now) {
        List<CutOffs> permutations = List.of(
                new CutOffs(a, b, c),
                new CutOffs(a, c, b),
                new CutOffs(b, a, c),
                new CutOffs(b, c, a),
                new CutOffs(c, a, b),
                new CutOffs(c, b, a));
        boolean first = ValidityRule.isValid(now, issuedAt, expiresAt, permutations.get(0), false);
        for (CutOffs p : permutations) {
            assertThat(ValidityRule.isValid(now, issuedAt, expiresAt, p, false))
                    .as("%s", p)
                    .isEqualTo(first);
            assertThat(p.latest()).isEqualTo(permutations.get(0).latest());
        }
    }

    @Property
    @Label("a revoked session is never valid")
    void revokedIsNeverValid(
            @ForAll("cutOffs") CutOffs cutOffs,
            @ForAll @LongRange(min = 1, max = WINDOW) long issuedAt,
            @ForAll @LongRange(min = 1, max = WINDOW) long expiresAt,
            @ForAll @LongRange(min = 0, max = WINDOW) long now) {
        assertThat(ValidityRule.isValid(now, issuedAt, expiresAt, cutOffs, true))
                .isFalse();
    }

    @Property
    @Label("CutOffs.of maps an empty level to 0 and keeps the others' milliseconds")
    void cutOffsOfMapsEmptyToZero(
            @ForAll Optional<@LongRange(min = 0, max = 4_102_444_800_000L) Long> realm,
            @ForAll Optional<@LongRange(min = 0, max = 4_102_444_800_000L) Long> client,
            @ForAll Optional<@LongRange(min = 0, max = 4_102_444_800_000L) Long> user) {
        CutOffs cutOffs = CutOffs.of(
                realm.map(Instant::ofEpochMilli), client.map(Instant::ofEpochMilli), user.map(Instant::ofEpochMilli));
        assertThat(cutOffs.realm()).isEqualTo(realm.orElse(0L));
        assertThat(cutOffs.client()).isEqualTo(client.orElse(0L));
        assertThat(cutOffs.user()).isEqualTo(user.orElse(0L));
        assertThat(cutOffs.latest())
                .isEqualTo(Math.max(realm.orElse(0L), Math.max(client.orElse(0L), user.orElse(0L))));
    }

    /** Each level either unset (0) or a time in the window, independently. */
    @Provide
    Arbitrary<CutOffs> cutOffs() {
        Arbitrary<Long> level =
                Arbitraries.oneOf(Arbitraries.just(0L), Arbitraries.longs().between(1, WINDOW));
        return Combinators.combine(level, level, level).as(CutOffs::new);
    }

    private static long level(CutOffs c, int level) {
        return switch (level) {
            case 0 -> c.realm();
            case 1 -> c.client();
            default -> c.user();
        };
    }

    private static CutOffs withLevel(CutOffs c, int level, long value) {
        return switch (level) {
            case 0 -> new CutOffs(value, c.client(), c.user());
            case 1 -> new CutOffs(c.realm(), value, c.user());
            default -> new CutOffs(c.realm(), c.client(), value);
        };
    }
}
