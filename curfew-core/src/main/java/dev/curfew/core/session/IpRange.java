package dev.curfew.core.session;

import dev.curfew.core.util.AsciiNumbers;
import java.net.InetAddress;
import java.util.HexFormat;

/**
 * An IP address or CIDR range, comparable in SQL on any database: every address is turned into a
 * 32-character hex key of its 16-byte IPv6 form (IPv4 as {@code ::ffff:a.b.c.d}), so a range is a plain
 * {@code BETWEEN low AND high} on a text column.
 */
public record IpRange(String lowKey, String highKey) {
    /** Parses {@code 10.0.0.0/8}, {@code 192.168.1.5}, {@code 2001:db8::/32} or {@code ::1}. */
    public static IpRange parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("an IP address or CIDR range is required");
        }
        String[] parts = text.strip().split("/", -1);
        if (parts.length > 2) {
            throw new IllegalArgumentException("'" + text + "' is not an IP address or CIDR range");
        }
        byte[] address = toV6(parts[0], text);
        boolean v4 = !parts[0].contains(":");
        int prefix = 128;
        if (parts.length == 2) {
            try {
                int given = AsciiNumbers.parseInt(parts[1]);
                int max = v4 ? 32 : 128;
                if (given < 0 || given > max) {
                    throw new NumberFormatException();
                }
                prefix = v4 ? 96 + given : given;
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(
                        "'" + text + "' has an invalid prefix length (IPv4: 0-32, IPv6: 0-128)");
            }
        }
        byte[] low = address.clone();
        byte[] high = address.clone();
        for (int bit = prefix; bit < 128; bit++) {
            int i = bit / 8;
            int mask = 0x80 >>> (bit % 8);
            low[i] &= (byte) ~mask;
            high[i] |= (byte) mask;
        }
        return new IpRange(HexFormat.of().formatHex(low), HexFormat.of().formatHex(high));
    }

    /** The key of one address, or empty string when it is not an IP literal (never resolves names). */
    public static String key(String ip) {
        if (ip == null || ip.isBlank()) {
            return "";
        }
        try {
            return HexFormat.of().formatHex(toV6(ip.strip(), ip));
        } catch (IllegalArgumentException e) {
            return "";
        }
    }

    public boolean contains(String ip) {
        String k = key(ip);
        return !k.isEmpty() && k.compareTo(lowKey) >= 0 && k.compareTo(highKey) <= 0;
    }

    /** Whether the address is in the range; an IPv4 address is compared in its IPv4-mapped form. */
    public boolean contains(InetAddress address) {
        byte[] raw = address.getAddress();
        String k = HexFormat.of().formatHex(raw.length == 16 ? raw : IpAddresses.mapped(raw));
        return k.compareTo(lowKey) >= 0 && k.compareTo(highKey) <= 0;
    }

    /** Never resolves a name: {@link IpAddresses#parse} accepts only literals. */
    private static byte[] toV6(String literal, String original) {
        return IpAddresses.parse(literal).orElseThrow(() -> notAnAddress(original));
    }

    private static IllegalArgumentException notAnAddress(String original) {
        return new IllegalArgumentException("'" + original + "' is not an IP address or CIDR range");
    }

    /**
     * The range in CIDR notation ({@code 10.0.0.0/8}, {@code 2001:db8::/32}; a single address without a
     * prefix), derived from the keys, the address in {@link IpAddresses}' canonical text: IPv6 as RFC 5952 §4,
     * IPv4-mapped keys as IPv4.
     */
    public String toCidr() {
        byte[] low = HexFormat.of().parseHex(lowKey);
        byte[] high = HexFormat.of().parseHex(highKey);
        int prefix = 0;
        while (prefix < 128 && bit(low, prefix) == bit(high, prefix)) {
            prefix++;
        }
        // Below a 96-bit prefix the low address has a zero bit among the ffff of an IPv4-mapped one.
        boolean v4 = IpAddresses.isV4Mapped(low);
        int shown = v4 ? prefix - 96 : prefix;
        return prefix == 128 ? IpAddresses.format(low) : IpAddresses.format(low) + "/" + shown;
    }

    private static int bit(byte[] bytes, int index) {
        return (bytes[index / 8] >>> (7 - index % 8)) & 1;
    }
}
