package dev.curfew.core.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.UnknownHostException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("IP addresses in canonical text: RFC 5952 §4 for IPv6, IPv4-mapped as IPv4")
class IpAddressesTest {

    @ParameterizedTest(name = "{0} is written {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                // Jetty's report of an IPv6 client: bracketed and uncompressed (the bug).
                "[0:0:0:0:0:0:0:1]|::1",
                "0:0:0:0:0:0:0:1|::1",
                "::1|::1",
                "[::1]:8080|::1",
                // §4.3 lower case, §4.1 no leading zeros.
                "2001:0DB8:0000:0000:0000:0000:0000:0001|2001:db8::1",
                // §4.2.2: a single zero group is not compressed.
                "2001:db8:0:1:1:1:1:1|2001:db8:0:1:1:1:1:1",
                // §4.2.3: the longest run; the first of equal runs.
                "2001:0:0:1:0:0:0:1|2001:0:0:1::1",
                "2001:db8:0:0:1:0:0:1|2001:db8::1:0:0:1",
                "0:0:0:0:0:0:0:0|::",
                "fe80:0:0:0:0:0:0:0|fe80::",
                // A zone names an interface of the reporting host, not the client.
                "fe80::1%eth0|fe80::1",
                // IPv4 and IPv4-mapped addresses: the IPv4 address they denote.
                "192.0.2.1|192.0.2.1",
                "::ffff:192.0.2.1|192.0.2.1",
                "::FFFF:c000:0201|192.0.2.1",
                "[::ffff:192.0.2.1]:443|192.0.2.1",
                "192.0.2.1:51234|192.0.2.1",
                " 198.51.100.7 |198.51.100.7"
            })
    void addressesAreWrittenCanonically(String reported, String canonical) {
        assertThat(IpAddresses.canonical(reported)).contains(canonical);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {"", " ", "unknown", "example.com", "192.0.2", "300.1.1.1", "[::1", "[example.com]", "01.2.3.4"})
    @DisplayName("text that is not an IP address has no canonical form, and no name is looked up")
    void nonAddressesHaveNone(String reported) {
        assertThat(IpAddresses.canonical(reported)).isEmpty();
    }

    @Test
    void absentAddressHasNone() {
        assertThat(IpAddresses.canonical(null)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "::1",
                "2001:db8::1",
                "2001:db8:85a3::8a2e:370:7334",
                "fe80::",
                "1::",
                "::2:3:4:5:6:7",
                "0:2:3:4:5:6:7:8"
            })
    @DisplayName("the canonical text parses back to the same address")
    void canonicalTextIsTheSameAddress(String address) throws UnknownHostException {
        String canonical = IpAddresses.canonical(address).orElseThrow();
        assertThat(canonical).isEqualTo(address);
        assertThat(InetAddress.getByName(canonical)).isEqualTo(InetAddress.getByName(address));
    }
}
