package dev.curfew.core.store;

import dev.curfew.core.otp.OtpCredential;
import java.util.List;
import java.util.Optional;

/** Users' TOTP authenticators and recovery codes, shared by every node. */
public interface OtpStore {

    Optional<OtpCredential> find(String userId);

    /** Stores the user's authenticator with its recovery code hashes, replacing any earlier one and its codes. */
    void save(OtpCredential credential, List<String> recoveryCodeHashes);

    /**
     * Records that the code of {@code step} was accepted, unless a code of this or a later step was accepted
     * before (by any node): one conditional update, so two concurrent uses of one code cannot both succeed.
     *
     * @return false when the step was not later than the last accepted one, or the user has no authenticator
     */
    boolean accept(String userId, long step);

    /** Uses up a recovery code. @return false when the user has no unused code of that hash */
    boolean useRecoveryCode(String userId, String codeHash);

    /** How many recovery codes the user has left. */
    int recoveryCodesLeft(String userId);

    /** Removes the user's authenticator and recovery codes. @return false when there was none */
    boolean delete(String userId);
}
