package dev.curfew.store.jdbc;

import dev.curfew.core.otp.OtpCredential;
import dev.curfew.core.store.OtpStore;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.jdbi.v3.core.mapper.RowMapper;

/** {@link OtpStore} on JDBC. */
final class JdbcOtpStore implements OtpStore {

    private static final RowMapper<OtpCredential> CREDENTIAL = (rs, ctx) -> {
        long last = rs.getLong("last_step");
        // wasNull speaks of the column read last, so it is asked before any other is read.
        OptionalLong lastStep = rs.wasNull() ? OptionalLong.empty() : OptionalLong.of(last);
        return new OtpCredential(
                rs.getString("user_id"),
                rs.getString("realm_id"),
                rs.getString("secret"),
                Columns.instant(rs, "created_at"),
                lastStep);
    };

    private final Handles handles;

    JdbcOtpStore(Handles handles) {
        this.handles = handles;
    }

    @Override
    public Optional<OtpCredential> find(String userId) {
        return handles.withHandle(h -> h.createQuery(
                        "SELECT user_id, realm_id, secret, created_at, last_step FROM otp_credentials WHERE user_id = :id")
                .bind("id", userId)
                .map(CREDENTIAL)
                .findOne());
    }

    @Override
    public void save(OtpCredential credential, List<String> recoveryCodeHashes) {
        handles.inTransaction(h -> {
            h.createUpdate("DELETE FROM otp_credentials WHERE user_id = :id")
                    .bind("id", credential.userId())
                    .execute();
            h.createUpdate("""
                            INSERT INTO otp_credentials (user_id, realm_id, secret, created_at, last_step)
                            VALUES (:userId, :realmId, :secret, :createdAt, :lastStep)
                            """)
                    .bind("userId", credential.userId())
                    .bind("realmId", credential.realmId())
                    .bind("secret", credential.secret())
                    .bind("createdAt", Columns.millis(credential.createdAt()))
                    .bind(
                            "lastStep",
                            credential.lastStep().isPresent()
                                    ? credential.lastStep().getAsLong()
                                    : null)
                    .execute();
            for (String hash : recoveryCodeHashes) {
                h.createUpdate("INSERT INTO otp_recovery_codes (user_id, code_hash) VALUES (:id, :hash)")
                        .bind("id", credential.userId())
                        .bind("hash", hash)
                        .execute();
            }
            return null;
        });
    }

    @Override
    public boolean accept(String userId, long step) {
        return handles.withHandle(h -> h.createUpdate("""
                                UPDATE otp_credentials SET last_step = :step
                                WHERE user_id = :id AND (last_step IS NULL OR last_step < :step)
                                """)
                        .bind("id", userId)
                        .bind("step", step)
                        .execute())
                > 0;
    }

    @Override
    public boolean useRecoveryCode(String userId, String codeHash) {
        return handles.withHandle(
                        h -> h.createUpdate("DELETE FROM otp_recovery_codes WHERE user_id = :id AND code_hash = :hash")
                                .bind("id", userId)
                                .bind("hash", codeHash)
                                .execute())
                > 0;
    }

    @Override
    public int recoveryCodesLeft(String userId) {
        return handles.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM otp_recovery_codes WHERE user_id = :id")
                .bind("id", userId)
                .mapTo(Integer.class)
                .one());
    }

    @Override
    public boolean delete(String userId) {
        return handles.withHandle(h -> h.createUpdate("DELETE FROM otp_credentials WHERE user_id = :id")
                        .bind("id", userId)
                        .execute())
                > 0;
    }
}
