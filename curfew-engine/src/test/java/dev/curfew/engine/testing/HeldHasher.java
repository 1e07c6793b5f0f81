package dev.curfew.engine.testing;

import dev.curfew.core.password.PasswordHasher;
import dev.curfew.engine.password.Argon2idPasswordHasher;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The test kit's light Argon2id, whose verifications a test can hold back (to fill the hashing pool at will) and
 * which notes the thread and the password of each verification, in the order they started.
 */
public final class HeldHasher implements PasswordHasher {
    /** What one verification saw: the password tried, the hash it was checked against, and where it ran. */
    public record Verification(String password, String encodedHash, String threadName, boolean virtualThread) {}

    // Argon2id at light parameters: the production algorithm and code, fast enough for tests.
    private final PasswordHasher hasher = new Argon2idPasswordHasher(new Argon2idPasswordHasher.Parameters(64, 1, 1));
    private final List<Verification> started = new CopyOnWriteArrayList<>();
    private volatile CountDownLatch gate = new CountDownLatch(0);

    /** From now on, verifications wait until {@link #release}. */
    public void hold() {
        gate = new CountDownLatch(1);
    }

    public void release() {
        gate.countDown();
    }

    /** The verifications started so far, in order. */
    public List<Verification> started() {
        return List.copyOf(started);
    }

    @Override
    public String hash(char[] password) {
        return hasher.hash(password);
    }

    @Override
    public boolean verify(char[] password, String encodedHash) {
        Thread thread = Thread.currentThread();
        started.add(new Verification(new String(password), encodedHash, thread.getName(), thread.isVirtual()));
        try {
            if (!gate.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("a held verification was never released");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return hasher.verify(password, encodedHash);
    }

    @Override
    public boolean needsRehash(String encodedHash) {
        return hasher.needsRehash(encodedHash);
    }
}
