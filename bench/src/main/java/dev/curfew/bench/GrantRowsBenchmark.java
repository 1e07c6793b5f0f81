package dev.curfew.bench;

import dev.curfew.core.client.Client;
import dev.curfew.core.realm.Realm;
import dev.curfew.core.realm.RealmSettings;
import dev.curfew.core.session.ClientSession;
import dev.curfew.core.session.UserSession;
import dev.curfew.core.store.Store;
import dev.curfew.core.token.RefreshToken;
import dev.curfew.core.user.User;
import dev.curfew.core.util.Secrets;
import dev.curfew.store.Database;
import dev.curfew.store.DatabaseConfig;
import dev.curfew.store.cache.CachingStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The database work of a password grant and of a refresh, on an H2 file opened the way {@code curfew start} opens it
 * (bench/README.md, "The database work of a grant"): the same store calls, in the same transactions, without HTTP,
 * hashing or signing. {@code passwordGrantTwoCommits} is the shape a password grant had before its session and tokens
 * were written together: the session in one transaction, the tokens' rows in a second, the one-time-password
 * credential read twice and the groups' lifetimes read from the database. {@code queryCache} is H2's count of parsed
 * statements each connection keeps: 8 is H2's own default, 64 Curfew's. {@code chains} is how many sessions, each with
 * its refresh token, the database holds; a refresh rotates one of them at random. After each iteration the bytes the
 * process wrote to files per grant are printed ({@code wchar} of {@code /proc/self/io}): what each commit writes to the
 * H2 file; and the file's size.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class GrantRowsBenchmark {
    @Param({"8", "64"})
    public int queryCache;

    @Param({"1"})
    public int chains;

    private Path directory;
    private Database database;
    private Store store;
    private Realm realm;
    private User user;
    private Client client;
    private final List<String> refreshHashes = new ArrayList<>();
    private final Random random = new Random(1);
    private final List<String> started = new ArrayList<>();
    private long grants;
    private long writtenBefore;

    @Setup(Level.Trial)
    public void open() throws IOException {
        directory = Files.createTempDirectory("grant-rows");
        database = Database.open(DatabaseConfig.of(
                "jdbc:h2:file:" + directory.resolve("curfew") + ";QUERY_CACHE_SIZE=" + queryCache, "", ""));
        store = database.store();
        Instant now = Instant.now();
        realm = new Realm(Secrets.newId(), "bench", "bench", true, RealmSettings.DEFAULTS, Optional.empty(), now);
        store.realms().create(realm);
        user = new User(
                Secrets.newId(),
                realm.id(),
                "alice",
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                true,
                Optional.empty(),
                now);
        store.users().create(user);
        store.users().setPasswordHash(user.id(), "$argon2id$v=19$m=7168,t=5,p=1$c2FsdA$aGFzaA");
        client = Client.create(Secrets.newId(), realm.id(), "app", true, Optional.empty(), now);
        store.clients().create(client);
        for (int i = 0; i < chains; i++) {
            UserSession session = session(now);
            String hash = Secrets.sha256(Secrets.newSecret());
            store.inTransaction(tx -> {
                tx.sessions().create(session);
                tx.tokens().saveRefreshToken(refreshToken(hash, session, now));
                tx.sessions().createClientSession(new ClientSession(session.id(), client.id(), now, now));
                return null;
            });
            refreshHashes.add(hash);
        }
    }

    @Setup(Level.Iteration)
    public void countWrites() throws IOException {
        grants = 0;
        writtenBefore = writtenBytes();
    }

    /** The sessions the iteration started go, so that every iteration runs on a database of the same size. */
    @TearDown(Level.Iteration)
    public void endSessions() throws IOException {
        if (grants > 0) {
            System.out.printf(
                    " [%.1f KiB written per grant, file %d MB]",
                    (writtenBytes() - writtenBefore) / 1024.0 / grants,
                    Files.size(directory.resolve("curfew.mv.db")) >> 20);
        }
        while (!started.isEmpty()) {
            List<String> batch = started.subList(0, Math.min(500, started.size()));
            store.sessions().deleteAll(List.copyOf(batch));
            batch.clear();
        }
    }

    @TearDown(Level.Trial)
    public void close() throws IOException {
        database.close();
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        }
    }

    /** Reads the user's sign-in state, then starts a session with its tokens' rows in one transaction. */
    @Benchmark
    public Object passwordGrant() {
        Instant now = Instant.now();
        Object read = signInReads(1);
        store.groups().lifetimesOf(user.id(), now);
        UserSession session = started(now);
        store.inTransaction(tx -> {
            tx.sessions().create(session);
            tx.sessionStats().countStart(realm.id(), now);
            tx.tokens().saveRefreshToken(refreshToken(Secrets.sha256(Secrets.newSecret()), session, now));
            tx.sessions().createClientSession(new ClientSession(session.id(), client.id(), now, now));
            return null;
        });
        grants++;
        return read;
    }

    /** The same rows as a password grant wrote them before: two transactions, two more reads. */
    @Benchmark
    public Object passwordGrantTwoCommits() {
        Instant now = Instant.now();
        Object read = signInReads(2);
        UserSession session = started(now);
        store.inTransaction(tx -> {
            tx.sessions().create(session);
            tx.sessionStats().countStart(realm.id(), now);
            return null;
        });
        database().groups().lifetimesOf(user.id(), now);
        store.inTransaction(tx -> {
            tx.tokens().saveRefreshToken(refreshToken(Secrets.sha256(Secrets.newSecret()), session, now));
            tx.sessions().recordClientSession(new ClientSession(session.id(), client.id(), now, now));
            tx.sessions().touch(session.id(), now);
            return null;
        });
        grants++;
        return read;
    }

    /** A rotating refresh: the token and its session read, the token retired and its successor stored at once. */
    @Benchmark
    public Object refresh() {
        return refresh(store);
    }

    /** The same, with the groups' lifetimes read from the database, as before they were known in memory. */
    @Benchmark
    public Object refreshLifetimesRead() {
        return refresh(database());
    }

    private Object refresh(Store groups) {
        Instant now = Instant.now();
        int chain = random.nextInt(chains);
        RefreshToken token =
                store.tokens().findRefreshToken(refreshHashes.get(chain)).orElseThrow();
        UserSession session = store.sessions().findById(token.sessionId()).orElseThrow();
        Object lifetimes = groups.groups().lifetimesOf(user.id(), now);
        String next = Secrets.sha256(Secrets.newSecret());
        store.inTransaction(tx -> {
            if (!tx.tokens().markRotated(token.tokenHash())) {
                throw new IllegalStateException("the chain's token was rotated elsewhere");
            }
            tx.tokens().saveRefreshToken(refreshToken(next, session, now));
            tx.sessions().recordClientSession(new ClientSession(session.id(), client.id(), now, now));
            tx.sessions().touch(session.id(), now);
            return null;
        });
        refreshHashes.set(chain, next);
        grants++;
        return lifetimes;
    }

    /** What this process has written with write calls since it started ({@code wchar}, Linux only). */
    private static long writtenBytes() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/io"))) {
            if (line.startsWith("wchar:")) {
                return Long.parseLong(line.substring("wchar:".length()).strip());
            }
        }
        throw new IOException("/proc/self/io has no wchar line");
    }

    /** The store without the memory of {@code CachingStore}. */
    private Store database() {
        return ((CachingStore) store).jdbc();
    }

    /** What a password grant reads of the user; {@code otpReads} times the one-time-password credential. */
    private Object signInReads(int otpReads) {
        User found = store.users().findByUsername(realm.id(), "alice").orElseThrow();
        Object[] read = new Object[4 + otpReads];
        read[0] = store.loginFailures().find(found.id());
        read[1] = store.users().passwordHash(found.id());
        read[2] = store.maintenance().find(realm.id());
        read[3] = store.users().requiredActions(found.id());
        for (int i = 0; i < otpReads; i++) {
            read[4 + i] = store.otp().find(found.id());
        }
        return read;
    }

    private UserSession started(Instant now) {
        UserSession session = session(now);
        started.add(session.id());
        return session;
    }

    private UserSession session(Instant now) {
        return new UserSession(
                Secrets.newId(),
                realm.id(),
                user.id(),
                Secrets.sha256(Secrets.newSecret()),
                now,
                now,
                "127.0.0.1",
                "bench",
                Set.of("pwd"),
                Optional.of("http://127.0.0.1/realms/bench"));
    }

    private RefreshToken refreshToken(String hash, UserSession session, Instant now) {
        return new RefreshToken(
                hash,
                realm.id(),
                session.id(),
                client.id(),
                user.id(),
                "openid",
                now,
                now.plusSeconds(1800),
                RefreshToken.Status.ACTIVE);
    }
}
