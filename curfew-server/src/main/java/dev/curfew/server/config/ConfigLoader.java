package dev.curfew.server.config;

import dev.curfew.core.client.ClientIds;
import dev.curfew.core.util.AsciiNumbers;
import dev.curfew.engine.bruteforce.AddressSettings;
import dev.curfew.engine.delivery.DeliverySettings;
import dev.curfew.engine.outbound.OutboundAllowList;
import dev.curfew.engine.password.HashingSettings;
import dev.curfew.engine.validity.FailSafe;
import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads configuration from, in order of precedence: command-line flags, environment variables
 * ({@code CURFEW_HTTP_PORT}), and a properties file ({@code http-port=8080}) named by
 * {@code --config} or {@code CURFEW_CONFIG}. Every key has one spelling per source, derived from its
 * name: {@code http-port} ⇄ {@code CURFEW_HTTP_PORT}.
 */
public final class ConfigLoader {
    public static final List<String> KEYS = List.of(
            "http-host",
            "http-port",
            "data-dir",
            "db-url",
            "db-username",
            "db-password",
            "public-url",
            "proxy-headers",
            "admin-user",
            "admin-password",
            "demo",
            "ssf-poll-timeout",
            "delivery-max-age",
            "delivery-concurrency",
            "delivery-request-timeout",
            "admin-clients",
            "outbound-allow",
            "password-hash-threads",
            "password-hash-queue",
            "brute-force-ip-failures",
            "brute-force-ip-window",
            "http-max-concurrent",
            "http-max-queued",
            "http-max-wait",
            "http-target-wait",
            "fail-safe-window");

    /** The clients administrators sign in with: the command line and the admin console. */
    public static final List<String> DEFAULT_ADMIN_CLIENTS = List.of(ClientIds.ADMIN_CLI, ClientIds.ADMIN_CONSOLE);

    /**
     * The range of {@code delivery-max-age}: below a minute the first retries would not fit; beyond 30 days a
     * logout token would still be retried long after the relying party's own sessions have ended.
     */
    static final Duration MIN_MAX_AGE = Duration.ofMinutes(1);

    static final Duration MAX_MAX_AGE = Duration.ofDays(30);

    /** The most receivers delivered to at once per node; each holds a virtual thread and a connection. */
    static final int MAX_CONCURRENCY = 1024;

    /**
     * The range of {@code delivery-request-timeout}: at most a minute, well below the dispatcher's 2-minute claim
     * lease, so one attempt cannot outlast the claim on its row.
     */
    static final Duration MIN_REQUEST_TIMEOUT = Duration.ofSeconds(1);

    static final Duration MAX_REQUEST_TIMEOUT = Duration.ofSeconds(60);

    /** {@code 90s}, {@code 15m}, {@code 24h}, {@code 7d}, {@code 500ms}. */
    private static final Pattern SHORT_DURATION = Pattern.compile("(\\d{1,9})\\s*(ms|s|m|h|d)");

    private ConfigLoader() {}

    public static String envName(String key) {
        return "CURFEW_" + key.toUpperCase(Locale.ROOT).replace('-', '_');
    }

    /**
     * @param flags values given on the command line, by key
     * @param env the process environment
     * @throws ConfigException with every problem found: in the file, its keys and every value
     */
    public static CurfewConfig load(Map<String, String> flags, Map<String, String> env) {
        List<String> problems = new ArrayList<>();
        Map<String, String> values = values(flags, env, problems);
        return build(values, problems);
    }

    /**
     * The raw settings, by key, from the file, the environment and the flags (in rising precedence), before any
     * value is checked; what is wrong with the file goes to {@code problems}. The command line's admin commands
     * read the server's port from them.
     */
    public static Map<String, String> values(
            Map<String, String> flags, Map<String, String> env, List<String> problems) {
        Map<String, String> values = new HashMap<>();
        Optional<String> file =
                Optional.ofNullable(flags.get("config")).or(() -> Optional.ofNullable(env.get("CURFEW_CONFIG")));
        file.ifPresent(f -> values.putAll(readFile(Path.of(f), problems)));
        for (String key : KEYS) {
            String fromEnv = env.get(envName(key));
            if (fromEnv != null && !fromEnv.isBlank()) {
                values.put(key, fromEnv);
            }
            String fromFlag = flags.get(key);
            if (fromFlag != null) {
                values.put(key, fromFlag);
            }
        }
        return values;
    }

    /** The file's known keys; an unreadable file and every unknown key are added to {@code problems}. */
    private static Map<String, String> readFile(Path path, List<String> problems) {
        if (!Files.isReadable(path)) {
            problems.add("configuration file " + path
                    + " cannot be read: check the path given with --config or CURFEW_CONFIG");
            return Map.of();
        }
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(path)) {
            properties.load(reader);
        } catch (IOException | IllegalArgumentException e) {
            problems.add("configuration file " + path + " cannot be read: " + e.getMessage());
            return Map.of();
        }
        Map<String, String> values = new HashMap<>();
        List<String> unknown = new ArrayList<>();
        for (String name : properties.stringPropertyNames()) {
            if (KEYS.contains(name)) {
                values.put(name, properties.getProperty(name).strip());
            } else {
                unknown.add(name);
            }
        }
        if (!unknown.isEmpty()) {
            Collections.sort(unknown);
            problems.add((unknown.size() == 1 ? "unknown key '" : "unknown keys '") + String.join("', '", unknown)
                    + "' in " + path + "; known keys: " + String.join(", ", KEYS));
        }
        return values;
    }

    private static CurfewConfig build(Map<String, String> v, List<String> problems) {
        int port = 8080;
        String portText = v.getOrDefault("http-port", "8080");
        try {
            port = AsciiNumbers.parseInt(portText);
            if (port < 0 || port > 65535) {
                problems.add("http-port " + portText
                        + " is out of range: use a number from 1 to 65535 (0 picks a free port)");
            }
        } catch (NumberFormatException e) {
            problems.add("http-port '" + portText + "' is not a number: use e.g. CURFEW_HTTP_PORT=8080");
        }
        Path dataDir =
                Path.of(v.getOrDefault("data-dir", "./data")).toAbsolutePath().normalize();
        String dbUrl = v.getOrDefault("db-url", "jdbc:h2:file:" + dataDir.resolve("curfew"));
        if (!dbUrl.startsWith("jdbc:h2:") && !dbUrl.startsWith("jdbc:postgresql:")) {
            problems.add("db-url '" + dbUrl
                    + "' is not supported: use jdbc:h2:file:<path> (embedded) or jdbc:postgresql://host:5432/db");
        }
        Optional<URI> publicUrl = Optional.empty();
        if (v.containsKey("public-url")) {
            try {
                URI uri = new URI(stripTrailingSlash(v.get("public-url")));
                if (!uri.isAbsolute()
                        || uri.getHost() == null
                        || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))) {
                    problems.add("public-url '" + v.get("public-url")
                            + "' must be an absolute http(s) URL such as https://id.example.com");
                } else {
                    publicUrl = Optional.of(uri);
                }
            } catch (URISyntaxException e) {
                problems.add("public-url '" + v.get("public-url") + "' is not a URL: " + e.getReason());
            }
        }
        boolean proxyHeaders = bool("proxy-headers", v, problems);
        boolean demo = bool("demo", v, problems);
        String adminUser = v.getOrDefault("admin-user", "admin").strip().toLowerCase(Locale.ROOT);
        if (!dev.curfew.core.user.Username.isValid(adminUser)) {
            problems.add("admin-user '" + adminUser + "' is not a valid user name (letters, digits, . _ @ + -)");
        }
        Optional<String> adminPassword =
                Optional.ofNullable(v.get("admin-password")).filter(s -> !s.isEmpty());
        adminPassword
                .flatMap(dev.curfew.core.password.PasswordPolicy::check)
                .ifPresent(p -> problems.add("CURFEW_ADMIN_PASSWORD is too weak: " + p));
        Duration ssfPollTimeout = ssfPollTimeout(v, problems);
        DeliverySettings delivery = delivery(v, problems);
        List<String> adminClients = adminClients(v, problems);
        OutboundAllowList outboundAllow = outboundAllow(v, problems);
        HashingSettings hashing = hashing(v, problems);
        AddressSettings addresses = addresses(v, problems);
        AdmissionSettings admission = admission(v, problems);
        // How long a node that lost its connection to the other nodes' changes keeps accepting tokens issued before
        // (FailSafe); 0 refuses them at once.
        Duration failSafeWindow =
                duration("fail-safe-window", v, FailSafe.DEFAULT_WINDOW, Duration.ZERO, Duration.ofHours(1), problems);
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        return new CurfewConfig(
                v.getOrDefault("http-host", "0.0.0.0"),
                port,
                dataDir,
                dbUrl,
                v.getOrDefault("db-username", dbUrl.startsWith("jdbc:h2:") ? "sa" : ""),
                v.getOrDefault("db-password", ""),
                publicUrl,
                proxyHeaders,
                adminUser,
                adminPassword,
                demo,
                ssfPollTimeout,
                delivery,
                adminClients,
                outboundAllow,
                hashing,
                addresses,
                admission,
                failSafeWindow);
    }

    /**
     * The master-realm clients whose tokens the admin API accepts, comma-separated. Every client named here
     * can act with the full privileges of whoever signs in to it, so the list is explicit, never a pattern.
     */
    private static List<String> adminClients(Map<String, String> v, List<String> problems) {
        String text = v.get("admin-clients");
        if (text == null) {
            return DEFAULT_ADMIN_CLIENTS;
        }
        List<String> ids = Arrays.stream(text.split(","))
                .map(String::strip)
                .filter(s -> !s.isEmpty())
                .distinct()
                .toList();
        if (ids.isEmpty()) {
            problems.add("admin-clients is empty: name at least one master-realm client, e.g. "
                    + String.join(",", DEFAULT_ADMIN_CLIENTS) + " (the default)");
            return DEFAULT_ADMIN_CLIENTS;
        }
        List<String> invalid = ids.stream().filter(id -> !ClientIds.isValid(id)).toList();
        if (!invalid.isEmpty()) {
            problems.add("admin-clients names "
                    + invalid.stream().map(id -> "'" + id + "'").toList()
                    + ", which cannot be client ids (1-255 letters, digits or . _ : / @ -): use a comma-separated list"
                    + " such as " + String.join(",", DEFAULT_ADMIN_CLIENTS));
            return DEFAULT_ADMIN_CLIENTS;
        }
        return ids;
    }

    /** The networks and hosts notifications may go to although the outbound policy refuses them by default. */
    private static OutboundAllowList outboundAllow(Map<String, String> v, List<String> problems) {
        String text = v.get("outbound-allow");
        if (text == null) {
            return OutboundAllowList.NONE;
        }
        try {
            return OutboundAllowList.parse(text);
        } catch (IllegalArgumentException e) {
            problems.add("outbound-allow: " + e.getMessage()
                    + "; use comma-separated CIDR ranges, IP addresses or host names, e.g."
                    + " CURFEW_OUTBOUND_ALLOW=10.0.0.0/8,hooks.internal.example");
            return OutboundAllowList.NONE;
        }
    }

    /** The password-hashing pool: threads default to the cores, the queue to 32 per thread. */
    private static HashingSettings hashing(Map<String, String> v, List<String> problems) {
        HashingSettings d = HashingSettings.defaults();
        int threads = integer(
                "password-hash-threads",
                v,
                d.threads(),
                1,
                HashingSettings.MAX_THREADS,
                "threads hashing passwords (default: the " + d.threads() + " cores)",
                problems);
        int queue = integer(
                "password-hash-queue",
                v,
                threads * HashingSettings.QUEUE_PER_THREAD,
                1,
                HashingSettings.MAX_QUEUE,
                "password hashes waiting for a thread (default " + HashingSettings.QUEUE_PER_THREAD + " per thread)",
                problems);
        return new HashingSettings(threads, queue);
    }

    /** Throttling of failed sign-ins per source address: a burst (0 turns it off) and the time it takes to drain. */
    private static AddressSettings addresses(Map<String, String> v, List<String> problems) {
        AddressSettings d = AddressSettings.DEFAULTS;
        int failures = integer(
                "brute-force-ip-failures",
                v,
                d.failures(),
                0,
                AddressSettings.MAX_FAILURES,
                "failed sign-ins an address may make at once (0 turns the throttling off; default " + d.failures()
                        + ")",
                problems);
        Duration window = duration(
                "brute-force-ip-window",
                v,
                d.window(),
                AddressSettings.MIN_WINDOW,
                AddressSettings.MAX_WINDOW,
                problems);
        return d.withFailures(failures).withWindow(window);
    }

    /**
     * The HTTP admission limit: requests served at once (default 4 per core, at most the database pool), requests
     * waiting for a turn (default 16 per concurrent request; 0: none wait) and the longest wait (default 1 s).
     */
    private static AdmissionSettings admission(Map<String, String> v, List<String> problems) {
        int cores = Runtime.getRuntime().availableProcessors();
        int defaultConcurrent = AdmissionSettings.defaultConcurrent(cores, CurfewConfig.DATABASE_POOL_SIZE);
        int concurrent = integer(
                "http-max-concurrent",
                v,
                defaultConcurrent,
                1,
                AdmissionSettings.MAX_CONCURRENT,
                "requests served at once (default " + defaultConcurrent + ": 4 per core, at most the "
                        + CurfewConfig.DATABASE_POOL_SIZE + " database connections)",
                problems);
        int queued = integer(
                "http-max-queued",
                v,
                concurrent * AdmissionSettings.QUEUE_PER_CONCURRENT,
                0,
                AdmissionSettings.MAX_QUEUE,
                "requests waiting for a turn (default " + AdmissionSettings.QUEUE_PER_CONCURRENT
                        + " per concurrent request; 0: none wait)",
                problems);
        Duration maxWait = duration(
                "http-max-wait",
                v,
                AdmissionSettings.DEFAULT_MAX_WAIT,
                AdmissionSettings.MIN_MAX_WAIT,
                AdmissionSettings.MAX_MAX_WAIT,
                problems);
        Duration targetWait = duration(
                "http-target-wait",
                v,
                AdmissionSettings.DEFAULT_TARGET_WAIT,
                AdmissionSettings.MIN_TARGET_WAIT,
                AdmissionSettings.MAX_TARGET_WAIT,
                problems);
        return new AdmissionSettings(concurrent, queued, maxWait, targetWait);
    }

    /** A whole number from {@code min} to {@code max}; {@code fallback} when unset or invalid (reported). */
    private static int integer(
            String key, Map<String, String> v, int fallback, int min, int max, String meaning, List<String> problems) {
        String text = v.get(key);
        if (text == null) {
            return fallback;
        }
        try {
            int value = AsciiNumbers.parseInt(text.strip());
            if (value >= min && value <= max) {
                return value;
            }
            problems.add(key + " " + value + " is out of range: use " + min + " to " + max + " " + meaning);
        } catch (NumberFormatException e) {
            problems.add(key + " '" + text.strip() + "' is not a number: use e.g. " + envName(key) + "=" + fallback);
        }
        return fallback;
    }

    /** The dispatcher's settings: the defaults, with what the operator may change. */
    private static DeliverySettings delivery(Map<String, String> v, List<String> problems) {
        DeliverySettings d = DeliverySettings.DEFAULTS;
        Duration maxAge = duration("delivery-max-age", v, d.maxAge(), MIN_MAX_AGE, MAX_MAX_AGE, problems);
        Duration timeout = duration(
                "delivery-request-timeout", v, d.requestTimeout(), MIN_REQUEST_TIMEOUT, MAX_REQUEST_TIMEOUT, problems);
        int concurrency = d.concurrency();
        String text = v.get("delivery-concurrency");
        if (text != null) {
            try {
                concurrency = AsciiNumbers.parseInt(text.strip());
                if (concurrency < 1 || concurrency > MAX_CONCURRENCY) {
                    problems.add("delivery-concurrency " + concurrency + " is out of range: use 1 to " + MAX_CONCURRENCY
                            + " receivers delivered to at once (default " + d.concurrency() + ")");
                }
            } catch (NumberFormatException e) {
                problems.add("delivery-concurrency '" + text
                        + "' is not a number: use e.g. CURFEW_DELIVERY_CONCURRENCY=" + d.concurrency());
            }
        }
        if (concurrency < 1 || concurrency > MAX_CONCURRENCY) {
            concurrency = d.concurrency();
        }
        return d.withMaxAge(maxAge).withConcurrency(concurrency).withRequestTimeout(timeout);
    }

    /**
     * A duration as {@code 90s}, {@code 15m}, {@code 24h}, {@code 7d} (or {@code ms}), or ISO-8601 such as
     * {@code PT24H}, between {@code min} and {@code max}; {@code fallback} when unset or invalid (reported).
     */
    private static Duration duration(
            String key, Map<String, String> v, Duration fallback, Duration min, Duration max, List<String> problems) {
        String text = v.get(key);
        if (text == null) {
            return fallback;
        }
        String value = text.strip().toLowerCase(Locale.ROOT);
        Duration d = null;
        Matcher m = SHORT_DURATION.matcher(value);
        if (m.matches()) {
            long n = AsciiNumbers.parseLong(m.group(1));
            d = switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
            };
        } else if (value.startsWith("p")) {
            try {
                d = Duration.parse(value.toUpperCase(Locale.ROOT));
            } catch (DateTimeParseException e) {
                d = null;
            }
        }
        if (d == null) {
            problems.add(key + " '" + text.strip() + "' is not a duration: use e.g. " + example(fallback)
                    + " (units ms, s, m, h, d) or ISO-8601 such as PT24H");
            return fallback;
        }
        if (d.compareTo(min) < 0 || d.compareTo(max) > 0) {
            problems.add(key + " " + text.strip() + " is out of range: use " + example(min) + " to " + example(max)
                    + " (default " + example(fallback) + ")");
            return fallback;
        }
        return d;
    }

    /** {@code 24h}, {@code 10s}, {@code 30d}: an exact spelling in the largest unit (days from 2), for messages. */
    static String example(Duration d) {
        long ms = d.toMillis();
        if (ms % 86_400_000 == 0 && ms > 86_400_000) {
            return ms / 86_400_000 + "d";
        }
        if (ms % 3_600_000 == 0) {
            return ms / 3_600_000 + "h";
        }
        if (ms % 60_000 == 0) {
            return ms / 60_000 + "m";
        }
        return ms % 1000 == 0 ? ms / 1000 + "s" : ms + "ms";
    }

    /** Seconds, 1 to 300: long enough to save receivers requests, short enough for proxies' idle timeouts. */
    private static Duration ssfPollTimeout(Map<String, String> v, List<String> problems) {
        String text = v.getOrDefault("ssf-poll-timeout", "30").strip();
        try {
            long seconds = AsciiNumbers.parseLong(text);
            if (seconds >= 1 && seconds <= 300) {
                return Duration.ofSeconds(seconds);
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        problems.add("ssf-poll-timeout '" + text + "' must be a number of seconds from 1 to 300");
        return Duration.ofSeconds(30);
    }

    private static boolean bool(String key, Map<String, String> v, List<String> problems) {
        String value = v.getOrDefault(key, "false").strip().toLowerCase(Locale.ROOT);
        return switch (value) {
            case "true", "yes", "1", "on" -> true;
            case "false", "no", "0", "off", "" -> false;
            default -> {
                problems.add(key + " '" + value + "' must be true or false");
                yield false;
            }
        };
    }

    private static String stripTrailingSlash(String s) {
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }
}
