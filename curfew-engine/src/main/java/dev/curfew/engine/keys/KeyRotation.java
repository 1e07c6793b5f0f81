package dev.curfew.engine.keys;

import dev.curfew.core.key.SigningKey;
import dev.curfew.core.realm.Realm;
import dev.curfew.core.store.Store;
import dev.curfew.engine.audit.AuditLog;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * An administrator's rotation of a realm's signing key, after an incident or as routine: a new key of the
 * realm's algorithm signs from now on; the old keys either verify until the last token they signed has
 * expired ({@link TokenLifetimes}), or are retired at once so every token they signed is refused everywhere.
 * The rotation and its audit entry are one transaction.
 */
public final class KeyRotation {
    /** The audit action of a rotation. */
    public static final String AUDIT_ACTION = "key-rotation";

    private final Store store;
    private final RealmKeys keys;
    private final AuditLog audit;
    private final Clock clock;

    public KeyRotation(Store store, RealmKeys keys, AuditLog audit, Clock clock) {
        this.store = store;
        this.keys = keys;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * What a rotation did.
     *
     * @param oldKeys the keys that verified before the rotation, with their state after it
     * @param oldKeysVerifyUntil when the old keys stop verifying; empty when they were retired at once
     */
    public record Rotated(SigningKey key, List<SigningKey> oldKeys, Optional<Instant> oldKeysVerifyUntil) {}

    /** What the audit log records of a rotation. */
    record AuditDetail(
            String kid,
            String algorithm,
            boolean retireOld,
            List<String> oldKids,
            Optional<Instant> oldKeysVerifyUntil) {}

    public Rotated rotate(Realm realm, boolean retireOld, String reason, AuditLog.Actor actor) {
        return store.inTransaction(tx -> {
            Instant now = clock.instant();
            List<String> before = tx.keys().list(realm.id()).stream()
                    .filter(k -> k.verifiesAt(now))
                    .map(SigningKey::kid)
                    .toList();
            Optional<Instant> until =
                    retireOld ? Optional.empty() : Optional.of(now.plus(TokenLifetimes.longest(tx, realm)));
            RealmKeys.OldKeys oldKeys = until.<RealmKeys.OldKeys>map(RealmKeys.OldKeys.VerifyUntil::new)
                    .orElseGet(RealmKeys.OldKeys.Retire::new);
            SigningKey key = keys.rotate(tx, realm.id(), realm.settings().signingAlgorithm(), oldKeys);
            List<SigningKey> after = tx.keys().list(realm.id()).stream()
                    .filter(k -> before.contains(k.kid()))
                    .toList();
            audit.record(
                    tx,
                    realm.id(),
                    actor,
                    AUDIT_ACTION,
                    reason,
                    new AuditDetail(key.kid(), key.algorithm(), retireOld, before, until),
                    before.size());
            return new Rotated(key, after, until);
        });
    }
}
