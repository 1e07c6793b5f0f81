package dev.curfew.engine.outbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("Outbound URL policy: where notifications may be sent")
class OutboundPolicyTest {
    /** Names only these tests know, so no test depends on the machine's DNS. */
    private static final Map<String, List<String>> NAMES = Map.of(
            "rp.example.com", List.of("93.184.216.34"),
            "rebound.example.com", List.of("127.0.0.1"),
            "metadata.example.com", List.of("169.254.169.254"),
            "mixed.example.com", List.of("93.184.216.34", "10.1.2.3"),
            "v6.example.com", List.of("2606:2800:220:1:248:1893:25c8:1946"),
            "hooks.internal.example", List.of("10.20.30.40"),
            "gateway.internal.example", List.of("10.1.2.3"));

    private static final HostResolver RESOLVER = host -> {
        List<String> addresses = NAMES.get(host);
        if (addresses == null) {
            throw new UnknownHostException(host);
        }
        return addresses.stream().map(OutboundPolicyTest::address).toList();
    };

    private static final OutboundPolicy DEFAULT = new OutboundPolicy(OutboundAllowList.NONE, RESOLVER);

    private static InetAddress address(String literal) {
        return Hosts.literal(literal).orElseThrow();
    }

    private static String registration(OutboundPolicy policy, String url) {
        return policy.registrationProblem(URI.create(url)).orElse("allowed");
    }

    @Nested
    @DisplayName("the kind of an address, IPv4 and every IPv6 form")
    class Kinds {
        @ParameterizedTest(name = "{0} is a {1}")
        @CsvSource({
            "127.0.0.1, loopback address",
            "127.255.255.254, loopback address",
            "::1, loopback address",
            "::ffff:127.0.0.1, loopback address",
            "::ffff:7f00:1, loopback address",
            "::127.0.0.1, loopback address",
            "::ffff:0:127.0.0.1, loopback address",
            "64:ff9b::127.0.0.1, loopback address",
            "2002:7f00:1::, loopback address",
            "10.0.0.1, private address",
            "172.16.0.1, private address",
            "172.31.255.255, private address",
            "192.168.1.1, private address",
            "fc00::1, private address",
            "fd12:3456::1, private address",
            "fec0::1, private address",
            "64:ff9b:1::a00:1, private address",
            "::ffff:10.0.0.1, private address",
            "2002:c0a8:101::1, private address",
            "100.64.0.1, shared (carrier-grade NAT) address",
            "100.127.255.255, shared (carrier-grade NAT) address",
            "169.254.169.254, link-local address",
            "::ffff:169.254.169.254, link-local address",
            "fe80::1, link-local address",
            "febf::1, link-local address",
            "224.0.0.1, multicast address",
            "239.255.255.250, multicast address",
            "ff02::1, multicast address",
            "0.0.0.0, unspecified address",
            "0.1.2.3, unspecified address",
            "::, unspecified address",
            "::ffff:0.0.0.0, unspecified address",
            "255.255.255.255, broadcast address",
            "240.0.0.1, reserved address",
            "198.18.0.1, reserved address",
            "192.0.0.170, reserved address",
            "::8.8.8.8, reserved address",
            "2001:0:4136:e378::1, reserved address",
            "100::1, reserved address"
        })
        void specialAddressesAreNamed(String literal, String kind) {
            assertThat(SpecialAddresses.kind(address(literal))).contains(kind);
        }

        @ParameterizedTest(name = "{0} is an ordinary address")
        @ValueSource(
                strings = {
                    "93.184.216.34",
                    "8.8.8.8",
                    "172.32.0.1",
                    "100.128.0.1",
                    "169.253.255.255",
                    "11.0.0.1",
                    "2606:2800:220:1:248:1893:25c8:1946",
                    "::ffff:93.184.216.34",
                    "64:ff9b::93.184.216.34",
                    "2002:5db8:d822::1"
                })
        void ordinaryAddressesAreNot(String literal) {
            assertThat(SpecialAddresses.kind(address(literal))).isEmpty();
        }
    }

    @Nested
    @DisplayName("hosts written as numbers are read as the C library reads them")
    class NumericHosts {
        @ParameterizedTest(name = "{0} is 127.0.0.1")
        @ValueSource(
                strings = {
                    "127.0.0.1",
                    "2130706433",
                    "0x7f000001",
                    "0X7F000001",
                    "0177.0.0.1",
                    "0x7f.0.0.1",
                    "127.1",
                    "127.0.1",
                    "0177.0.0.01",
                    "017700000001"
                })
        void everySpellingOfLoopback(String host) {
            assertThat(Hosts.literal(host)).contains(address("127.0.0.1"));
        }

        @ParameterizedTest(name = "{0} is no address")
        @ValueSource(strings = {"256.0.0.1", "1.2.3.4.5", "08.0.0.1", "4294967296", "rp.example.com", "1e100.net"})
        void malformedNumbersAndNamesAreNotAddresses(String host) {
            assertThat(Hosts.literal(host)).isEmpty();
        }

        @Test
        @DisplayName("IPv6 literals in brackets, with a zone, and names that look like hex are told apart")
        void ipv6AndHexLookingNames() {
            assertThat(Hosts.literal(Hosts.normalize("[::1]"))).contains(address("::1"));
            assertThat(Hosts.literal(Hosts.normalize("[fe80::1%25eth0]"))).contains(address("fe80::1"));
            assertThat(Hosts.literal("dead.beef")).isEmpty();
            assertThat(Hosts.isNumeric("dead.beef")).isFalse();
        }
    }

    @Nested
    @DisplayName("at registration (no DNS)")
    class Registration {
        @ParameterizedTest(name = "{0} is refused")
        @CsvSource(
                delimiter = '|',
                value = {
                    "https://127.0.0.1/logout | destination not allowed: loopback address",
                    "https://127.0.0.1:8443/logout | destination not allowed: loopback address",
                    "https://[::1]/logout | destination not allowed: loopback address",
                    "https://[::ffff:127.0.0.1]/logout | destination not allowed: loopback address",
                    "https://[0:0:0:0:0:0:0:1]/logout | destination not allowed: loopback address",
                    "https://localhost/logout | destination not allowed: localhost",
                    "https://LOCALHOST./logout | destination not allowed: localhost",
                    "https://app.localhost/logout | destination not allowed: localhost",
                    "https://0x7f000001/logout | destination not allowed: loopback address",
                    "https://2130706433/logout | destination not allowed: loopback address",
                    "https://0177.0.0.1/logout | destination not allowed: loopback address",
                    "https://169.254.169.254/latest/meta-data/ | destination not allowed: link-local address",
                    "https://[fe80::1]/ | destination not allowed: link-local address",
                    "https://10.0.0.5/hook | destination not allowed: private address",
                    "https://[fd00::5]/hook | destination not allowed: private address",
                    "https://100.64.1.1/hook | destination not allowed: shared (carrier-grade NAT) address",
                    "https://0.0.0.0/hook | destination not allowed: unspecified address",
                    "https://[::]/hook | destination not allowed: unspecified address",
                    "https://255.255.255.255/hook | destination not allowed: broadcast address",
                    "https://224.0.0.1/hook | destination not allowed: multicast address",
                    "https://256.1.1.1/hook | the host '256.1.1.1' is not a valid IP address",
                    "http://rp.example.com/logout | destination not allowed: plain http is allowed only to destinations"
                            + " in outbound-allow",
                    "http://93.184.216.34/logout | destination not allowed: plain http is allowed only to destinations"
                            + " in outbound-allow"
                })
        void forbiddenDestinationsAreRefused(String url, String problem) {
            assertThat(registration(DEFAULT, url)).isEqualTo(problem);
        }

        @ParameterizedTest(name = "{0} is allowed")
        @ValueSource(
                strings = {
                    "https://rp.example.com/logout",
                    "https://rp.example.com:8443/logout?x=1",
                    "https://93.184.216.34/logout",
                    "https://[2606:2800:220:1:248:1893:25c8:1946]/logout",
                    "https://rebound.example.com/logout"
                })
        void ordinaryHttpsDestinationsAreAllowed(String url) {
            // rebound.example.com resolves to loopback, but names are judged when used: see "at send time".
            assertThat(registration(DEFAULT, url)).isEqualTo("allowed");
        }

        @ParameterizedTest(name = "{0} is left to the caller''s own check")
        @ValueSource(strings = {"ftp://127.0.0.1/x", "/relative", "mailto:a@127.0.0.1"})
        void urlsThatAreNotHttpAreNotJudged(String url) {
            assertThat(registration(DEFAULT, url)).isEqualTo("allowed");
        }

        @Test
        @DisplayName("outbound-allow admits its networks and hosts, over http too; nothing else")
        void allowListAdmitsItsNetworksAndHosts() {
            OutboundPolicy policy = new OutboundPolicy(
                    OutboundAllowList.parse("10.0.0.0/8, hooks.internal.example,127.0.0.1/32,::1/128,localhost"),
                    RESOLVER);
            assertThat(registration(policy, "http://10.1.2.3:8080/hook")).isEqualTo("allowed");
            assertThat(registration(policy, "http://127.0.0.1:9000/logout")).isEqualTo("allowed");
            assertThat(registration(policy, "http://[::1]:9000/logout")).isEqualTo("allowed");
            assertThat(registration(policy, "http://hooks.internal.example/hook"))
                    .isEqualTo("allowed");
            assertThat(registration(policy, "http://localhost:9000/logout")).isEqualTo("allowed");
            assertThat(registration(policy, "https://127.0.0.2/logout"))
                    .isEqualTo("destination not allowed: loopback address");
            assertThat(registration(policy, "https://192.168.1.1/hook"))
                    .isEqualTo("destination not allowed: private address");
            assertThat(registration(policy, "http://gateway.internal.example/hook"))
                    .as("a name resolving into an allowed network is not an allowed name: https only")
                    .startsWith("destination not allowed: plain http");
        }
    }

    @Nested
    @DisplayName("at send time: the addresses the host resolves to")
    class SendTime {
        @Test
        @DisplayName("a name resolving to a forbidden address is refused, whatever the URL looked like")
        void namesAreJudgedByTheirAddresses() {
            assertThatThrownBy(() -> DEFAULT.resolve("rebound.example.com"))
                    .isInstanceOf(DestinationRefused.class)
                    .hasMessage("destination not allowed: loopback address");
            assertThatThrownBy(() -> DEFAULT.resolve("metadata.example.com"))
                    .isInstanceOf(DestinationRefused.class)
                    .hasMessage("destination not allowed: link-local address");
        }

        @Test
        @DisplayName("one forbidden address among ordinary ones refuses the name whole")
        void oneForbiddenAddressRefusesTheName() {
            assertThatThrownBy(() -> DEFAULT.resolve("mixed.example.com"))
                    .isInstanceOf(DestinationRefused.class)
                    .hasMessage("destination not allowed: private address");
        }

        @Test
        @DisplayName("ordinary names give their addresses; numeric hosts are read without DNS")
        void ordinaryNamesAndNumericHosts() throws Exception {
            assertThat(DEFAULT.resolve("rp.example.com")).containsExactly(address("93.184.216.34"));
            assertThat(DEFAULT.resolve("v6.example.com"))
                    .containsExactly(address("2606:2800:220:1:248:1893:25c8:1946"));
            assertThat(DEFAULT.resolve("93.184.216.34")).containsExactly(address("93.184.216.34"));
            assertThatThrownBy(() -> DEFAULT.resolve("0x7f000001"))
                    .hasMessage("destination not allowed: loopback address");
            assertThatThrownBy(() -> DEFAULT.resolve("[::ffff:169.254.169.254]"))
                    .hasMessage("destination not allowed: link-local address");
            assertThatThrownBy(() -> DEFAULT.resolve("nowhere.example.com")).isInstanceOf(UnknownHostException.class);
        }

        @Test
        @DisplayName(
                "outbound-allow: an allowed name goes wherever it resolves, an allowed network admits its addresses")
        void allowListAtSendTime() throws Exception {
            OutboundPolicy policy =
                    new OutboundPolicy(OutboundAllowList.parse("hooks.internal.example,10.1.0.0/16"), RESOLVER);
            assertThat(policy.resolve("hooks.internal.example")).containsExactly(address("10.20.30.40"));
            assertThat(policy.resolve("gateway.internal.example")).containsExactly(address("10.1.2.3"));
            assertThatThrownBy(() -> policy.resolve("rebound.example.com")).isInstanceOf(DestinationRefused.class);
        }

        @Test
        @DisplayName("before each attempt: plain http only to allow-listed destinations, and a URL with a host")
        void urlCheckBeforeEachAttempt() {
            OutboundPolicy policy = new OutboundPolicy(OutboundAllowList.parse("127.0.0.1/32"), RESOLVER);
            assertThatThrownBy(() -> DEFAULT.checkUrl(URI.create("http://rp.example.com/logout")))
                    .hasMessage(
                            "destination not allowed: plain http is allowed only to destinations in outbound-allow");
            // java.net.URI finds no host in an authority that is no DNS name (an underscore): neither can a client.
            assertThatThrownBy(() -> DEFAULT.checkUrl(URI.create("https://under_score.example/")))
                    .hasMessage("destination not allowed: not an absolute http or https URL with a host");
            assertThatThrownBy(() -> DEFAULT.checkUrl(URI.create("file:///etc/passwd")))
                    .isInstanceOf(DestinationRefused.class);
            org.assertj.core.api.Assertions.assertThatCode(() -> {
                        DEFAULT.checkUrl(URI.create("https://rp.example.com/logout"));
                        policy.checkUrl(URI.create("http://127.0.0.1:9000/logout"));
                    })
                    .doesNotThrowAnyException();
        }
    }

    @Nested
    @DisplayName("outbound-allow's syntax")
    class AllowListSyntax {
        @Test
        @DisplayName("ranges, single addresses and host names, separated by commas or spaces; blank is none")
        void parsesEveryEntryKind() {
            OutboundAllowList list =
                    OutboundAllowList.parse(" 10.0.0.0/8, Hooks.Internal.Example.  127.0.0.1 [::1] fd00::/8 ");
            assertThat(list.networks()).hasSize(4);
            assertThat(list.hosts()).containsExactly("hooks.internal.example");
            assertThat(OutboundAllowList.parse("  ")).isEqualTo(OutboundAllowList.NONE);
        }

        @ParameterizedTest(name = "{0} is refused")
        @ValueSource(strings = {"10.0.0.0/33", "0177.0.0.1", "*.internal.example", "10.0.0.0/8,bad_host"})
        void badEntriesAreNamed(String text) {
            assertThatThrownBy(() -> OutboundAllowList.parse(text))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("'");
        }
    }
}
