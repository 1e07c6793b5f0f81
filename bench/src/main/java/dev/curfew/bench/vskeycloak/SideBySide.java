package dev.curfew.bench.vskeycloak;

import dev.curfew.engine.password.Argon2idPasswordHasher;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Keycloak and Curfew, already running on this machine, measured side by side with the same requests: the same
 * realm set up on both through the Keycloak-shaped admin API, then each protocol workload run on Keycloak, then on
 * Curfew, round after round, then sign-outs of many sessions. Every figure goes to the results file as it is
 * taken ({@link Results}); {@link SideBySideTable} prints them. Run by {@code bench/vs-keycloak.sh}, which starts
 * and stops the servers; {@code --help} lists the options.
 */
public final class SideBySide {
    /** Curfew's default Argon2id setting, named in the report next to the stored Keycloak credential. */
    private static final Argon2idPasswordHasher.Parameters DEFAULT_HASHING = Argon2idPasswordHasher.Parameters.OWASP;

    private static final String BENCH_REALM = "bench";
    /** The realm sign-out's sessions belong to this many users. */
    private static final int SIGN_OUT_USERS = 50;
    /** Keycloak's password policy for {@code --keycloak-set-up-hash=fast}: one round of PBKDF2-SHA256. */
    private static final String FAST_SET_UP_POLICY = "hashAlgorithm(pbkdf2-sha256) and hashIterations(1)";

    private final Options options;
    private final Results results;

    private SideBySide(Options options) {
        this.options = options;
        this.results = new Results(options.results());
    }

    record Options(
            URI keycloak,
            long keycloakPid,
            URI curfew,
            long curfewPid,
            String adminPassword,
            long clockTicks,
            int rounds,
            int concurrency,
            Duration firstWarmUp,
            Duration warmUp,
            Duration seconds,
            int maxRequests,
            List<Workload> workloads,
            List<Integer> realmSessions,
            int userSessions,
            int sample,
            Duration setUpLimit,
            Duration pollLimit,
            boolean keycloakFastSetUp,
            Path results) {

        static final String HELP = """
                usage: SideBySide --keycloak=URL --keycloak-pid=PID --curfew=URL --curfew-pid=PID \\
                                  --admin-password=P --results=FILE [options]
                  --rounds=3               rounds of every workload on each server (Keycloak first in odd rounds,
                                           Curfew first in even ones); 0: none
                  --concurrency=16         requests in flight (one virtual thread each)
                  --warm-up=4 --seconds=10 per workload and server, in seconds
                  --first-warm-up=12       the warm-up of round 1, in seconds: both servers compile their code then
                  --max-requests=200000    per warm-up or measured interval, whatever the time
                  --workloads=client_credentials,refresh,introspection,userinfo,password (also: discovery)
                  --sessions=1000          realm sign-outs (logout-all) of these numbers of sessions; 0: none
                  --user-sessions=1000     a user sign-out of one user with this many sessions; 0: none
                  --sample=200             refresh tokens tried after each sign-out until refused
                  --set-up-minutes=8       at most, to make one sign-out's sessions
                  --poll-seconds=120       at most, to wait for refusals and for the session count to reach 0
                  --keycloak-set-up-hash=fast  Keycloak's sign-out realms hash passwords with one round of
                                           PBKDF2-SHA256 (its policy hashAlgorithm, hashIterations), so that
                                           50,000 sessions are made in minutes, not hours; the sign-out itself
                                           reads no password. default: its own Argon2id. Curfew's hashing has no
                                           such setting: its sessions take longer to make
                  --clock-ticks=100        getconf CLK_TCK, for /proc/<pid>/stat
                """;

        static Options parse(String[] args) {
            Map<String, String> given = new LinkedHashMap<>();
            for (String arg : args) {
                if (arg.equals("--help") || !arg.startsWith("--") || !arg.contains("=")) {
                    throw new IllegalArgumentException(arg.equals("--help") ? "" : "unknown argument " + arg);
                }
                given.put(arg.substring(2, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
            }
            Options o = new Options(
                    URI.create(required(given, "keycloak")),
                    Long.parseLong(required(given, "keycloak-pid")),
                    URI.create(required(given, "curfew")),
                    Long.parseLong(required(given, "curfew-pid")),
                    required(given, "admin-password"),
                    Long.parseLong(given.getOrDefault("clock-ticks", "100")),
                    Integer.parseInt(given.getOrDefault("rounds", "3")),
                    Integer.parseInt(given.getOrDefault("concurrency", "16")),
                    Duration.ofSeconds(Long.parseLong(given.getOrDefault("first-warm-up", "12"))),
                    Duration.ofSeconds(Long.parseLong(given.getOrDefault("warm-up", "4"))),
                    Duration.ofSeconds(Long.parseLong(given.getOrDefault("seconds", "10"))),
                    Integer.parseInt(given.getOrDefault("max-requests", "200000")),
                    workloads(given.getOrDefault(
                            "workloads", "client_credentials,refresh,introspection,userinfo,password")),
                    numbers(given.getOrDefault("sessions", "1000")),
                    Integer.parseInt(given.getOrDefault("user-sessions", "1000")),
                    Integer.parseInt(given.getOrDefault("sample", "200")),
                    Duration.ofMinutes(Long.parseLong(given.getOrDefault("set-up-minutes", "8"))),
                    Duration.ofSeconds(Long.parseLong(given.getOrDefault("poll-seconds", "120"))),
                    setUpHash(given.getOrDefault("keycloak-set-up-hash", "fast")),
                    Path.of(required(given, "results")));
            given.keySet()
                    .removeAll(List.of(
                            "keycloak",
                            "keycloak-pid",
                            "curfew",
                            "curfew-pid",
                            "admin-password",
                            "clock-ticks",
                            "rounds",
                            "concurrency",
                            "first-warm-up",
                            "warm-up",
                            "seconds",
                            "max-requests",
                            "workloads",
                            "sessions",
                            "user-sessions",
                            "sample",
                            "set-up-minutes",
                            "poll-seconds",
                            "keycloak-set-up-hash",
                            "results"));
            if (!given.isEmpty()) {
                throw new IllegalArgumentException(
                        "unknown option --" + given.keySet().iterator().next());
            }
            o.check();
            return o;
        }

        /** Every loop is bounded by these: nothing unbounded is accepted. */
        private void check() {
            if (rounds < 0 || rounds > 10) throw new IllegalArgumentException("--rounds must be 0-10");
            if (concurrency < 1 || concurrency > 256) throw new IllegalArgumentException("--concurrency must be 1-256");
            if (seconds.isZero() || seconds.toMinutes() > 10) throw new IllegalArgumentException("--seconds: 1-600");
            if (warmUp.toMinutes() > 10 || firstWarmUp.toMinutes() > 10) {
                throw new IllegalArgumentException("--warm-up and --first-warm-up: 0-600");
            }
            if (maxRequests < 1 || maxRequests > 10_000_000) throw new IllegalArgumentException("--max-requests");
            if (realmSessions.stream().anyMatch(n -> n < 0 || n > 1_000_000)
                    || userSessions < 0
                    || userSessions > 1_000_000) {
                throw new IllegalArgumentException("--sessions and --user-sessions: 0-1,000,000");
            }
            if (sample < 1 || setUpLimit.toMinutes() > 120 || pollLimit.toMinutes() > 30) {
                throw new IllegalArgumentException("--sample >= 1, --set-up-minutes <= 120, --poll-seconds <= 1800");
            }
        }

        private static String required(Map<String, String> given, String key) {
            String value = given.get(key);
            if (value == null || value.isBlank()) {
                throw new IllegalArgumentException("--" + key + " is required");
            }
            return value;
        }

        private static List<Workload> workloads(String list) {
            List<Workload> chosen = new ArrayList<>();
            for (String name : list.split(",")) {
                chosen.add(Arrays.stream(Workload.values())
                        .filter(w -> w.option().equals(name.trim()))
                        .findFirst()
                        .orElseThrow(() -> new IllegalArgumentException("unknown workload " + name)));
            }
            return chosen;
        }

        private static boolean setUpHash(String value) {
            return switch (value) {
                case "fast" -> true;
                case "default" -> false;
                default -> throw new IllegalArgumentException("--keycloak-set-up-hash: fast or default");
            };
        }

        private static List<Integer> numbers(String list) {
            return Arrays.stream(list.split(","))
                    .map(String::trim)
                    .map(Integer::parseInt)
                    .filter(n -> n > 0)
                    .toList();
        }
    }

    public static void main(String[] args) throws Exception {
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            if (!e.getMessage().isEmpty()) {
                System.err.println(e.getMessage());
            }
            System.err.print(Options.HELP);
            System.exit(2);
            return;
        }
        new SideBySide(options).run();
    }

    private void run() throws Exception {
        List<Target> targets = List.of(
                target(SideBySideTable.KEYCLOAK, options.keycloak(), options.keycloakPid()),
                target(SideBySideTable.CURFEW, options.curfew(), options.curfewPid()));
        Map<Target, Grants> grants = new LinkedHashMap<>();
        for (Target target : targets) {
            BenchRealm realm = BenchRealm.create(target.admin(), BENCH_REALM, options.concurrency());
            grants.put(target, new Grants(target.http(), realm));
            notePasswordHashing(target, realm);
        }
        Runner runner = new Runner(options.concurrency(), options.seconds(), options.maxRequests());
        for (int round = 1; round <= options.rounds(); round++) {
            Duration warmUp = round == 1 ? options.firstWarmUp() : options.warmUp();
            for (Workload workload : options.workloads()) {
                for (Target target : inRoundOrder(targets, round)) {
                    record(target, workload, round, runner.run(target, workload, grants.get(target), warmUp));
                }
            }
        }
        SessionControl control = new SessionControl(
                options.concurrency(), options.sample(), options.setUpLimit(), options.pollLimit(), this::setUpPolicy);
        if (options.keycloakFastSetUp() && (!options.realmSessions().isEmpty() || options.userSessions() > 0)) {
            results.note("sign-out realms: Keycloak's passwords hashed with " + FAST_SET_UP_POLICY
                    + " to make the sessions sooner; Curfew's with its Argon2id");
        }
        for (int sessions : options.realmSessions()) {
            for (Target target : targets) {
                record(target, realmSection(sessions), control.realmSignOut(target, sessions, SIGN_OUT_USERS));
            }
        }
        if (options.userSessions() > 0) {
            for (Target target : targets) {
                record(
                        target,
                        userSection(options.userSessions()),
                        control.userSignOut(target, options.userSessions()));
            }
        }
    }

    /** The password policy of the realms made for {@code target}'s sign-outs. */
    private Optional<String> setUpPolicy(Target target) {
        return options.keycloakFastSetUp() && target.name().equals(SideBySideTable.KEYCLOAK)
                ? Optional.of(FAST_SET_UP_POLICY)
                : Optional.empty();
    }

    /**
     * Keycloak first in odd rounds, Curfew first in even ones: a machine whose other load rises or falls during the
     * run then weighs on both servers alike, instead of always on the one measured second.
     */
    private static List<Target> inRoundOrder(List<Target> targets, int round) {
        return round % 2 == 1 ? targets : targets.reversed();
    }

    private Target target(String name, URI base, long pid) {
        Http http = new Http(base);
        return new Target(
                name,
                http,
                new Admin(http, "admin", options.adminPassword()),
                new ServerProcess(pid, options.clockTicks()));
    }

    /** Keycloak shows a credential's hashing parameters; Curfew keeps them in the hash and does not show them. */
    private void notePasswordHashing(Target target, BenchRealm realm) throws Exception {
        Optional<String> shown = target.admin()
                .passwordCredential(realm.name(), realm.users().getFirst().id());
        results.note(target.name() + " password hashing: "
                + shown.map(data -> "stored credential " + data)
                        .orElse("Argon2id, m=" + DEFAULT_HASHING.memoryKiB() + " KiB, t=" + DEFAULT_HASHING.iterations()
                                + ", p=" + DEFAULT_HASHING.parallelism()
                                + " (its default; the admin API does not show credentials)"));
    }

    private void record(Target target, Workload workload, int round, Runner.Result r) throws Exception {
        String section = workload.label();
        results.row(section, "requests/s (2xx)", target.name(), round, r.perSecond());
        results.row(section, "server CPU ms per request", target.name(), round, r.cpuMillisPerRequest());
        results.row(section, "latency p50 ms", target.name(), round, r.p50Millis());
        results.row(section, "latency p99 ms", target.name(), round, r.p99Millis());
        results.row(section, "server RSS after the run, MB", target.name(), round, r.rssKiB() / 1024.0);
        results.row(section, "errors (not 2xx, or failed)", target.name(), round, r.errorCount());
        results.row(section, SideBySideTable.LOAD_MEASURE, target.name(), round, loadAverage());
        if (r.errorCount() > 0) {
            results.note(target.name() + ", " + section + ", round " + round + ": errors " + r.errors());
        }
        System.out.printf(
                Locale.ROOT,
                "%-9s round %d %-34s %9.1f/s  cpu %6.2f ms/req  p50 %7.2f  p99 %8.2f ms  rss %5.0f MB  %d ok, "
                        + "errors %s  (%.1f s, load %.2f)%n",
                target.name(),
                round,
                section,
                r.perSecond(),
                r.cpuMillisPerRequest(),
                r.p50Millis(),
                r.p99Millis(),
                r.rssKiB() / 1024.0,
                r.ok(),
                r.errors(),
                r.seconds(),
                loadAverage());
    }

    private void record(Target target, String section, SessionControl.Result r) throws Exception {
        String name = target.name();
        results.row(section, "sessions made", name, 1, r.created());
        results.row(section, "password grants/s while making them", name, 1, r.loginsPerSecond());
        results.row(section, "sessions the server counted before", name, 1, r.countedBefore());
        results.row(section, "sign-out answer ms", name, 1, r.answerMillis());
        results.row(section, "refresh tokens sampled", name, 1, r.sampled());
        results.row(
                section,
                "last sampled refresh token refused, ms after the answer",
                name,
                1,
                orNaN(r.lastRefusedMillis()));
        results.row(section, "refresh grants still accepted after the answer", name, 1, r.acceptedAfterAnswer());
        results.row(section, "server's session count 0, ms after the answer", name, 1, orNaN(r.countedZeroMillis()));
        results.row(section, "errors (set-up, sign-out, refresh)", name, 1, r.errorCount());
        results.row(section, SideBySideTable.LOAD_MEASURE, name, 1, loadAverage());
        if (r.errorCount() > 0) {
            results.note(name + ", " + section + ": errors " + r.errors());
        }
        System.out.printf(
                Locale.ROOT,
                "%-9s %s: %d of %d sessions (%.1f logins/s), counted %d; answer %d in %.1f ms; refused %d of %d, last "
                        + "%s ms after; accepted after %d; count 0 after %s ms; errors %s (load %.2f)%n",
                name,
                section,
                r.created(),
                r.requested(),
                r.loginsPerSecond(),
                r.countedBefore(),
                r.answerStatus(),
                r.answerMillis(),
                r.refused(),
                r.sampled(),
                show(r.lastRefusedMillis()),
                r.acceptedAfterAnswer(),
                show(r.countedZeroMillis()),
                r.errors(),
                loadAverage());
    }

    private static String realmSection(int sessions) {
        return String.format(Locale.ROOT, "realm sign-out (logout-all), %,d sessions", sessions);
    }

    private static String userSection(int sessions) {
        return String.format(Locale.ROOT, "user sign-out (users/{id}/logout), one user's %,d sessions", sessions);
    }

    private static double orNaN(OptionalDouble value) {
        return value.orElse(Double.NaN);
    }

    private static String show(OptionalDouble value) {
        return value.isPresent() ? String.format(Locale.ROOT, "%.1f", value.getAsDouble()) : "never";
    }

    /** The machine's one-minute load average: the other builds on a shared machine, and this run's own processes. */
    private static double loadAverage() {
        return java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }
}
