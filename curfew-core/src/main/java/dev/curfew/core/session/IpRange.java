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
    /** Four decimal octets 0-255, without leading zeros (which some parsers read as octal). */
    private static final Pattern IPV4 = Pattern.compile(
            "(?:(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])\\.){3}(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])");

    /**
     * Hex groups with colons (a trailing dotted IPv4 allowed). Text with a colon that starts with a hex
     * digit or a colon is parsed as a literal by {@code InetAddress}, never looked up.
     */
    private static final Pattern IPV6 = Pattern.compile("[0-9a-fA-F:][0-9a-fA-F:.]*:[0-9a-fA-F:.]*");

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

    /** Whether the address is in the range; an IPv4 address is compared in its IPv4-mapped form. */
    public boolean contains(InetAddress address) {
        byte[] raw = address.getAddress();
        String k = HexFormat.of().formatHex(raw.length == 16 ? raw : mapped(raw));
        return k.compareTo(lowKey) >= 0 && k.compareTo(highKey) <= 0;
    }

    /**
     * IPv4 is parsed here; IPv6 is left to {@code InetAddress.getByName} only in a form it parses without a
     * DNS query (it resolves any other text as a host name, e.g. {@code dead.beef.cafe.face} or
     * {@code 256.1.1.1}).
     */
    private static byte[] toV6(String literal, String original) {
        if (IPV4.matcher(literal).matches()) {
            String[] octets = literal.split("\\.");
            byte[] v4 = new byte[4];
            for (int i = 0; i < 4; i++) {
                v4[i] = (byte) Integer.parseInt(octets[i]);
            }
            return mapped(v4);
        }
        if (!IPV6.matcher(literal).matches()) {
            throw notAnAddress(original);
        }
        try {
            byte[] raw = InetAddress.getByName(literal).getAddress();
            // An IPv4-mapped literal (::ffff:a.b.c.d) comes back as IPv4.
            return raw.length == 16 ? raw : mapped(raw);
        } catch (UnknownHostException e) {
            throw notAnAddress(original);
        }
    }

    private static byte[] mapped(byte[] v4) {
        byte[] v6 = new byte[16];
        v6[10] = (byte) 0xff;
        v6[11] = (byte) 0xff;
        System.arraycopy(v4, 0, v6, 12, 4);
        return v6;
    }

    private static IllegalArgumentException notAnAddress(String original) {
        return new IllegalArgumentException("'" + original + "' is not an IP address or CIDR range");
    }

    /**
     * The range in CIDR notation ({@code 10.0.0.0/8}, {@code 2001:db8::/32}; a single address without a
     * prefix), derived from the keys; IPv4-mapped keys are shown as IPv4.
     */
    public String toCidr() {
        byte[] low = HexFormat.of().parseHex(lowKey);
        byte[] high = HexFormat.of().parseHex(highKey);
        int prefix = 0;
        while (prefix < 128 && bit(low, prefix) == bit(high, prefix)) {
            prefix++;
        }
        boolean v4 = prefix >= 96 && isV4Mapped(low);
        String address;
        if (v4) {
            address = (low[12] & 0xff) + "." + (low[13] & 0xff) + "." + (low[14] & 0xff) + "." + (low[15] & 0xff);
        } else {
            try {
                address = InetAddress.getByAddress(low).getHostAddress();
            } catch (UnknownHostException e) {
                throw new IllegalStateException("16 bytes always form an address", e);
            }
        }
        int shown = v4 ? prefix - 96 : prefix;
        return prefix == 128 ? address : address + "/" + shown;
    }

    private static int bit(byte[] bytes, int index) {
        return (bytes[index / 8] >>> (7 - index % 8)) & 1;
    }

    private static boolean isV4Mapped(byte[] address) {
        for (int i = 0; i < 10; i++) {
            if (address[i] != 0) {
                return false;
            }
        }
        return address[10] == (byte) 0xff && address[11] == (byte) 0xff;
    }
}
