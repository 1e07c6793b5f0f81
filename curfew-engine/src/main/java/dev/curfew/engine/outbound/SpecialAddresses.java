package dev.curfew.engine.outbound;

import dev.curfew.core.session.IpRange;
import java.net.InetAddress;
import java.util.List;
import java.util.Optional;

/**
 * Addresses that do not belong to a receiver on the internet: Curfew's own host, the networks around it and the
 * cloud metadata services on them (169.254.169.254), and addresses that are not a single host at all. Sources: the
 * IANA IPv4 and IPv6 Special-Purpose Address Registries (RFC 6890), RFC 1918 (private), RFC 6598 (shared, CGNAT),
 * RFC 3927 and RFC 4291 §2.5.6 (link-local), RFC 4193 (unique local), RFC 3879 (deprecated site-local).
 *
 * <p>IPv6 forms that carry an IPv4 address — IPv4-mapped {@code ::ffff:a.b.c.d} (RFC 4291 §2.5.5.2),
 * IPv4-compatible {@code ::a.b.c.d} (§2.5.5.1), IPv4-translated {@code ::ffff:0:a.b.c.d} (RFC 2765), NAT64
 * {@code 64:ff9b::/96} (RFC 6052) and 6to4 {@code 2002::/16} (RFC 3056) — are judged by the IPv4 address they
 * carry, since that is where a translating network delivers them. Teredo (RFC 4380) hides its IPv4 address behind
 * an XOR and no receiver uses it, so it is refused whole.
 */
final class SpecialAddresses {
    static final String LOOPBACK = "loopback address";
    static final String PRIVATE = "private address";
    static final String SHARED = "shared (carrier-grade NAT) address";
    static final String LINK_LOCAL = "link-local address";
    static final String MULTICAST = "multicast address";
    static final String UNSPECIFIED = "unspecified address";
    static final String BROADCAST = "broadcast address";
    static final String RESERVED = "reserved address";

    private record Range(IpRange range, String kind) {}

    /** Checked in order: the first range holding the address names its kind. */
    private static final List<Range> V4 = List.of(
            range("0.0.0.0/8", UNSPECIFIED), // "this network"; 0.0.0.0 reaches the local host on Linux
            range("127.0.0.0/8", LOOPBACK),
            range("10.0.0.0/8", PRIVATE),
            range("172.16.0.0/12", PRIVATE),
            range("192.168.0.0/16", PRIVATE),
            range("100.64.0.0/10", SHARED),
            range("169.254.0.0/16", LINK_LOCAL),
            range("192.0.0.0/24", RESERVED), // IETF protocol assignments
            range("198.18.0.0/15", RESERVED), // benchmarking networks, often used inside data centres
            range("224.0.0.0/4", MULTICAST),
            range("255.255.255.255/32", BROADCAST),
            range("240.0.0.0/4", RESERVED));

    private static final List<Range> V6 = List.of(
            range("::/128", UNSPECIFIED),
            range("::1/128", LOOPBACK),
            range("64:ff9b:1::/48", PRIVATE), // local-use NAT64 (RFC 8215): translated inside the network
            range("100::/64", RESERVED), // discard-only (RFC 6666)
            range("2001::/32", RESERVED), // Teredo
            range("fc00::/7", PRIVATE),
            range("fe80::/10", LINK_LOCAL),
            range("fec0::/10", PRIVATE),
            range("ff00::/8", MULTICAST));

    private SpecialAddresses() {}

    /** What kind of special address this is ({@link #LOOPBACK}, ...), or empty for an ordinary one. */
    static Optional<String> kind(InetAddress address) {
        byte[] raw = address.getAddress();
        if (raw.length == 4) {
            return find(V4, address);
        }
        Optional<String> native6 = find(V6, address);
        if (native6.isPresent()) {
            return native6;
        }
        return embedded(raw);
    }

    /** The kind of the IPv4 address an IPv6 address carries, when it carries one. */
    private static Optional<String> embedded(byte[] a) {
        if (zero(a, 0, 10) && (a[10] & a[11] & 0xff) == 0xff) {
            return kind4(a, 12); // IPv4-mapped, in case a resolver hands one over as IPv6
        }
        if (zero(a, 0, 12)) {
            // IPv4-compatible: deprecated (RFC 4291 §2.5.5.1), never a receiver's address.
            return kind4(a, 12).or(() -> Optional.of(RESERVED));
        }
        if (zero(a, 0, 8) && (a[8] & a[9] & 0xff) == 0xff && zero(a, 10, 12)) {
            return kind4(a, 12).or(() -> Optional.of(RESERVED)); // IPv4-translated
        }
        if (a[0] == 0 && a[1] == 0x64 && (a[2] & 0xff) == 0xff && (a[3] & 0xff) == 0x9b && zero(a, 4, 12)) {
            return kind4(a, 12); // NAT64 well-known prefix: a public IPv4 address behind it is a fine receiver
        }
        if (a[0] == 0x20 && a[1] == 0x02) {
            return kind4(a, 2); // 6to4
        }
        return Optional.empty();
    }

    private static Optional<String> kind4(byte[] a, int from) {
        byte[] v4 = {a[from], a[from + 1], a[from + 2], a[from + 3]};
        try {
            return find(V4, InetAddress.getByAddress(v4));
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException("four bytes always form an IPv4 address", e);
        }
    }

    private static boolean zero(byte[] a, int from, int to) {
        for (int i = from; i < to; i++) {
            if (a[i] != 0) {
                return false;
            }
        }
        return true;
    }

    private static Optional<String> find(List<Range> ranges, InetAddress address) {
        for (Range r : ranges) {
            if (r.range().contains(address)) {
                return Optional.of(r.kind());
            }
        }
        return Optional.empty();
    }

    private static Range range(String cidr, String kind) {
        return new Range(IpRange.parse(cidr), kind);
    }
}
