package dev.curfew.store.jdbc;

import dev.curfew.core.key.SigningKey;
import dev.curfew.core.store.KeyStore;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.mapper.RowMapper;

final class JdbcKeyStore implements KeyStore {
    private static final RowMapper<SigningKey> KEY = (rs, ctx) -> new SigningKey(
            rs.getString("kid"),
            rs.getString("realm_id"),
            rs.getString("algorithm"),
            rs.getString("private_jwk"),
            SigningKey.Status.valueOf(rs.getString("status")),
            Columns.instant(rs, "created_at"),
            Columns.optionalInstant(rs, "verify_until"));

    private final Handles handles;

    JdbcKeyStore(Handles handles) {
        this.handles = handles;
    }

    @Override
    public void create(SigningKey key) {
        Duplicates.translate(
                () -> handles.withHandle(h -> h.createUpdate("""
                                INSERT INTO signing_keys
                                    (kid, realm_id, algorithm, private_jwk, status, created_at, verify_until)
                                VALUES (:kid, :realmId, :algorithm, :privateJwk, :status, :createdAt, :verifyUntil)
                                """)
                        .bind("kid", key.kid())
                        .bind("realmId", key.realmId())
                        .bind("algorithm", key.algorithm())
                        .bind("privateJwk", key.privateJwk())
                        .bind("status", key.status().name())
                        .bind("createdAt", Columns.millis(key.createdAt()))
                        .bind("verifyUntil", Columns.millis(key.verifyUntil()))
                        .execute()),
                "a signing key with kid '" + key.kid() + "' already exists");
    }

    /** Newest first: the first ACTIVE key is the one that signs. */
    @Override
    public List<SigningKey> list(String realmId) {
        return handles.withHandle(
                h -> h.createQuery("""
                        SELECT kid, realm_id, algorithm, private_jwk, status, created_at, verify_until FROM signing_keys
                        WHERE realm_id = :realmId ORDER BY created_at DESC, kid
                        """).bind("realmId", realmId).map(KEY).list());
    }

    @Override
    public boolean updateStatus(String kid, SigningKey.Status status) {
        return handles.withHandle(h -> h.createUpdate("UPDATE signing_keys SET status = :status WHERE kid = :kid")
                        .bind("kid", kid)
                        .bind("status", status.name())
                        .execute())
                > 0;
    }

    @Override
    public boolean updateStatus(String kid, SigningKey.Status status, Optional<Instant> verifyUntil) {
        return handles.withHandle(h -> h.createUpdate(
                                "UPDATE signing_keys SET status = :status, verify_until = :verifyUntil WHERE kid = :kid")
                        .bind("kid", kid)
                        .bind("status", status.name())
                        .bind("verifyUntil", Columns.millis(verifyUntil))
                        .execute())
                > 0;
    }

    @Override
    public int retireExpired(Instant now) {
        return handles.withHandle(
                h -> h.createUpdate("""
                        UPDATE signing_keys SET status = 'RETIRED'
                        WHERE status = 'PASSIVE' AND verify_until IS NOT NULL AND verify_until <= :now
                        """).bind("now", Columns.millis(now)).execute());
    }
}
