package dev.curfew.bench.vskeycloak;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;
import java.util.function.IntFunction;

/**
 * Sign-outs of many sessions through Keycloak's endpoints, which Curfew also answers: a realm's
 * ({@code POST /admin/realms/{realm}/logout-all}) and one user's ({@code POST .../users/{id}/logout}).
 *
 * <p>Each is measured on a realm of its own whose sessions are made by password grants (one session each). A
 * sample of their refresh tokens, spread evenly over the sessions, is kept; right after the sign-out answers,
 * every sampled token is tried with a refresh grant, again and again, until each has been refused. A refresh that
 * is still accepted after the answer is counted (and its new token tried next). Meanwhile the server's own count of
 * sessions ({@code client-session-stats}) is read every 100 ms until it reaches 0: Keycloak removes sessions in the
 * request, Curfew writes a cut-off, which refuses them at once, and deletes the rows in the background.
 */
final class SessionControl {
    private static final Duration COUNT_POLL = Duration.ofMillis(100);

    private final int concurrency;
    private final int sampleSize;
    private final Duration setUpLimit;
    private final Duration pollLimit;
    private final Function<Target, Optional<String>> setUpPolicy;

    /**
     * @param setUpPolicy the password policy, if any, of the realms made for a server's sign-outs: it decides how
     *     its users' passwords are hashed, so how long their sessions take to make, and nothing in the sign-out
     */
    SessionControl(
            int concurrency,
            int sampleSize,
            Duration setUpLimit,
            Duration pollLimit,
            Function<Target, Optional<String>> setUpPolicy) {
        this.concurrency = concurrency;
        this.sampleSize = sampleSize;
        this.setUpLimit = setUpLimit;
        this.pollLimit = pollLimit;
        this.setUpPolicy = setUpPolicy;
    }

    /** One sign-out's figures; times in ms from the moment its answer was read, empty when never reached. */
    record Result(
            int requested,
            long created,
            double loginsPerSecond,
            long countedBefore,
            int answerStatus,
            double answerMillis,
            int sampled,
            long refused,
            OptionalDouble lastRefusedMillis,
            long acceptedAfterAnswer,
            OptionalDouble countedZeroMillis,
            Map<String, Long> errors) {
        long errorCount() {
            return errors.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    /** A realm with {@code sessions} sessions of {@code users} users, signed out with {@code logout-all}. */
    Result realmSignOut(Target target, int sessions, int users) throws Exception {
        BenchRealm realm = BenchRealm.create(
                target.admin(), "signout-realm-" + sessions, Math.min(users, sessions), setUpPolicy.apply(target));
        return measure(
                target,
                realm,
                sessions,
                i -> realm.users().get(i % realm.users().size()),
                () -> target.admin().logoutAll(realm.name()));
    }

    /** A realm with one user holding {@code sessions} sessions, signed out with that user's {@code logout}. */
    Result userSignOut(Target target, int sessions) throws Exception {
        BenchRealm realm = BenchRealm.create(target.admin(), "signout-user-" + sessions, 1, setUpPolicy.apply(target));
        BenchRealm.User user = realm.users().getFirst();
        return measure(target, realm, sessions, i -> user, () -> target.admin().logoutUser(realm.name(), user.id()));
    }

    interface SignOut {
        Http.Answer call() throws IOException, InterruptedException;
    }

    private Result measure(
            Target target, BenchRealm realm, int sessions, IntFunction<BenchRealm.User> userOf, SignOut signOut)
            throws Exception {
        Grants grants = new Grants(target.http(), realm);
        Errors errors = new Errors();
        long start = System.nanoTime();
        Created created = createSessions(grants, sessions, userOf, errors);
        double setUpSeconds = (System.nanoTime() - start) / 1e9;
        long counted = target.admin().countedSessions(realm.name());
        Http.Answer answer = signOut.call();
        long answeredAt = System.nanoTime();
        if (!answer.ok()) {
            errors.add("sign-out HTTP " + answer.status());
        }
        // The server's count is read while the tokens are tried, so neither waits for the other.
        FutureTask<OptionalDouble> zero = new FutureTask<>(() -> awaitCountedZero(target, realm.name(), answeredAt));
        Thread.ofVirtual().start(zero);
        Polled polled = pollRefused(grants, created.sample(), answeredAt, errors);
        return new Result(
                sessions,
                created.count(),
                created.count() / setUpSeconds,
                counted,
                answer.status(),
                answer.millis(),
                created.sample().size(),
                polled.refused(),
                polled.lastRefusedMillis(),
                polled.accepted(),
                zero.get(),
                errors.counts());
    }

    /** How many sessions the set-up made, and the refresh tokens sampled from them. */
    private record Created(long count, List<String> sample) {}

    /** Password grants, {@code concurrency} at a time, until {@code sessions} or the set-up time limit. */
    private Created createSessions(Grants grants, int sessions, IntFunction<BenchRealm.User> userOf, Errors errors)
            throws InterruptedException {
        LongAdder created = new LongAdder();
        int every = Math.max(1, sessions / sampleSize);
        List<String> sample = Collections.synchronizedList(new ArrayList<>());
        AtomicLong next = new AtomicLong();
        long deadline = System.nanoTime() + setUpLimit.toNanos();
        Thread[] workers = new Thread[concurrency];
        for (int w = 0; w < concurrency; w++) {
            workers[w] = Thread.ofVirtual().start(() -> {
                long i;
                while (System.nanoTime() < deadline && (i = next.getAndIncrement()) < sessions) {
                    try {
                        Http.Answer answer = grants.password(userOf.apply((int) i));
                        if (answer.status() != 200) {
                            errors.add("set-up password grant HTTP " + answer.status());
                            continue;
                        }
                        created.increment();
                        if (i % every == 0 && sample.size() < sampleSize) {
                            sample.add(Grants.Tokens.of(answer).refreshToken());
                        }
                    } catch (IOException e) {
                        errors.add("set-up " + Runner.reason(e));
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
            });
        }
        for (Thread worker : workers) {
            worker.join();
        }
        return new Created(created.sum(), new ArrayList<>(sample));
    }

    record Polled(long refused, OptionalDouble lastRefusedMillis, long accepted) {}

    /**
     * Tries every sampled refresh token until each is refused ({@code 400 invalid_grant}, RFC 6749 §5.2) or the poll
     * limit passes. A token still accepted is replaced by the new one its answer carries and tried again.
     */
    private Polled pollRefused(Grants grants, List<String> sample, long answeredAt, Errors errors)
            throws InterruptedException, ExecutionException {
        ConcurrentLinkedQueue<String> pending = new ConcurrentLinkedQueue<>(sample);
        LongAdder refused = new LongAdder();
        LongAdder accepted = new LongAdder();
        AtomicLong lastRefused = new AtomicLong(-1);
        long deadline = answeredAt + pollLimit.toNanos();
        while (!pending.isEmpty() && System.nanoTime() < deadline) {
            ConcurrentLinkedQueue<String> pass = new ConcurrentLinkedQueue<>(pending);
            pending.clear();
            Thread[] workers = new Thread[concurrency];
            for (int w = 0; w < concurrency; w++) {
                workers[w] = Thread.ofVirtual().start(() -> {
                    String token;
                    while ((token = pass.poll()) != null) {
                        try {
                            Http.Answer answer = grants.refresh(token);
                            long at = System.nanoTime() - answeredAt;
                            if (answer.status() == 400 && answer.body().contains("invalid_grant")) {
                                refused.increment();
                                lastRefused.accumulateAndGet(at, Math::max);
                            } else if (answer.status() == 200) {
                                accepted.increment();
                                pending.add(Grants.Tokens.of(answer).refreshToken());
                            } else {
                                errors.add("refresh after the sign-out HTTP " + answer.status());
                                pending.add(token);
                            }
                        } catch (IOException e) {
                            errors.add("refresh after the sign-out " + Runner.reason(e));
                            pending.add(token);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                            return;
                        }
                    }
                });
            }
            for (Thread worker : workers) {
                worker.join();
            }
        }
        OptionalDouble last = refused.sum() == sample.size() && lastRefused.get() >= 0
                ? OptionalDouble.of(lastRefused.get() / 1e6)
                : OptionalDouble.empty();
        return new Polled(refused.sum(), last, accepted.sum());
    }

    private OptionalDouble awaitCountedZero(Target target, String realm, long answeredAt)
            throws IOException, InterruptedException {
        long deadline = answeredAt + pollLimit.toNanos();
        while (System.nanoTime() < deadline) {
            if (target.admin().countedSessions(realm) == 0) {
                return OptionalDouble.of((System.nanoTime() - answeredAt) / 1e6);
            }
            Thread.sleep(COUNT_POLL);
        }
        return OptionalDouble.empty();
    }

    /** Errors by reason, from several threads. */
    private static final class Errors {
        private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();

        void add(String reason) {
            counts.computeIfAbsent(reason, r -> new LongAdder()).increment();
        }

        Map<String, Long> counts() {
            Map<String, Long> out = new TreeMap<>();
            counts.forEach((reason, n) -> out.put(reason, n.sum()));
            return out;
        }
    }
}
