package dev.curfew.server.user;

import dev.curfew.core.password.PasswordHasher;
import dev.curfew.core.password.PasswordPolicy;
import dev.curfew.core.realm.Realm;
import dev.curfew.core.store.Store;
import dev.curfew.core.user.User;
import dev.curfew.core.user.Username;
import dev.curfew.core.util.Secrets;
import dev.curfew.server.ssf.Initiator;
import dev.curfew.server.ssf.Transmitter;
import java.time.Clock;
import java.util.Optional;

/** Users and their passwords. */
public final class UserService {
    private final Store store;
    private final PasswordHasher hasher;
    private final Transmitter ssf;
    private final Clock clock;
    /** Verified against when the user does not exist, so an unknown user costs the same time as a wrong password. */
    private final String decoyHash;

    public UserService(Store store, PasswordHasher hasher, Transmitter ssf, Clock clock) {
        this.store = store;
        this.hasher = hasher;
        this.ssf = ssf;
        this.clock = clock;
        this.decoyHash = hasher.hash(Secrets.newSecret().toCharArray());
    }

    /**
     * Creates a user, with a password when given.
     *
     * @throws IllegalArgumentException when the username or password is not acceptable
     * @throws dev.curfew.core.store.DuplicateException when the username is taken
     */
    public User create(
            Realm realm,
            String username,
            Optional<String> email,
            Optional<String> firstName,
            Optional<String> lastName,
            boolean enabled,
            Optional<String> password) {
        String normalized = Username.normalize(username);
        password.flatMap(PasswordPolicy::check).ifPresent(p -> {
            throw new IllegalArgumentException(p);
        });
        User user = new User(
                Secrets.newId(),
                realm.id(),
                Username.validate(normalized),
                email,
                firstName,
                lastName,
                enabled,
                Optional.empty(),
                clock.instant());
        Optional<String> hash = password.map(p -> hasher.hash(p.toCharArray()));
        return store.inTransaction(tx -> {
            tx.users().create(user);
            hash.ifPresent(h -> tx.users().setPasswordHash(user.id(), h));
            return user;
        });
    }

    /** Sets the password by an administrator. @throws IllegalArgumentException when it is not acceptable */
    public void setPassword(User user, String password) {
        setPassword(user, password, Initiator.ADMIN);
    }

    /**
     * Sets or changes the user's password and, in the same transaction, queues a CAEP credential-change event
     * for the realm's Shared Signals streams ({@code create} when the user had no password).
     *
     * @throws IllegalArgumentException when the password is not acceptable
     */
    public void setPassword(User user, String password, Initiator initiator) {
        PasswordPolicy.check(password).ifPresent(p -> {
            throw new IllegalArgumentException(p);
        });
        String hash = hasher.hash(password.toCharArray());
        Transmitter.Queued queued = store.inTransaction(tx -> {
            boolean first = tx.users().passwordHash(user.id()).isEmpty();
            tx.users().setPasswordHash(user.id(), hash);
            return tx.realms()
                    .findById(user.realmId())
                    .map(realm -> ssf.passwordChanged(tx, realm, user.id(), first, initiator))
                    .orElse(Transmitter.Queued.NONE);
        });
        ssf.afterCommit(queued);
    }

    /**
     * The enabled user whose username and password match, or empty. Takes the same time whether the
     * user exists or not, and re-hashes the password when the hashing parameters have changed.
     */
    public Optional<User> authenticate(Realm realm, String username, String password) {
        if (username == null || password == null || password.length() > PasswordPolicy.MAX_LENGTH) {
            return Optional.empty();
        }
        Optional<User> user = store.users().findByUsername(realm.id(), Username.normalize(username));
        Optional<String> hash = user.flatMap(u -> store.users().passwordHash(u.id()));
        boolean matches = hasher.verify(password.toCharArray(), hash.orElse(decoyHash));
        if (!matches || hash.isEmpty() || !user.get().enabled()) {
            return Optional.empty();
        }
        if (hasher.needsRehash(hash.get())) {
            store.users().setPasswordHash(user.get().id(), hasher.hash(password.toCharArray()));
        }
        return user;
    }
}
