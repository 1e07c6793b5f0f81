package dev.curfew.core.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.UnknownHostException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IpRangeTest {

    @Test
    void ipv4AddressIsKeyedAsItsIpv4MappedIpv6Form() {
        assertThat(IpRange.key("192.0.2.1")).isEqualTo("00000000000000000000ffffc0000201");
        assertThat(IpRange.key("::ffff:192.0.2.1")).isEqualTo(IpRange.key("192.0.2.1"));
    }

    @Test
    void ipv6AddressIsKeyedWhateverItsNotation() {
        assertThat(IpRange.key("2001:db8::1")).isEqualTo("20010db8000000000000000000000001");
        assertThat(IpRange.key("2001:0DB8:0:0:0:0:0:1")).isEqualTo(IpRange.key("2001:db8::1"));
        assertThat(IpRange.key(" ::1 ")).isEqualTo("00000000000000000000000000000001");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "unknown", "example.com", "192.0.2", "300.1.1.1", "2001:db8::1%eth0"})
    void textThatIsNotAnAddressHasTheEmptyKey(String text) {
        assertThat(IpRange.key(text)).isEmpty();
    }

    @Test
    void absentAddressHasTheEmptyKey() {
        assertThat(IpRange.key(null)).isEmpty();
    }

    @Test
    void ipv4CidrCoversItsWholeBlock() {
        IpRange range = IpRange.parse("10.0.0.0/8");

        assertThat(range.lowKey()).isEqualTo(IpRange.key("10.0.0.0"));
        assertThat(range.highKey()).isEqualTo(IpRange.key("10.255.255.255"));
        assertThat(range.contains("10.0.0.0")).isTrue();
        assertThat(range.contains("10.255.255.255")).isTrue();
        assertThat(range.contains("9.255.255.255")).isFalse();
        assertThat(range.contains("11.0.0.0")).isFalse();
    }

    @Test
    void hostBitsOfTheBaseAddressAreIgnored() {
        assertThat(IpRange.parse("192.0.2.77/24")).isEqualTo(IpRange.parse("192.0.2.0/24"));
        assertThat(IpRange.parse("2001:db8::ffff/32")).isEqualTo(IpRange.parse("2001:db8::/32"));
    }

    @Test
    void ipv6CidrCoversItsWholeBlock() {
        IpRange range = IpRange.parse("2001:db8::/32");

        assertThat(range.contains("2001:db8::")).isTrue();
        assertThat(range.contains("2001:db8:ffff:ffff:ffff:ffff:ffff:ffff")).isTrue();
        assertThat(range.contains("2001:db9::")).isFalse();
        assertThat(range.contains("10.0.0.1")).isFalse();
    }

    @Test
    void singleAddressIsARangeOfOne() {
        IpRange one = IpRange.parse("192.0.2.1");

        assertThat(one.lowKey()).isEqualTo(one.highKey());
        assertThat(one).isEqualTo(IpRange.parse("192.0.2.1/32"));
        assertThat(one.contains("::ffff:192.0.2.1")).isTrue();
        assertThat(one.contains("192.0.2.2")).isFalse();
        assertThat(IpRange.parse("::1")).isEqualTo(IpRange.parse("::1/128"));
    }

    @Test
    void zeroPrefixesSpanTheirWholeFamily() {
        assertThat(IpRange.parse("0.0.0.0/0").contains("255.255.255.255")).isTrue();
        assertThat(IpRange.parse("0.0.0.0/0").contains("2001:db8::1")).isFalse();
        assertThat(IpRange.parse("::/0").contains("2001:db8::1")).isTrue();
        assertThat(IpRange.parse("::/0").contains("192.0.2.1")).isTrue();
    }

    @Test
    void nothingContainsAnUnparsableAddress() {
        assertThat(IpRange.parse("::/0").contains("")).isFalse();
        assertThat(IpRange.parse("::/0").contains("not-an-ip")).isFalse();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "10.0.0.0/33",
                "10.0.0.0/-1",
                "10.0.0.0/x",
                "10.0.0.0/",
                "2001:db8::/129",
                // digits of other scripts: the JDK reads them as 32 and 24
                "1.2.3.4/٣٢",
                "10.0.0.0/２４",
                "10.0.0.0/+8"
            })
    void invalidPrefixLengthIsRefusedWithTheAllowedRange(String text) {
        assertThatThrownBy(() -> IpRange.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("'" + text + "' has an invalid prefix length (IPv4: 0-32, IPv6: 0-128)");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "example.com",
                "10.0.0",
                "10.0.0.0.0",
                "256.0.0.1",
                "10.0.0.0/8/8",
                "2001:db8:::1",
                "2001:db8::g",
                "1.2.3.4:80",
                "010.0.0.1"
            })
    void malformedAddressIsRefusedNamingTheInput(String text) {
        assertThatThrownBy(() -> IpRange.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("'" + text + "' is not an IP address or CIDR range");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "  "})
    void blankInputIsRefused(String text) {
        assertThatThrownBy(() -> IpRange.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("an IP address or CIDR range is required");
        assertThatThrownBy(() -> IpRange.parse(null)).isInstanceOf(IllegalArgumentException.class);
    }

    /**
     * Parsing admin input and session addresses must never query DNS: it would be slow, leak the input to
     * a resolver, and a name that resolves would be silently accepted as an address. Names made only of
     * hex digits and dots look like literals to a lenient check, and {@code InetAddress.getByName} would
     * look them up.
     */
    @ParameterizedTest
    @ValueSource(
            strings = {
                "example.com",
                "dead.beef.cafe.face",
                "1.2.3.a",
                "a.b.c.d/8",
                "256.1.1.1",
                ".1.2.3",
                ".1:2",
                "1.2.3.4:80",
                "2001:db8:::1"
            })
    void namesAreRefusedWithoutAnyLookup(String text) throws UnknownHostException {
        assertThat(InetAddress.getByName("192.0.2.1")).isNotNull();
        int before = RecordingResolverProvider.lookups().size();

        assertThatThrownBy(() -> IpRange.parse(text)).isInstanceOf(IllegalArgumentException.class);
        assertThat(IpRange.key(text)).isEmpty();

        assertThat(RecordingResolverProvider.lookups()).hasSize(before);
    }

    @Test
    void theRecordingResolverSeesLookupsSoTheTestAboveCanFail() {
        int before = RecordingResolverProvider.lookups().size();

        // A name of its own: the JDK caches failed lookups, so a name looked up here would not be looked up again.
        assertThatThrownBy(() -> InetAddress.getByName("curfew-resolver-check.example"))
                .isInstanceOf(UnknownHostException.class);

        assertThat(RecordingResolverProvider.lookups()).hasSize(before + 1).endsWith("curfew-resolver-check.example");
    }
}
