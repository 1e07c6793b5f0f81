package dev.curfew.core.session;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * An IP address or CIDR range, comparable in SQL on any database: every address is turned into a
 * 32-character hex key of its 16-byte IPv6 form (IPv4 as {@code ::ffff:a.b.c.d}), so a range is a plain
 * {@code BETWEEN low AND high} on a text column.
 */
public record IpRange(String lowKey, String highKey) {
    private static final Pattern LITERAL = Pattern.compile("[0-9a-fA-F:.]+");

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
                int given = Integer.parseInt(parts[1]);
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

    private static byte[] toV6(String literal, String original) {
        // InetAddress.getByName would resolve host names: accept literals only.
        if (!LITERAL.matcher(literal).matches()
                || (!literal.contains(":")
                        && literal.chars().filter(c -> c == '.').count() != 3)) {
            throw new IllegalArgumentException("'" + original + "' is not an IP address or CIDR range");
        }
        try {
            byte[] raw = InetAddress.getByName(literal).getAddress();
            if (raw.length == 16) {
                return raw;
            }
            byte[] mapped = new byte[16];
            mapped[10] = (byte) 0xff;
            mapped[11] = (byte) 0xff;
            System.arraycopy(raw, 0, mapped, 12, 4);
            return mapped;
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("'" + original + "' is not an IP address or CIDR range");
        }
    }
}
