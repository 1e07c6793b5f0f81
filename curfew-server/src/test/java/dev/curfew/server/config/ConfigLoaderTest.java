package dev.curfew.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.curfew.core.session.IpRange;
import dev.curfew.engine.bruteforce.AddressSettings;
import dev.curfew.engine.delivery.DeliverySettings;
import dev.curfew.engine.outbound.OutboundAllowList;
import dev.curfew.engine.password.HashingSettings;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("Configuration: flags over environment over file, validated once with clear messages")
class ConfigLoaderTest {
    @TempDir
    Path dir;

    @Test
    @DisplayName("with nothing set, the defaults apply")
    void defaultsApply() {
        CurfewConfig config = ConfigLoader.load(Map.of(), Map.of());
        assertThat(config.httpHost()).isEqualTo("0.0.0.0");
        assertThat(config.httpPort()).isEqualTo(8080);
        assertThat(config.databaseUrl()).startsWith("jdbc:h2:file:").endsWith("curfew");
        assertThat(config.databaseUsername()).isEqualTo("sa");
        assertThat(config.publicUrl()).isEmpty();
        assertThat(config.proxyHeaders()).isFalse();
        assertThat(config.adminUser()).isEqualTo("admin");
        assertThat(config.adminPassword()).isEmpty();
        assertThat(config.demo()).isFalse();
        assertThat(config.delivery()).isEqualTo(DeliverySettings.DEFAULTS);
        assertThat(config.outboundAllow()).isEqualTo(OutboundAllowList.NONE);
    }

    @Test
    @DisplayName("outbound-allow: CIDR ranges, addresses and host names from file, environment or flag")
    void outboundAllowListIsRead() throws IOException {
        Path file = file("outbound-allow=10.0.0.0/8,hooks.internal.example\n");
        OutboundAllowList fromFile = ConfigLoader.load(Map.of(), Map.of("CURFEW_CONFIG", file.toString()))
                .outboundAllow();
        assertThat(fromFile.networks()).extracting(IpRange::toCidr).containsExactly("10.0.0.0/8");
        assertThat(fromFile.hosts()).containsExactly("hooks.internal.example");

        OutboundAllowList fromEnv = ConfigLoader.load(Map.of(), Map.of("CURFEW_OUTBOUND_ALLOW", "127.0.0.1/32 ::1"))
                .outboundAllow();
        assertThat(fromEnv.networks()).extracting(IpRange::toCidr).containsExactly("127.0.0.1", "::1");
        assertThat(ConfigLoader.load(Map.of("outbound-allow", ""), Map.of()).outboundAllow())
                .isEqualTo(OutboundAllowList.NONE);
    }

    @Test
    @DisplayName("outbound-allow: an entry that is neither a range, an address nor a host name stops the start")
    void badOutboundAllowEntryIsRefused() {
        assertThatThrownBy(() -> ConfigLoader.load(Map.of("outbound-allow", "10.0.0.0/8,*.internal.example"), Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("outbound-allow: '*.internal.example'")
                .hasMessageContaining("CURFEW_OUTBOUND_ALLOW=");
        assertThatThrownBy(() -> ConfigLoader.load(Map.of("outbound-allow", "10.0.0.0/40"), Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("'10.0.0.0/40' is not a CIDR range or IP address");
    }

    @Test
    @DisplayName("delivery: dead-letter age, concurrency and request timeout from file, environment or flag")
    void deliverySettingsAreRead() throws IOException {
        Path file = file("delivery-max-age=6h\ndelivery-concurrency=8\ndelivery-request-timeout=PT30S\n");
        DeliverySettings fromFile = ConfigLoader.load(Map.of(), Map.of("CURFEW_CONFIG", file.toString()))
                .delivery();
        assertThat(fromFile.maxAge()).isEqualTo(Duration.ofHours(6));
        assertThat(fromFile.concurrency()).isEqualTo(8);
        assertThat(fromFile.requestTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(fromFile.batchSize()).isEqualTo(DeliverySettings.DEFAULTS.batchSize());

        DeliverySettings overridden = ConfigLoader.load(
                        Map.of("delivery-request-timeout", "5s"),
                        Map.of(
                                "CURFEW_CONFIG",
                                file.toString(),
                                "CURFEW_DELIVERY_MAX_AGE",
                                "7d",
                                "CURFEW_DELIVERY_CONCURRENCY",
                                " 64 "))
                .delivery();
        assertThat(overridden.maxAge()).isEqualTo(Duration.ofDays(7));
        assertThat(overridden.concurrency()).isEqualTo(64);
        assertThat(overridden.requestTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(ConfigLoader.load(Map.of("delivery-max-age", "90m"), Map.of())
                        .delivery()
                        .maxAge())
                .isEqualTo(Duration.ofMinutes(90));
    }

    @Test
    @DisplayName("delivery: a value that is not a duration or number, or out of range, is refused with the range")
    void badDeliverySettingsAreRefused() {
        assertThatThrownBy(() -> ConfigLoader.load(Map.of("delivery-max-age", "soon"), Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("delivery-max-age 'soon' is not a duration: use e.g. 24h");
        assertThatThrownBy(() -> ConfigLoader.load(Map.of("delivery-max-age", "30s"), Map.of()))
                .hasMessageContaining("delivery-max-age 30s is out of range: use 1m to 30d (default 24h)");
        assertThatThrownBy(() -> ConfigLoader.load(Map.of("delivery-max-age", "31d"), Map.of()))
                .hasMessageContaining("out of range");
        assertThatThrownBy(() -> ConfigLoader.load(Map.of("delivery-max-age", "-PT1H"), Map.of()))
                .hasMessageContaining("delivery-max-age");
        assertThatThrownBy(() -> ConfigLoader.load(Map.of("delivery-concurrency", "many"), Map.of()))
                .hasMessageContaining("delivery-concurrency 'many' is not a number");
        assertThatThrownBy(() -> ConfigLoader.load(Map.of("delivery-concurrency", "0"), Map.of()))
                .hasMessageContaining("delivery-concurrency 0 is out of range: use 1 to 1024");
        assertThatThrownBy(() -> ConfigLoader.load(Map.of("delivery-concurrency", "5000"), Map.of()))
                .hasMessageContaining("out of range");
        assertThatThrownBy(() -> ConfigLoader.load(Map.of("delivery-request-timeout", "2m"), Map.of()))
                .hasMessageContaining("delivery-request-timeout 2m is out of range: use 1s to 1m (default 10s)");
        assertThatThrownBy(() -> ConfigLoader.load(Map.of("delivery-request-timeout", "500ms"), Map.of()))
                .hasMessageContaining("out of range");
    }

    @Test
    @DisplayName("delivery: every bad delivery setting is reported at once")
    void everyBadDeliverySettingIsReported() {
        assertThatThrownBy(() -> ConfigLoader.load(
                        Map.of(
                                "delivery-max-age",
                                "0m",
                                "delivery-concurrency",
                                "-1",
                                "delivery-request-timeout",
                                "ten seconds"),
                        Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("delivery-max-age")
                .hasMessageContaining("delivery-concurrency")
                .hasMessageContaining("delivery-request-timeout");
    }

    @Test
    @DisplayName("precedence: a flag beats the environment, which beats the file")
    void flagsBeatEnvironmentBeatFile() throws IOException {
        Path file = file("http-port=1111\nhttp-host=10.0.0.1\n");
        Map<String, String> env = Map.of("CURFEW_CONFIG", file.toString(), "CURFEW_HTTP_PORT", "2222");
        assertThat(ConfigLoader.load(Map.of("http-port", "3333"), env).httpPort())
                .isEqualTo(3333);
        assertThat(ConfigLoader.load(Map.of(), env).httpPort()).isEqualTo(2222);
        assertThat(ConfigLoader.load(Map.of(), Map.of("CURFEW_CONFIG", file.toString()))
                        .httpPort())
                .isEqualTo(1111);
        assertThat(ConfigLoader.load(Map.of(), env).httpHost()).isEqualTo("10.0.0.1");
    }

    @Test
    @DisplayName("the --config flag beats CURFEW_CONFIG")
    void configFlagBeatsConfigEnvironment() throws IOException {
        Path first = file("http-port=1111\n");
        Path second = Files.writeString(dir.resolve("other.properties"), "http-port=4444\n");
        CurfewConfig config =
                ConfigLoader.load(Map.of("config", second.toString()), Map.of("CURFEW_CONFIG", first.toString()));
        assertThat(config.httpPort()).isEqualTo(4444);
    }

    @Test
    @DisplayName("ssf-poll-timeout: 30 s by default, 1 to 300 seconds, anything else refused with what to use")
    void ssfPollTimeout() {
        assertThat(ConfigLoader.load(Map.of(), Map.of()).ssfPollTimeout()).isEqualTo(java.time.Duration.ofSeconds(30));
        assertThat(ConfigLoader.load(Map.of(), Map.of("CURFEW_SSF_POLL_TIMEOUT", "5"))
                        .ssfPollTimeout())
                .isEqualTo(java.time.Duration.ofSeconds(5));
        for (String bad : new String[] {"0", "301", "ten"}) {
            assertThatThrownBy(() -> ConfigLoader.load(Map.of("ssf-poll-timeout", bad), Map.of()))
                    .isInstanceOf(ConfigException.class)
                    .hasMessageContaining("ssf-poll-timeout '" + bad + "' must be a number of seconds from 1 to 300");
        }
    }

    @Test
    @DisplayName("admin-clients: admin-cli and curfew-console by default, or a comma-separated list of client ids")
    void adminClients() {
        assertThat(ConfigLoader.load(Map.of(), Map.of()).adminClients()).containsExactly("admin-cli", "curfew-console");
        assertThat(ConfigLoader.load(Map.of(), Map.of("CURFEW_ADMIN_CLIENTS", " admin-cli , ops-tool,admin-cli"))
                        .adminClients())
                .containsExactly("admin-cli", "ops-tool");
        assertThat(ConfigLoader.load(Map.of("admin-clients", "curfew-console"), Map.of())
                        .adminClients())
                .containsExactly("curfew-console");
    }

    @Test
    @DisplayName("admin-clients: an empty list or a name that cannot be a client id is refused, naming it")
    void badAdminClientsAreRefused() {
        assertThatThrownBy(() -> ConfigLoader.load(Map.of("admin-clients", " , "), Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("admin-clients is empty");
        assertThatThrownBy(() -> ConfigLoader.load(Map.of("admin-clients", "admin-cli,ops tool,*"), Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("admin-clients names ['ops tool', '*']");
    }

    @Test
    @DisplayName("a blank environment variable is ignored")
    void blankEnvironmentIsIgnored() {
        assertThat(ConfigLoader.load(Map.of(), Map.of("CURFEW_HTTP_PORT", "  ")).httpPort())
                .isEqualTo(8080);
    }

    @Test
    @DisplayName("password hashing: one thread per core and 32 waiting hashes per thread, unless set")
    void hashingSettings() {
        int cores = Runtime.getRuntime().availableProcessors();
        assertThat(ConfigLoader.load(Map.of(), Map.of()).hashing()).isEqualTo(new HashingSettings(cores, cores * 32));
        assertThat(ConfigLoader.load(Map.of("password-hash-threads", "3"), Map.of())
                        .hashing())
                .isEqualTo(new HashingSettings(3, 96));
        assertThat(ConfigLoader.load(
                                Map.of(),
                                Map.of("CURFEW_PASSWORD_HASH_THREADS", "2", "CURFEW_PASSWORD_HASH_QUEUE", "10"))
                        .hashing())
                .isEqualTo(new HashingSettings(2, 10));
    }

    @Test
    @DisplayName("password hashing: a thread count or queue length out of range or not a number is refused")
    void badHashingSettingsAreRefused() {
        assertThatThrownBy(() -> ConfigLoader.load(
                        Map.of("password-hash-threads", "0", "password-hash-queue", "lots"), Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("password-hash-threads 0 is out of range: use 1 to 256")
                .hasMessageContaining("password-hash-queue 'lots' is not a number");
        assertThatThrownBy(() -> ConfigLoader.load(Map.of("password-hash-queue", "100001"), Map.of()))
                .hasMessageContaining("password-hash-queue 100001 is out of range: use 1 to 100000");
    }

    @Test
    @DisplayName("admission: 4 requests per core at once (at most the database pool), 16 waiting per turn, 1 s of wait,"
            + " 50 ms of target wait for a core")
    void admissionDefaults() {
        int cores = Runtime.getRuntime().availableProcessors();
        int concurrent = Math.min(4 * cores, CurfewConfig.DATABASE_POOL_SIZE);
        assertThat(ConfigLoader.load(Map.of(), Map.of()).admission())
                .isEqualTo(new AdmissionSettings(
                        concurrent, 16 * concurrent, Duration.ofSeconds(1), Duration.ofMillis(50)));
        assertThat(ConfigLoader.load(
                                Map.of("http-max-concurrent", "3", "http-max-wait", "250ms"),
                                Map.of("CURFEW_HTTP_MAX_QUEUED", "0", "CURFEW_HTTP_TARGET_WAIT", "25ms"))
                        .admission())
                .isEqualTo(new AdmissionSettings(3, 0, Duration.ofMillis(250), Duration.ofMillis(25)));
        assertThat(ConfigLoader.load(Map.of("http-max-concurrent", "2"), Map.of())
                        .admission()
                        .queue())
                .isEqualTo(32);
    }

    @Test
    @DisplayName("admission: a count or a wait out of range or unreadable is refused, naming the key")
    void badAdmissionSettingsAreRefused() {
        assertThatThrownBy(() -> ConfigLoader.load(
                        Map.of(
                                "http-max-concurrent",
                                "0",
                                "http-max-queued",
                                "many",
                                "http-max-wait",
                                "2m",
                                "http-target-wait",
                                "0ms"),
                        Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("http-max-concurrent 0 is out of range: use 1 to 10000")
                .hasMessageContaining("http-max-queued 'many' is not a number")
                .hasMessageContaining("http-max-wait 2m is out of range: use 10ms to 1m")
                .hasMessageContaining("http-target-wait 0ms is out of range: use 1ms to 1m");
    }

    @Test
    @DisplayName("fail-safe window: 30 s unless set, 0 s to 1 h, from a flag or the environment")
    void failSafeWindow() {
        assertThat(ConfigLoader.load(Map.of(), Map.of()).failSafeWindow()).isEqualTo(Duration.ofSeconds(30));
        assertThat(ConfigLoader.load(Map.of("fail-safe-window", "0s"), Map.of()).failSafeWindow())
                .isEqualTo(Duration.ZERO);
        assertThat(ConfigLoader.load(Map.of(), Map.of("CURFEW_FAIL_SAFE_WINDOW", "2m"))
                        .failSafeWindow())
                .isEqualTo(Duration.ofMinutes(2));
        assertThatThrownBy(() -> ConfigLoader.load(Map.of("fail-safe-window", "2h"), Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("fail-safe-window 2h is out of range");
    }

    @Test
    @DisplayName("brute force: 30 failures per address, draining over 10 minutes, unless set; 0 turns it off")
    void addressSettings() {
        assertThat(ConfigLoader.load(Map.of(), Map.of()).addresses()).isEqualTo(AddressSettings.DEFAULTS);
        AddressSettings set = ConfigLoader.load(
                        Map.of("brute-force-ip-failures", "100", "brute-force-ip-window", "1h"), Map.of())
                .addresses();
        assertThat(set.failures()).isEqualTo(100);
        assertThat(set.window()).isEqualTo(Duration.ofHours(1));
        assertThat(ConfigLoader.load(Map.of("brute-force-ip-failures", "0"), Map.of())
                        .addresses()
                        .enabled())
                .isFalse();
        assertThatThrownBy(() -> ConfigLoader.load(
                        Map.of("brute-force-ip-failures", "-1", "brute-force-ip-window", "10s"), Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("brute-force-ip-failures -1 is out of range: use 0 to 100000")
                .hasMessageContaining("brute-force-ip-window 10s is out of range: use 1m to 24h (default 10m)");
    }

    @Test
    @DisplayName("every key has one environment spelling")
    void environmentNames() {
        assertThat(ConfigLoader.envName("http-port")).isEqualTo("CURFEW_HTTP_PORT");
        assertThat(ConfigLoader.envName("public-url")).isEqualTo("CURFEW_PUBLIC_URL");
        CurfewConfig config = ConfigLoader.load(
                Map.of(), Map.of("CURFEW_PUBLIC_URL", "https://id.example.com/", "CURFEW_PROXY_HEADERS", "yes"));
        assertThat(config.publicUrl()).contains(URI.create("https://id.example.com"));
        assertThat(config.proxyHeaders()).isTrue();
    }

    @Test
    @DisplayName("a port that is not a number is refused, naming the key")
    void nonNumericPortIsRefused() {
        assertThatThrownBy(() -> ConfigLoader.load(Map.of("http-port", "eighty"), Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("http-port 'eighty' is not a number");
    }

    @Test
    @DisplayName("a port out of range is refused")
    void outOfRangePortIsRefused() {
        assertThatThrownBy(() -> ConfigLoader.load(Map.of("http-port", "70000"), Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("http-port 70000 is out of range");
        assertThatThrownBy(() -> ConfigLoader.load(Map.of("http-port", "-1"), Map.of()))
                .hasMessageContaining("out of range");
    }

    @Test
    @DisplayName("a public URL that is not an absolute http(s) URL is refused")
    void badPublicUrlIsRefused() {
        for (String url : new String[] {"id.example.com", "ftp://id.example.com", "/relative", "https://"}) {
            assertThatThrownBy(() -> ConfigLoader.load(Map.of("public-url", url), Map.of()))
                    .as(url)
                    .isInstanceOf(ConfigException.class)
                    .hasMessageContaining("public-url");
        }
        assertThatThrownBy(() -> ConfigLoader.load(Map.of("public-url", "https://bad host"), Map.of()))
                .hasMessageContaining("is not a URL");
    }

    @Test
    @DisplayName("an unknown key in the file is refused, naming the key and the file")
    void unknownKeyInFileIsRefused() throws IOException {
        Path file = file("http-port=8080\nhttp_port=9090\n");
        assertThatThrownBy(() -> ConfigLoader.load(Map.of("config", file.toString()), Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("unknown key 'http_port'")
                .hasMessageContaining(file.toString());
    }

    @Test
    @DisplayName("a configuration file that cannot be read is refused, naming it")
    void missingFileIsRefused() {
        Path missing = dir.resolve("missing.properties");
        assertThatThrownBy(() -> ConfigLoader.load(Map.of("config", missing.toString()), Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(missing.toString());
    }

    @Test
    @DisplayName("a weak administrator password is refused")
    void weakAdminPasswordIsRefused() {
        assertThatThrownBy(() -> ConfigLoader.load(Map.of(), Map.of("CURFEW_ADMIN_PASSWORD", "admin")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("too weak")
                .hasMessageContaining("at least 8 characters");
    }

    @Test
    @DisplayName("an unsupported database URL, a bad boolean and a bad admin user name are refused")
    void otherBadValuesAreRefused() {
        assertThatThrownBy(() -> ConfigLoader.load(Map.of("db-url", "jdbc:mysql://db/curfew"), Map.of()))
                .hasMessageContaining("db-url");
        assertThatThrownBy(() -> ConfigLoader.load(Map.of("demo", "maybe"), Map.of()))
                .hasMessageContaining("demo 'maybe' must be true or false");
        assertThatThrownBy(() -> ConfigLoader.load(Map.of("admin-user", "bad user"), Map.of()))
                .hasMessageContaining("admin-user");
    }

    @Test
    @DisplayName("every problem is reported at once, so one restart fixes them all")
    void everyProblemIsReportedAtOnce() {
        Map<String, String> flags = new HashMap<>();
        flags.put("http-port", "x");
        flags.put("public-url", "nope");
        flags.put("admin-password", "short");
        assertThatThrownBy(() -> ConfigLoader.load(flags, Map.of()))
                .hasMessageContaining("http-port")
                .hasMessageContaining("public-url")
                .hasMessageContaining("too weak");
    }

    @Test
    @DisplayName("regression: the file's first unknown key hid every other problem; unknown keys and bad values are"
            + " reported together")
    void fileProblemsAndValueProblemsAreReportedTogether() throws IOException {
        Path file = file("http_port=9090\nadmin_user=root\ndelivery-max-age=1s\n");

        assertThatThrownBy(() -> ConfigLoader.load(Map.of("config", file.toString(), "public-url", "nope"), Map.of()))
                .isInstanceOfSatisfying(
                        ConfigException.class,
                        e -> assertThat(e.problems())
                                .hasSize(3)
                                .anySatisfy(p -> assertThat(p)
                                        .contains("unknown keys 'admin_user', 'http_port'", file.toString()))
                                .anySatisfy(p -> assertThat(p).contains("delivery-max-age 1s is out of range"))
                                .anySatisfy(p -> assertThat(p).contains("public-url 'nope'")));
    }

    @Test
    @DisplayName("a configuration file that cannot be read is reported with the other problems")
    void unreadableFileIsReportedWithTheRest() {
        Path missing = dir.resolve("missing.properties");

        assertThatThrownBy(() -> ConfigLoader.load(Map.of("config", missing.toString(), "http-port", "x"), Map.of()))
                .isInstanceOfSatisfying(
                        ConfigException.class,
                        e -> assertThat(e.problems())
                                .hasSize(2)
                                .anySatisfy(p -> assertThat(p).contains(missing.toString()))
                                .anySatisfy(p -> assertThat(p).contains("http-port 'x' is not a number")));
    }

    @Test
    @DisplayName("the configuration's text form hides the passwords")
    void toStringHidesPasswords() {
        CurfewConfig config = ConfigLoader.load(
                Map.of("admin-password", "a-long-secret-password", "db-password", "db-secret-value"), Map.of());
        assertThat(config.adminPassword()).isEqualTo(Optional.of("a-long-secret-password"));
        assertThat(config.toString()).doesNotContain("a-long-secret-password").doesNotContain("db-secret-value");
    }

    private Path file(String content) throws IOException {
        return Files.writeString(dir.resolve("curfew.properties"), content);
    }
}
