package dev.curfew.core.password;

import dev.curfew.core.util.Secrets;

/**
 * Hashes and verifies passwords. Encoded hashes carry their own parameters (PHC string format), so
 * parameters can change without invalidating stored hashes: {@link #needsRehash} tells the login
 * path to re-hash transparently.
 */
public interface PasswordHasher {

    /** A new encoded hash of the password, with a fresh random salt. */
    String hash(char[] password);

    /** True iff the password matches the encoded hash; compares in constant time. */
    boolean verify(char[] password, String encodedHash);

    /**
     * An encoded hash that no password matches, costing {@link #verify} as much as a real one: what an unknown user's
     * password is checked against, so that the user's absence does not show in the answer's time. By default the hash
     * of a random password; a hasher that can write one without hashing (random bytes in place of the hash) should.
     */
    default String decoy() {
        return hash(Secrets.newSecret().toCharArray());
    }

    /** True when the encoded hash was made with other parameters than the current ones. */
    boolean needsRehash(String encodedHash);
}
