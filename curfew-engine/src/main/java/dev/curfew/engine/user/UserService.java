package dev.curfew.engine.user;

import dev.curfew.core.bruteforce.LoginFailure;
import dev.curfew.core.password.PasswordPolicy;
import dev.curfew.core.password.PasswordRules;
import dev.curfew.core.realm.Realm;
import dev.curfew.core.session.SessionFilter;
import dev.curfew.core.store.Store;
import dev.curfew.core.user.RequiredAction;
import dev.curfew.core.user.User;
import dev.curfew.core.user.Username;
import dev.curfew.core.util.Secrets;
import dev.curfew.engine.bruteforce.BruteForceProtection;
import dev.curfew.engine.bruteforce.SignInAttempt;
import dev.curfew.engine.password.PasswordHashingPool;
import dev.curfew.engine.session.SessionEnding;
import dev.curfew.engine.ssf.Initiator;
import dev.curfew.engine.ssf.Transmitter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;

/** Users and their passwords. */
public final class UserService {

    /** Sessions ended per query while a user is deleted (one transaction for all of them). */
    private static final int SESSION_BATCH = 500;

    private final Store store;
    /** Every hash and verification goes through the bounded pool. */
    private final PasswordHashingPool hasher;

    private final Transmitter ssf;
    private final BruteForceProtection bruteForce;
    private final SessionEnding ending;
    private final Clock clock;
    /**
     * Verified against when the user does not exist (or is locked), so an unknown user costs the same time as a wrong
     * password. No password matches it; with Argon2id it is random bytes, so making it hashes nothing.
     */
    private final String decoyHash;

    public UserService(
            Store store,
            PasswordHashingPool hasher,
            Transmitter ssf,
            BruteForceProtection bruteForce,
            SessionEnding ending,
            Clock clock) {
        this.store = store;
        this.hasher = hasher;
        this.ssf = ssf;
        this.bruteForce = bruteForce;
        this.ending = ending;
        this.clock = clock;
        this.decoyHash = hasher.decoy();
    }

    /**
     * Creates a user, with a password when given.
     *
     * @throws PasswordRefused when the realm's password policy refuses the password
     * @throws IllegalArgumentException when the username is not acceptable
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
        return create(realm, username, email, firstName, lastName, enabled, password, Optional.empty());
    }

    /**
     * {@link #create}, with the password's hash when it was made ahead (a first start hashes its passwords while the
     * database opens): {@code hashOfPassword} must be this hasher's hash of {@code password}. The policy still judges
     * the password.
     */
    public User create(
            Realm realm,
            String username,
            Optional<String> email,
            Optional<String> firstName,
            Optional<String> lastName,
            boolean enabled,
            Optional<String> password,
            Optional<String> hashOfPassword) {
        String normalized = Username.normalize(username);
        password.flatMap(p -> realm.settings().passwordRules().check(p, normalized, email))
                .ifPresent(p -> {
                    throw new PasswordRefused(p);
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
        Optional<String> hash = password.map(p -> hashOfPassword.orElseGet(() -> hasher.hash(p.toCharArray())));
        return store.inTransaction(tx -> {
            tx.users().create(user);
            hash.ifPresent(h -> tx.users().setPasswordHash(user.id(), h));
            return user;
        });
    }

    /**
     * Deletes the user with their password, grants and sessions, in one transaction. Their sessions end first, the
     * way every session ends ({@link SessionEnding}): revoked, each stream told (CAEP session-revoked), each relying
     * party with a back-channel logout URI sent a logout token; the rows would otherwise go with the user's, told
     * to no one. @return false when the user no longer existed
     */
    public boolean delete(Realm realm, User user) {
        SessionFilter theirs = SessionFilter.ofUser(user.id());
        return store.inTransaction(tx -> {
            List<String> ids;
            do {
                ids = tx.sessions().matchingIds(realm.id(), theirs, Optional.empty(), SESSION_BATCH);
                ending.end(tx, realm, ids, new SessionEnding.Cause.UserDeleted());
            } while (ids.size() == SESSION_BATCH);
            return tx.users().delete(realm.id(), user.id());
        });
    }

    /** Sets the password by an administrator. @throws IllegalArgumentException when it is not acceptable */
    public void setPassword(User user, String password) {
        setPassword(user, password, Initiator.ADMIN);
    }

    /**
     * Sets or changes the user's password and, in the same transaction, queues a CAEP credential-change event
     * for the realm's Shared Signals streams ({@code create} when the user had no password). The realm's password
     * policy applies ({@link #newPasswordProblem}); with a password history, the password replaced is kept.
     *
     * @throws PasswordRefused when the realm's password policy refuses the password
     */
    public void setPassword(User user, String password, Initiator initiator) {
        Realm realm = store.realms()
                .findById(user.realmId())
                .orElseThrow(() -> new IllegalStateException("the user's realm no longer exists"));
        PasswordRules rules = realm.settings().passwordRules();
        newPasswordProblem(rules, user, password).ifPresent(p -> {
            throw new PasswordRefused(p);
        });
        String hash = hasher.hash(password.toCharArray());
        Instant now = clock.instant();
        store.inTransaction(tx -> {
            Optional<String> before = tx.users().passwordHash(user.id());
            tx.users().setPasswordHash(user.id(), hash);
            // The current password is the first of the history; the store keeps the ones before it.
            if (rules.history() > 1 && before.isPresent()) {
                tx.users().rememberPassword(user.id(), before.get(), now, rules.history() - 1);
            }
            ssf.passwordChanged(tx, realm, user.id(), before.isEmpty(), initiator);
            return null;
        });
    }

    /**
     * Why {@code password} cannot be the user's new password under the realm's rules, or empty when it can. With a
     * password history, the candidate is verified against the current password and the earlier ones kept, each an
     * Argon2id verification in the bounded pool (at most {@value PasswordRules#MAX_HISTORY}).
     */
    public Optional<String> newPasswordProblem(PasswordRules rules, User user, String password) {
        Optional<String> problem = rules.check(password, user.username(), user.email());
        if (problem.isPresent() || rules.history() == 0) {
            return problem;
        }
        List<String> recent = new ArrayList<>();
        store.users().passwordHash(user.id()).ifPresent(recent::add);
        recent.addAll(store.users().passwordHistory(user.id(), rules.history() - 1));
        for (String hash : recent) {
            if (hasher.verify(password.toCharArray(), hash)) {
                return Optional.of("password must not be one of the last " + rules.history() + " passwords");
            }
        }
        return Optional.empty();
    }

    /**
     * Checks a password attempt: the login form, the password grant and the account console's password change all
     * come here. Takes the same time whether the user exists or not, is locked or not (a locked account's attempt
     * is verified against a decoy hash), and re-hashes the password when the hashing parameters have changed. With
     * the realm's brute-force protection on, the attempt counts ({@link BruteForceProtection}).
     */
    public Authentication authenticate(Realm realm, String username, String password, SignInAttempt attempt) {
        if (username == null || password == null || password.length() > PasswordPolicy.MAX_LENGTH) {
            return Authentication.REFUSED;
        }
        hasher.refuseWhenFull();
        String name = Username.normalize(username);
        if (!realm.settings().bruteForce().enabled()) {
            return check(store.users().findByUsername(realm.id(), name), password, false)
                    .<Authentication>map(Authentication.Success::new)
                    .orElse(Authentication.REFUSED);
        }
        return bruteForce.admitted(realm, name, () -> protectedCheck(realm, name, password, attempt));
    }

    private Authentication protectedCheck(Realm realm, String name, String password, SignInAttempt attempt) {
        Optional<Duration> throttled = bruteForce.throttled(realm, attempt.sourceIp());
        if (throttled.isPresent()) {
            return new Authentication.Throttled(throttled.get());
        }
        Optional<User> user = store.users().findByUsername(realm.id(), name);
        Optional<LoginFailure> failures = user.flatMap(bruteForce::failures);
        boolean locked = failures.filter(f -> f.lockedAt(clock.instant())).isPresent();
        Optional<User> verified = check(user, password, locked);
        if (verified.isPresent()) {
            // With an authenticator the sign-in succeeds only at the second step, which forgets the failures then
            // (OtpService#verify): forgetting them here would let a known password reset the count of wrong codes.
            // Read only when there are failures to forget: most sign-ins have none.
            failures.filter(f -> store.otp().find(verified.get().id()).isEmpty())
                    .ifPresent(bruteForce::succeeded);
            return new Authentication.Success(verified.get());
        }
        bruteForce.failed(realm, user, attempt);
        return Authentication.REFUSED;
    }

    /** Replaces what the user must do at their next browser sign-in. */
    public void setRequiredActions(User user, Set<RequiredAction> actions) {
        store.users().setRequiredActions(user.id(), actions);
    }

    /**
     * Sets the password by an administrator; a temporary one must be changed at the next browser sign-in
     * ({@link RequiredAction#UPDATE_PASSWORD}), a permanent one takes that requirement away, as in Keycloak.
     *
     * @throws IllegalArgumentException when the password is not acceptable
     */
    public void setPassword(User user, String password, boolean temporary) {
        setPassword(user, password);
        Set<RequiredAction> actions = EnumSet.noneOf(RequiredAction.class);
        actions.addAll(store.users().requiredActions(user.id()));
        if (temporary) {
            actions.add(RequiredAction.UPDATE_PASSWORD);
        } else {
            actions.remove(RequiredAction.UPDATE_PASSWORD);
        }
        store.users().setRequiredActions(user.id(), actions);
    }

    /** What the user must do at their next browser sign-in (Keycloak's required actions). */
    public SortedSet<RequiredAction> requiredActions(User user) {
        return store.users().requiredActions(user.id());
    }

    /**
     * Whether {@code password} is the user's current one, without counting toward any lock: for a step that already
     * knows who the user is (choosing a new password that must differ from the old one).
     */
    public boolean isCurrentPassword(User user, String password) {
        return password.length() <= PasswordPolicy.MAX_LENGTH
                && store.users()
                        .passwordHash(user.id())
                        .map(hash -> hasher.verify(password.toCharArray(), hash))
                        .orElse(false);
    }

    /** The user when enabled and the password is theirs; a locked account is verified against the decoy. */
    private Optional<User> check(Optional<User> user, String password, boolean locked) {
        Optional<String> hash = user.flatMap(u -> store.users().passwordHash(u.id()));
        boolean matches = hasher.verify(password.toCharArray(), locked ? decoyHash : hash.orElse(decoyHash));
        if (!matches || locked || hash.isEmpty() || !user.get().enabled()) {
            return Optional.empty();
        }
        if (hasher.needsRehash(hash.get())) {
            store.users().setPasswordHash(user.get().id(), hasher.hash(password.toCharArray()));
        }
        return user;
    }
}
