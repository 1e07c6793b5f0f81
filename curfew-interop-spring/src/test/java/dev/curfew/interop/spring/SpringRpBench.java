package dev.curfew.interop.spring;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import tools.jackson.databind.JsonNode;

/**
 * Figure (b): how long after Curfew's sign-out API answers a real Spring Boot relying party's session is gone.
 * Run by {@code bench/spring-rp.sh}; prints its figures, asserts nothing.
 *
 * <p>Curfew runs from the shaded jar as a process ({@code --demo}, H2 file database), the Spring Boot
 * application of {@link RelyingParty} in this JVM on 127.0.0.1, both on free ports. Each trial: a user logs in
 * with {@link PlainUserAgent} through the real flow (the application's page, Curfew's login form, the code
 * back to the application) and is shown the application's page; an administrator signs them out through
 * {@code POST /admin/realms/demo/sign-outs}; from the moment that call has answered, the application's page is
 * requested with the session cookie again and again (one request at a time, redirects not followed) until it
 * no longer answers 200 with the page. The time between is one sample; the count of requests that still saw
 * the page is kept too (0: gone by the first request after the answer). Each wait is bounded (10 s, then the
 * trial counts as failed and the run goes on).
 *
 * <p>Both ways of ending one user's session are measured: {@code user} (a cut-off; the logout token is queued
 * by the background clean-up after the answer) and {@code session} (the session revoked and its logout token
 * queued in the call's transaction). Users rotate (alice, bob, carol) so no login follows its own user's
 * cut-off within the same moment. The first trials are a warm-up, not reported.
 *
 * <p>Options: {@code --trials N} (default 100 per scope), {@code --warmup N} (default 10), {@code --scopes
 * user,session}.
 */
public final class SpringRpBench {
    private static final List<String> USERS = List.of("alice", "bob", "carol");
    private static final long MAX_WAIT_NANOS = 10_000_000_000L;

    private SpringRpBench() {}

    private record Sample(double signOutMillis, double goneMillis, int stillThere) {}

    public static void main(String[] args) {
        int trials = 100;
        int warmup = 10;
        List<String> scopes = List.of("user", "session");
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--trials" -> trials = Integer.parseInt(args[++i]);
                case "--warmup" -> warmup = Integer.parseInt(args[++i]);
                case "--scopes" -> scopes = Arrays.asList(args[++i].split(","));
                default ->
                    throw new IllegalArgumentException(
                            "unknown option " + args[i] + " (options: --trials N, --warmup N, --scopes user,session)");
            }
        }
        for (String scope : scopes) {
            if (!scope.equals("user") && !scope.equals("session")) {
                throw new IllegalArgumentException("scope must be user or session: " + scope);
            }
        }
        if (trials < 1 || trials > 10_000 || warmup < 0 || warmup > 1_000) {
            throw new IllegalArgumentException("--trials 1..10000, --warmup 0..1000");
        }

        try (DemoCurfew curfew = DemoCurfew.start();
                RelyingParty rp = curfew.startRelyingParty("spring-rp-bench")) {
            CurfewAdmin admin = curfew.admin();
            System.out.printf(
                    Locale.ROOT,
                    "Curfew %s (issuer %s), Spring Boot relying party %s, %d cores%n",
                    curfew.baseUrl(),
                    curfew.issuer(),
                    rp.baseUrl(),
                    Runtime.getRuntime().availableProcessors());
            List<String> userIds =
                    USERS.stream().map(u -> admin.userId(DemoCurfew.REALM, u)).toList();
            int n = 0;
            for (String scope : scopes) {
                List<Sample> samples = new ArrayList<>();
                int failed = 0;
                for (int t = 0; t < warmup + trials; t++, n++) {
                    int u = n % USERS.size();
                    try (PlainUserAgent agent = new PlainUserAgent(rp.baseUrl())) {
                        PlainUserAgent.Page page = agent.signIn(USERS.get(u), curfew.password(USERS.get(u)));
                        long before = System.nanoTime();
                        JsonNode signOut = scope.equals("user")
                                ? admin.signOutUser(DemoCurfew.REALM, userIds.get(u), "bench: Spring RP")
                                : admin.signOutSession(DemoCurfew.REALM, page.sid(), "bench: Spring RP");
                        long answered = System.nanoTime();
                        int stillThere = 0;
                        boolean gone = false;
                        long now = answered;
                        while (now - answered < MAX_WAIT_NANOS) {
                            gone = !agent.page().signedIn();
                            now = System.nanoTime();
                            if (gone) {
                                break;
                            }
                            stillThere++;
                        }
                        if (!gone) {
                            failed++;
                            System.out.printf(
                                    Locale.ROOT,
                                    "trial %d (%s): session still there after 10 s; deliveries %s%n",
                                    t,
                                    scope,
                                    admin.deliveries(
                                            DemoCurfew.REALM, signOut.path("id").asString()));
                        } else if (t >= warmup) {
                            samples.add(new Sample((answered - before) / 1e6, (now - answered) / 1e6, stillThere));
                        }
                    }
                }
                report(scope, samples, failed);
            }
        }
    }

    private static void report(String scope, List<Sample> samples, int failed) {
        double[] gone =
                samples.stream().mapToDouble(Sample::goneMillis).sorted().toArray();
        double[] api =
                samples.stream().mapToDouble(Sample::signOutMillis).sorted().toArray();
        long atFirst = samples.stream().filter(s -> s.stillThere() == 0).count();
        int maxStill = samples.stream().mapToInt(Sample::stillThere).max().orElse(0);
        System.out.printf(Locale.ROOT, "%nscope %s: %d trials (%d failed)%n", scope, samples.size(), failed);
        if (gone.length == 0) {
            return;
        }
        System.out.printf(
                Locale.ROOT,
                "  sign-out API answer → Spring session gone: p50 %.1f ms, p90 %.1f ms, p99 %.1f ms, max %.1f ms%n",
                pct(gone, 50),
                pct(gone, 90),
                pct(gone, 99),
                gone[gone.length - 1]);
        System.out.printf(
                Locale.ROOT,
                "  gone at the first request after the answer: %d of %d; most requests still shown the page: %d%n",
                atFirst,
                gone.length,
                maxStill);
        System.out.printf(
                Locale.ROOT, "  sign-out API call itself: p50 %.1f ms, p99 %.1f ms%n", pct(api, 50), pct(api, 99));
    }

    /** Nearest-rank percentile of sorted values. */
    private static double pct(double[] sorted, int p) {
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }
}
