package dev.curfew.server.signout;

import static dev.curfew.server.testing.SignOutApi.realmScope;
import static dev.curfew.server.testing.SignOutApi.userScope;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.curfew.server.testing.SignOutApi;
import dev.curfew.server.testing.SignedIn;
import dev.curfew.server.testing.TestCurfew;
import dev.curfew.server.testing.TestRealm;
import dev.curfew.server.testing.TestRealm.ConfidentialClient;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Bounded load on localhost: 4 threads × 25 operations (logins and refreshes) while the sign-out runs.
 * Every operation moves the test clock by a millisecond, so the cut-off falls between operations, and each
 * refresh must answer 200 or invalid_grant, never a server error (regression: a refresh whose session the
 * clean-up removed between the grant's check and its writes answered 500). Each
 * login is classified by the clock readings around it: wholly before the cut-off (must be dead afterwards),
 * wholly after it (must work), or straddling it (either, but all of its credentials alike).
 */
@DisplayName(
        "A sign-out during concurrent logins and refreshes spares nothing before the cut-off and harms nothing after it")
class ConcurrentSignOutTest {
    static final int THREADS = 4;
    static final int OPERATIONS = 25;

    static TestCurfew curfew;
    static SignOutApi api;

    @BeforeAll
    static void start() {
        curfew = TestCurfew.start();
        api = new SignOutApi(curfew);
    }

    @AfterAll
    static void stop() {
        curfew.close();
    }

    /** A login with the clock readings around it. */
    record Login(SignedIn session, String username, Instant notBefore, Instant notAfter) {}

    @Test
    @DisplayName("realm scope")
    void realmSignOutUnderLoad() throws Exception {
        run(realm -> realmScope(), List.of("alice", "bob"), List.of());
    }

    @Test
    @DisplayName("user scope: the user's sessions from before die, the user's new ones and other users' all work")
    void userSignOutUnderLoad() throws Exception {
        run(realm -> userScope(userId(realm, "alice")), List.of("alice"), List.of("bob"));
    }

    /**
     * @param targets users in the scope
     * @param bystanders users outside it, whose sessions must all survive
     */
    void run(Function<TestRealm, Map<String, Object>> scope, List<String> targets, List<String> bystanders)
            throws Exception {
        TestRealm realm = TestRealm.create(curfew);
        ConfidentialClient web = realm.confidentialClient("web");
        List<String> users = new ArrayList<>(targets);
        users.addAll(bystanders);
        users.forEach(realm::user);

        // Phase 1, before: sessions every worker will keep refreshing while the sign-out runs.
        List<List<Login>> owned = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            List<Login> mine = new ArrayList<>();
            for (String u : users) {
                mine.add(login(realm, web, u));
            }
            owned.add(mine);
        }
        curfew.clock().advance(Duration.ofSeconds(1));

        // Phase 2, during: logins and refreshes on every worker while the sign-out is made.
        List<Login> during = Collections.synchronizedList(new ArrayList<>());
        List<String> failures = Collections.synchronizedList(new ArrayList<>());
        List<Instant> refusedLogins = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch warmedUp = new CountDownLatch(THREADS * 5);
        Instant cutOff;
        try (ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                List<Login> mine = owned.get(t);
                done.add(workers.submit(() -> {
                    for (int i = 0; i < OPERATIONS; i++) {
                        curfew.clock().advance(Duration.ofMillis(1));
                        if (i % 2 == 0) {
                            Instant started = curfew.clock().instant();
                            try {
                                during.add(login(realm, web, users.get(i / 2 % users.size())));
                            } catch (IllegalStateException e) {
                                // The session was made before the cut-off and the code exchanged after it:
                                // invalid_grant is right; anything else (a 500) is not.
                                if (e.getMessage().contains("expected 200: 400")
                                        && e.getMessage().contains("invalid_grant")) {
                                    refusedLogins.add(started);
                                } else {
                                    failures.add("login during the sign-out: " + e.getMessage());
                                }
                            }
                        } else {
                            Login old = mine.get(i / 2 % mine.size());
                            int status = old.session().refresh().statusCode();
                            if (status != 200 && status != 400) {
                                failures.add("refresh answered " + status);
                            }
                        }
                        warmedUp.countDown();
                    }
                    return null;
                }));
            }
            assertThat(warmedUp.await(60, TimeUnit.SECONDS)).isTrue();
            JsonNode signOut = api.signOut(realm.name(), scope.apply(realm), "sign-out under load");
            cutOff = Instant.parse(signOut.get("cutOff").asText());
            for (Future<?> f : done) {
                f.get(120, TimeUnit.SECONDS);
            }
        }
        assertThat(failures).isEmpty();
        for (Instant started : refusedLogins) {
            assertThat(started)
                    .as("a login refused during the sign-out began before the cut-off")
                    .isBeforeOrEqualTo(cutOff);
        }
        curfew.clock().advance(Duration.ofSeconds(1));

        // Phase 3, after: more logins and refreshes, all of which must work.
        List<Login> after = Collections.synchronizedList(new ArrayList<>());
        try (ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                done.add(workers.submit(() -> {
                    List<Login> mine = new ArrayList<>();
                    for (int i = 0; i < OPERATIONS; i++) {
                        curfew.clock().advance(Duration.ofMillis(1));
                        if (i % 2 == 0 || mine.isEmpty()) {
                            mine.add(login(realm, web, users.get(i % users.size())));
                        } else {
                            int status = mine.get(i % mine.size())
                                    .session()
                                    .refresh()
                                    .statusCode();
                            if (status != 200) {
                                failures.add("refresh after the sign-out answered " + status);
                            }
                        }
                    }
                    after.addAll(mine);
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get(120, TimeUnit.SECONDS);
            }
        }
        assertThat(failures)
                .as("refreshes of sessions created after the cut-off")
                .isEmpty();
        curfew.clock().advance(Duration.ofSeconds(1));

        int dead = 0;
        int alive = 0;
        List<Login> everyone = new ArrayList<>();
        owned.forEach(everyone::addAll);
        everyone.addAll(during);
        everyone.addAll(after);
        for (Login l : everyone) {
            boolean inScope = targets.contains(l.username());
            boolean refreshed = l.session().refresh().statusCode() == 200;
            if (inScope && !l.notAfter().isAfter(cutOff)) {
                assertThat(refreshed)
                        .as("%s's session from before the cut-off", l.username())
                        .isFalse();
                l.session().assertSignedOut("session from before the cut-off");
                dead++;
            } else if (!inScope || l.notBefore().isAfter(cutOff)) {
                assertThat(refreshed)
                        .as("%s's session created %s the cut-off", l.username(), inScope ? "after" : "around")
                        .isTrue();
                alive++;
            } else {
                // Straddles the cut-off: either way, but consistently.
                if (refreshed) {
                    l.session().assertWorks("straddling session, alive");
                } else {
                    l.session().assertSignedOut("straddling session, dead");
                }
            }
        }
        assertThat(dead).as("sessions proven dead").isGreaterThanOrEqualTo(THREADS * targets.size());
        assertThat(alive).as("sessions proven alive").isGreaterThanOrEqualTo(THREADS * OPERATIONS / 2);
    }

    static Login login(TestRealm realm, ConfidentialClient web, String username) {
        Instant before = curfew.clock().instant();
        SignedIn session = SignedIn.login(realm, web, username);
        Instant after = curfew.clock().instant();
        return new Login(session, username, before, after);
    }

    static String userId(TestRealm realm, String username) {
        return curfew.services()
                .store()
                .users()
                .findByUsername(realm.realm().id(), username)
                .orElseThrow()
                .id();
    }
}
