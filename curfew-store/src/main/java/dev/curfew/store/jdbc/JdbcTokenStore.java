package dev.curfew.store.jdbc;

import dev.curfew.core.store.TokenStore;
import dev.curfew.core.token.AuthorizationCode;
import dev.curfew.core.token.CodeRedemption;
import dev.curfew.core.token.RefreshToken;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;

final class JdbcTokenStore implements TokenStore {
    private static final String INSERT_CODE = """
            INSERT INTO authorization_codes (code_hash, realm_id, client_id, session_id, user_id, redirect_uri, scope,
                nonce, code_challenge, code_challenge_method, auth_time, issued_at, expires_at)
            VALUES (:codeHash, :realmId, :clientId, :sessionId, :userId, :redirectUri, :scope, :nonce, :codeChallenge,
                :codeChallengeMethod, :authTime, :issuedAt, :expiresAt)
            """;

    private static final String INSERT_REFRESH_TOKEN = """
            INSERT INTO refresh_tokens (token_hash, realm_id, session_id, client_id, user_id, scope, issued_at,
                expires_at, status)
            VALUES (:tokenHash, :realmId, :sessionId, :clientId, :userId, :scope, :issuedAt, :expiresAt, :status)
            """;

    private static final RowMapper<AuthorizationCode> CODE = (rs, ctx) -> new AuthorizationCode(
            rs.getString("code_hash"),
            rs.getString("realm_id"),
            rs.getString("client_id"),
            rs.getString("session_id"),
            rs.getString("user_id"),
            rs.getString("redirect_uri"),
            rs.getString("scope"),
            Columns.optionalString(rs, "nonce"),
            Columns.optionalString(rs, "code_challenge"),
            Columns.optionalString(rs, "code_challenge_method"),
            Columns.instant(rs, "auth_time"),
            Columns.instant(rs, "issued_at"),
            Columns.instant(rs, "expires_at"));

    private static final RowMapper<RefreshToken> REFRESH_TOKEN = (rs, ctx) -> new RefreshToken(
            rs.getString("token_hash"),
            rs.getString("realm_id"),
            rs.getString("session_id"),
            rs.getString("client_id"),
            rs.getString("user_id"),
            rs.getString("scope"),
            Columns.instant(rs, "issued_at"),
            Columns.instant(rs, "expires_at"),
            RefreshToken.Status.valueOf(rs.getString("status")));

    /** The tables whose rows expire, with their keys; {@link #deleteExpired} empties them in this order. */
    private static final List<Expiring> EXPIRING = List.of(
            new Expiring("authorization_codes", "code_hash"),
            new Expiring("refresh_tokens", "token_hash"),
            new Expiring("revoked_access_tokens", "jti"));

    private final Handles handles;

    JdbcTokenStore(Handles handles) {
        this.handles = handles;
    }

    @Override
    public void saveCode(AuthorizationCode code) {
        Duplicates.translate(
                () -> handles.withHandle(h -> h.createUpdate(INSERT_CODE)
                        .bind("codeHash", code.codeHash())
                        .bind("realmId", code.realmId())
                        .bind("clientId", code.clientId())
                        .bind("sessionId", code.sessionId())
                        .bind("userId", code.userId())
                        .bind("redirectUri", code.redirectUri())
                        .bind("scope", code.scope())
                        .bind("nonce", code.nonce().orElse(null))
                        .bind("codeChallenge", code.codeChallenge().orElse(null))
                        .bind("codeChallengeMethod", code.codeChallengeMethod().orElse(null))
                        .bind("authTime", Columns.millis(code.authTime()))
                        .bind("issuedAt", Columns.millis(code.issuedAt()))
                        .bind("expiresAt", Columns.millis(code.expiresAt()))
                        .execute()),
                "an authorization code with that hash already exists");
    }

    /**
     * A code may be used once (RFC 6749 section 4.1.2). Of concurrent callers that all read the row unredeemed, only
     * the one whose conditional UPDATE marks it gets it: the database serializes the updates of one row.
     */
    @Override
    public CodeRedemption redeemCode(String codeHash, Instant at) {
        return handles.withHandle(h -> {
            Optional<AuthorizationCode> code = h.createQuery(
                            "SELECT * FROM authorization_codes WHERE code_hash = :codeHash")
                    .bind("codeHash", codeHash)
                    .map(CODE)
                    .findOne();
            if (code.isEmpty()) {
                return CodeRedemption.UNKNOWN;
            }
            int marked = h.createUpdate("""
                            UPDATE authorization_codes SET redeemed_at = :at
                            WHERE code_hash = :codeHash AND redeemed_at IS NULL
                            """)
                    .bind("codeHash", codeHash)
                    .bind("at", Columns.millis(at))
                    .execute();
            return marked == 1 ? new CodeRedemption.Redeemed(code.get()) : new CodeRedemption.Replayed(code.get());
        });
    }

    @Override
    public void saveRefreshToken(RefreshToken token) {
        Duplicates.translate(
                () -> handles.withHandle(h -> h.createUpdate(INSERT_REFRESH_TOKEN)
                        .bind("tokenHash", token.tokenHash())
                        .bind("realmId", token.realmId())
                        .bind("sessionId", token.sessionId())
                        .bind("clientId", token.clientId())
                        .bind("userId", token.userId())
                        .bind("scope", token.scope())
                        .bind("issuedAt", Columns.millis(token.issuedAt()))
                        .bind("expiresAt", Columns.millis(token.expiresAt()))
                        .bind("status", token.status().name())
                        .execute()),
                "a refresh token with that hash already exists");
    }

    @Override
    public Optional<RefreshToken> findRefreshToken(String tokenHash) {
        return handles.withHandle(h -> h.createQuery("SELECT * FROM refresh_tokens WHERE token_hash = :tokenHash")
                .bind("tokenHash", tokenHash)
                .map(REFRESH_TOKEN)
                .findOne());
    }

    /**
     * One conditional UPDATE: the database lets exactly one of concurrent callers change the row from
     * ACTIVE, so one refresh token yields one successor (RFC 9700 section 4.14.2).
     */
    @Override
    public boolean markRotated(String tokenHash) {
        return handles.withHandle(h -> h.createUpdate(
                                "UPDATE refresh_tokens SET status = 'ROTATED' WHERE token_hash = :tokenHash AND status = 'ACTIVE'")
                        .bind("tokenHash", tokenHash)
                        .execute())
                == 1;
    }

    /** @return true if this call revoked the token; false if it is unknown or was already revoked */
    @Override
    public boolean revokeRefreshToken(String tokenHash) {
        return handles.withHandle(h -> h.createUpdate(
                                "UPDATE refresh_tokens SET status = 'REVOKED' WHERE token_hash = :tokenHash AND status <> 'REVOKED'")
                        .bind("tokenHash", tokenHash)
                        .execute())
                == 1;
    }

    /** Idempotent: revoking a token twice (RFC 7009 allows it) keeps the first row. */
    @Override
    public void revokeAccessToken(String jti, String realmId, Instant expiresAt) {
        handles.withHandle(h -> Duplicates.insertIfAbsent(
                h,
                i -> i.createUpdate(
                                "INSERT INTO revoked_access_tokens (jti, realm_id, expires_at) VALUES (:jti, :realmId, :expiresAt)")
                        .bind("jti", jti)
                        .bind("realmId", realmId)
                        .bind("expiresAt", Columns.millis(expiresAt))
                        .execute()));
    }

    @Override
    public boolean isAccessTokenRevoked(String jti) {
        return handles.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM revoked_access_tokens WHERE jti = :jti")
                        .bind("jti", jti)
                        .mapTo(Long.class)
                        .one())
                > 0;
    }

    /**
     * Deletes rows whose expiry has passed ({@code expires_at <= now}: a token is valid only strictly
     * before its expiry), at most {@code limit} in all, as one {@link Batch}.
     *
     * @throws IllegalArgumentException unless {@code limit} is between 1 and {@link Batch#MAX_LIMIT}
     */
    @Override
    public int deleteExpired(Instant now, int limit) {
        Batch.checkLimit(limit);
        return handles.withHandle(h -> {
            int deleted = 0;
            for (Expiring table : EXPIRING) {
                if (deleted < limit) {
                    deleted += table.deleteExpired(h, Columns.millis(now), limit - deleted);
                }
            }
            return deleted;
        });
    }

    private record Expiring(String table, String key) {
        int deleteExpired(Handle h, long now, int limit) {
            List<String> keys = h.createQuery(
                            "SELECT " + key + " FROM " + table + " WHERE expires_at <= :now LIMIT :limit")
                    .bind("now", now)
                    .bind("limit", limit)
                    .mapTo(String.class)
                    .list();
            if (keys.isEmpty()) {
                return 0;
            }
            return h.createUpdate("DELETE FROM " + table + " WHERE " + key + " IN (<keys>) AND expires_at <= :now")
                    .bindList("keys", keys)
                    .bind("now", now)
                    .execute();
        }
    }
}
