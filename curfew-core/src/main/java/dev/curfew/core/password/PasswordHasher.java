package dev.curfew.core.password;

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

    /** True when the encoded hash was made with other parameters than the current ones. */
    boolean needsRehash(String encodedHash);
}
