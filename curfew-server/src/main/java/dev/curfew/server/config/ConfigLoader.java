package dev.curfew.server.config;

import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

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
            "ssf-poll-timeout");

    private ConfigLoader() {}

    public static String envName(String key) {
        return "CURFEW_" + key.toUpperCase(Locale.ROOT).replace('-', '_');
    }

    /**
     * @param flags values given on the command line, by key
     * @param env the process environment
     */
    public static CurfewConfig load(Map<String, String> flags, Map<String, String> env) {
        Map<String, String> values = new HashMap<>();
        Optional<String> file =
                Optional.ofNullable(flags.get("config")).or(() -> Optional.ofNullable(env.get("CURFEW_CONFIG")));
        file.ifPresent(f -> values.putAll(readFile(Path.of(f))));
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
        return build(values);
    }

    private static Map<String, String> readFile(Path path) {
        if (!Files.isReadable(path)) {
            throw new ConfigException("configuration file " + path
                    + " cannot be read: check the path given with --config or CURFEW_CONFIG");
        }
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(path)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new ConfigException("configuration file " + path + " cannot be read: " + e.getMessage());
        }
        Map<String, String> values = new HashMap<>();
        for (String name : properties.stringPropertyNames()) {
            if (!KEYS.contains(name)) {
                throw new ConfigException(
                        "unknown key '" + name + "' in " + path + "; known keys: " + String.join(", ", KEYS));
            }
            values.put(name, properties.getProperty(name).strip());
        }
        return values;
    }

    private static CurfewConfig build(Map<String, String> v) {
        List<String> problems = new ArrayList<>();
        int port = 8080;
        String portText = v.getOrDefault("http-port", "8080");
        try {
            port = Integer.parseInt(portText);
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
        java.time.Duration ssfPollTimeout = ssfPollTimeout(v, problems);
        if (!problems.isEmpty()) {
            throw new ConfigException(String.join("\n", problems));
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
                ssfPollTimeout);
    }

    /** Seconds, 1 to 300: long enough to save receivers requests, short enough for proxies' idle timeouts. */
    private static java.time.Duration ssfPollTimeout(Map<String, String> v, List<String> problems) {
        String text = v.getOrDefault("ssf-poll-timeout", "30").strip();
        try {
            long seconds = Long.parseLong(text);
            if (seconds >= 1 && seconds <= 300) {
                return java.time.Duration.ofSeconds(seconds);
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        problems.add("ssf-poll-timeout '" + text + "' must be a number of seconds from 1 to 300");
        return java.time.Duration.ofSeconds(30);
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
