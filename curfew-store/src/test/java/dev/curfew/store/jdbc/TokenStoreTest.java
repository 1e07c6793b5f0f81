package dev.curfew.store.jdbc;

import static dev.curfew.store.jdbc.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.curfew.core.client.Client;
import dev.curfew.core.realm.Realm;
import dev.curfew.core.session.UserSession;
import dev.curfew.core.store.DuplicateException;
import dev.curfew.core.token.AuthorizationCode;
import dev.curfew.core.token.CodeRedemption;
import dev.curfew.core.token.RefreshToken;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TokenStoreTest extends StoreContract {
    /** Rounds of a race: each one is a fresh chance for the threads to collide. */
    private static final int ROUNDS = 10;

    private Realm realm;
    private Client client;
    private UserSession session;

    @BeforeEach
    void createSession() {
        realm = given.realm("acme");
        client = given.client(realm, "app");
        session = given.session(given.user(realm, "alice"));
    }

    @Test
    void savedCodeIsConsumedOnceWithEveryField() {
        AuthorizationCode code = given.code(session, client, T0.plusSeconds(60));

        assertThat(store.tokens().redeemCode(code.codeHash(), T0).redeemed()).contains(code);
        assertThat(store.tokens().redeemCode(code.codeHash(), T0).redeemed()).isEmpty();
    }

    /** RFC 6749 section 4.1.2: a code used again must be told apart from an unknown one, to revoke what it issued. */
    @Test
    void redeemedCodeIsRememberedAsReplayedUntilItExpires() {
        AuthorizationCode code = given.code(session, client, T0.plusSeconds(60));
        store.tokens().redeemCode(code.codeHash(), T0);

        assertThat(store.tokens().redeemCode(code.codeHash(), T0.plusSeconds(1)))
                .isEqualTo(new CodeRedemption.Replayed(code));
        assertThat(store.tokens().redeemCode("unknown", T0)).isEqualTo(CodeRedemption.UNKNOWN);

        store.tokens().deleteExpired(T0.plusSeconds(60), 10);
        assertThat(store.tokens().redeemCode(code.codeHash(), T0.plusSeconds(61)))
                .isEqualTo(CodeRedemption.UNKNOWN);
    }

    @Test
    void codeWithoutNonceOrPkceReadsBackEmpty() {
        AuthorizationCode code = Fixtures.newCode(session, client, T0.plusSeconds(60));
        AuthorizationCode plain = new AuthorizationCode(
                code.codeHash(),
                code.realmId(),
                code.clientId(),
                code.sessionId(),
                code.userId(),
                code.redirectUri(),
                code.scope(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                code.authTime(),
                code.issuedAt(),
                code.expiresAt());

        store.tokens().saveCode(plain);

        assertThat(store.tokens().redeemCode(plain.codeHash(), T0).redeemed()).contains(plain);
    }

    @Test
    void unknownCodeIsNotConsumed() {
        assertThat(store.tokens().redeemCode("unknown", T0).redeemed()).isEmpty();
    }

    @Test
    void savingACodeTwiceThrowsDuplicate() {
        AuthorizationCode code = given.code(session, client, T0.plusSeconds(60));

        assertThatThrownBy(() -> store.tokens().saveCode(code)).isInstanceOf(DuplicateException.class);
    }

    /** RFC 6749 section 4.1.2: the client MUST NOT use the authorization code more than once. */
    @Test
    void concurrentRedemptionsOfACodeHandItToExactlyOneCaller() throws Exception {
        for (int round = 0; round < ROUNDS; round++) {
            AuthorizationCode code = given.code(session, client, T0.plusSeconds(60));

            List<CodeRedemption> results = Concurrently.run(() -> store.tokens().redeemCode(code.codeHash(), T0));

            assertThat(results).filteredOn(r -> r.redeemed().isPresent()).hasSize(1);
            assertThat(results)
                    .filteredOn(r -> r.redeemed().isEmpty())
                    .allSatisfy(r -> assertThat(r).isEqualTo(new CodeRedemption.Replayed(code)));
        }
    }

    @Test
    void savedRefreshTokenIsFoundWithEveryField() {
        RefreshToken token = given.refreshToken(session, client, T0.plusSeconds(3600));

        assertThat(store.tokens().findRefreshToken(token.tokenHash())).contains(token);
        assertThat(store.tokens().findRefreshToken("unknown")).isEmpty();
    }

    @Test
    void savingARefreshTokenTwiceThrowsDuplicate() {
        RefreshToken token = given.refreshToken(session, client, T0.plusSeconds(3600));

        assertThatThrownBy(() -> store.tokens().saveRefreshToken(token)).isInstanceOf(DuplicateException.class);
    }

    @Test
    void markRotatedSucceedsOnlyFromActive() {
        RefreshToken token = given.refreshToken(session, client, T0.plusSeconds(3600));

        assertThat(store.tokens().markRotated(token.tokenHash())).isTrue();
        assertThat(store.tokens().markRotated(token.tokenHash())).isFalse();
        assertThat(store.tokens().findRefreshToken(token.tokenHash()))
                .hasValueSatisfying(t -> assertThat(t.status()).isEqualTo(RefreshToken.Status.ROTATED));
        assertThat(store.tokens().markRotated("unknown")).isFalse();
    }

    /** RFC 9700 section 4.14.2: a refresh token is rotated once; a second use is a replay. */
    @Test
    void concurrentRotationsOfARefreshTokenSucceedForExactlyOneCaller() throws Exception {
        for (int round = 0; round < ROUNDS; round++) {
            RefreshToken token = given.refreshToken(session, client, T0.plusSeconds(3600));

            List<Boolean> results = Concurrently.run(() -> store.tokens().markRotated(token.tokenHash()));

            assertThat(results).filteredOn(rotated -> rotated).hasSize(1);
        }
    }

    /**
     * A refresh rotates the old token and stores its successor in one transaction: the conditional UPDATE still
     * lets exactly one caller through when each holds its row lock until more writes are done.
     */
    @Test
    void rotationsInsideLongerTransactionsSucceedForExactlyOneCaller() throws Exception {
        for (int round = 0; round < ROUNDS; round++) {
            RefreshToken token = given.refreshToken(session, client, T0.plusSeconds(3600));

            List<Boolean> results = Concurrently.run(() -> store.inTransaction(tx -> {
                if (!tx.tokens().markRotated(token.tokenHash())) {
                    return false;
                }
                tx.tokens().saveRefreshToken(Fixtures.newRefreshToken(session, client, T0.plusSeconds(3600)));
                return true;
            }));

            assertThat(results).filteredOn(rotated -> rotated).hasSize(1);
            assertThat(store.tokens().findRefreshToken(token.tokenHash()))
                    .hasValueSatisfying(t -> assertThat(t.status()).isEqualTo(RefreshToken.Status.ROTATED));
        }
    }

    @Test
    void revokedRefreshTokenCannotBeRotated() {
        RefreshToken token = given.refreshToken(session, client, T0.plusSeconds(3600));

        assertThat(store.tokens().revokeRefreshToken(token.tokenHash())).isTrue();
        assertThat(store.tokens().revokeRefreshToken(token.tokenHash())).isFalse();
        assertThat(store.tokens().markRotated(token.tokenHash())).isFalse();
        assertThat(store.tokens().findRefreshToken(token.tokenHash()))
                .hasValueSatisfying(t -> assertThat(t.status()).isEqualTo(RefreshToken.Status.REVOKED));
        assertThat(store.tokens().revokeRefreshToken("unknown")).isFalse();
    }

    @Test
    void revokedAccessTokenIsRememberedAndRevokingTwiceIsHarmless() {
        store.tokens().revokeAccessToken("jti-1", realm.id(), T0.plusSeconds(300));
        store.tokens().revokeAccessToken("jti-1", realm.id(), T0.plusSeconds(300));

        assertThat(store.tokens().isAccessTokenRevoked("jti-1")).isTrue();
        assertThat(store.tokens().isAccessTokenRevoked("jti-2")).isFalse();
    }

    @Test
    void deleteExpiredRemovesExpiredCodesTokensAndRevocationsUpToTheLimit() {
        Instant now = T0.plusSeconds(1000);
        AuthorizationCode expiredCode = given.code(session, client, now);
        AuthorizationCode liveCode = given.code(session, client, now.plusMillis(1));
        RefreshToken expiredToken = given.refreshToken(session, client, now.minusSeconds(1));
        RefreshToken rotatedExpired = given.refreshToken(session, client, now.minusSeconds(2));
        store.tokens().markRotated(rotatedExpired.tokenHash());
        RefreshToken liveToken = given.refreshToken(session, client, now.plusSeconds(1));
        store.tokens().revokeAccessToken("expired", realm.id(), now.minusSeconds(1));
        store.tokens().revokeAccessToken("live", realm.id(), now.plusSeconds(1));

        assertThat(store.tokens().deleteExpired(now, 3)).isEqualTo(3);
        assertThat(store.tokens().deleteExpired(now, 3)).isEqualTo(1);
        assertThat(store.tokens().deleteExpired(now, 3)).isZero();

        assertThat(store.tokens().findRefreshToken(expiredToken.tokenHash())).isEmpty();
        assertThat(store.tokens().findRefreshToken(rotatedExpired.tokenHash())).isEmpty();
        assertThat(store.tokens().findRefreshToken(liveToken.tokenHash())).contains(liveToken);
        assertThat(store.tokens().isAccessTokenRevoked("expired")).isFalse();
        assertThat(store.tokens().isAccessTokenRevoked("live")).isTrue();
        assertThat(store.tokens().redeemCode(liveCode.codeHash(), T0).redeemed())
                .contains(liveCode);
        assertThat(store.tokens().redeemCode(expiredCode.codeHash(), T0).redeemed())
                .isEmpty();
    }

    @Test
    void deleteExpiredRefusesALimitItCannotBind() {
        assertThatThrownBy(() -> store.tokens().deleteExpired(T0, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.tokens().deleteExpired(T0, Batch.MAX_LIMIT + 1))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
