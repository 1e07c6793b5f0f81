package dev.curfew.core.session;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class IpRangeCidrTest {

    @ParameterizedTest(name = "{0} is shown as {1}")
    @CsvSource({
        "10.0.0.0/8, 10.0.0.0/8",
        "10.1.2.3/8, 10.0.0.0/8",
        "192.168.1.5, 192.168.1.5",
        "0.0.0.0/0, 0.0.0.0/0",
        "2001:db8::/32, 2001:db8::/32",
        "::1, ::1",
        "::/0, ::/0",
        "::ffff:10.0.0.0/104, 10.0.0.0/8",
        "2001:DB8:0:0:1::/80, 2001:db8:0:0:1::/80"
    })
    void aRangeIsShownInCidrNotation(String given, String shown) {
        assertThat(IpRange.parse(given).toCidr()).isEqualTo(shown);
    }

    @ParameterizedTest
    @CsvSource({"10.0.0.0/8", "172.16.0.0/12", "2001:db8::/48", "203.0.113.7"})
    void theCidrParsesBackToTheSameRange(String given) {
        IpRange range = IpRange.parse(given);
        assertThat(IpRange.parse(range.toCidr())).isEqualTo(range);
    }
}
