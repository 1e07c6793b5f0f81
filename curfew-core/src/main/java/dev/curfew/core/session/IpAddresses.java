package dev.curfew.core.session;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * IP addresses as text: parsed without ever resolving a name, and written in one canonical form, so that a client
 * is shown, stored and found the same way whoever reported its address (the socket, a proxy's {@code
 * X-Forwarded-For}).
 *
 * <p>IPv6 is written as RFC 5952 §4 says: lower case, no leading zeros, the longest run of two or more zero groups
 * (the first of equal runs) compressed to {@code ::}, no brackets, no zone. An IPv4-mapped address ({@code
 * ::ffff:a.b.c.d}, RFC 4291 §2.5.5.2) denotes an IPv4 node and is written as that IPv4 address: Java and Jetty
 * already report IPv4 clients of a dual-stack socket so, and a client then has one text whether a socket or a
 * proxy reported it. (RFC 5952 §5 recommends the mixed form {@code ::ffff:192.0.2.1} for writing such an address as
 * IPv6; Curfew writes the IPv4 address it maps instead, and IP filters find it under both, see {@link IpRange}.)
 */
public final class IpAddresses {
    /** Four decimal octets 0-255, without leading zeros (which some parsers read as octal). */
    private static final Pattern IPV4 = Pattern.compile(
            "(?:(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])\\.){3}(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])");

    /**
     * Hex groups with colons (a trailing dotted IPv4 allowed). Text with a colon that starts with a hex digit or a
     * colon is parsed as a literal by {@code InetAddress}, never looked up.
     */
    private static final Pattern IPV6 = Pattern.compile("[0-9a-fA-F:][0-9a-fA-F:.]*:[0-9a-fA-F:.]*");

    /** {@code [v6]} or {@code [v6]:port}, as in a URI's authority or some proxies' headers. */
    private static final Pattern BRACKETED = Pattern.compile("\\[([^\\]]*)\\](?::[0-9]{1,5})?");

    /** {@code a.b.c.d:port}, as some proxies write the client's address. */
    private static final Pattern IPV4_WITH_PORT = Pattern.compile("([0-9.]+):[0-9]{1,5}");

    private IpAddresses() {}

    /**
     * The canonical text of an address as a socket or proxy reports it — a literal, {@code [v6]} or {@code
     * [v6]:port}, {@code a.b.c.d:port}, an IPv6 zone ({@code %eth0}) dropped — or empty when it is not an IP
     * address.
     */
    public static Optional<String> canonical(String reported) {
        if (reported == null || reported.isBlank()) {
            return Optional.empty();
        }
        String literal = reported.strip();
        Matcher bracketed = BRACKETED.matcher(literal);
        Matcher withPort = IPV4_WITH_PORT.matcher(literal);
        if (bracketed.matches()) {
            literal = bracketed.group(1);
        } else if (withPort.matches()) {
            literal = withPort.group(1);
        }
        int zone = literal.indexOf('%');
        if (zone > 0 && literal.contains(":")) {
            literal = literal.substring(0, zone);
        }
        return parse(literal).map(IpAddresses::format);
    }

    /**
     * The 16 bytes of an IP literal (IPv4 as its IPv4-mapped IPv6 address), or empty when the text is not one.
     * Strict: no brackets, port or zone.
     */
    static Optional<byte[]> parse(String literal) {
        if (IPV4.matcher(literal).matches()) {
            String[] octets = literal.split("\\.");
            byte[] v4 = new byte[4];
            for (int i = 0; i < 4; i++) {
                v4[i] = (byte) Integer.parseInt(octets[i]);
            }
            return Optional.of(mapped(v4));
        }
        if (!IPV6.matcher(literal).matches()) {
            return Optional.empty();
        }
        try {
            // InetAddress parses this shape as a literal, without a DNS query (it resolves any other text).
            byte[] raw = InetAddress.getByName(literal).getAddress();
            // An IPv4-mapped literal (::ffff:a.b.c.d) comes back as IPv4.
            return Optional.of(raw.length == 16 ? raw : mapped(raw));
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    /** The canonical text of 16 address bytes: an IPv4-mapped address as IPv4, any other as RFC 5952 §4. */
    static String format(byte[] address) {
        if (isV4Mapped(address)) {
            return (address[12] & 0xff) + "." + (address[13] & 0xff) + "." + (address[14] & 0xff) + "."
                    + (address[15] & 0xff);
        }
        return formatV6(address);
    }

    /** 16 address bytes as RFC 5952 §4 writes an IPv6 address, all in hexadecimal. */
    private static String formatV6(byte[] address) {
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) {
            groups[i] = ((address[2 * i] & 0xff) << 8) | (address[2 * i + 1] & 0xff);
        }
        // §4.2.1-4.2.3: compress the longest run of at least two zero groups, the first of equal ones.
        int bestStart = -1;
        int bestLength = 1;
        for (int i = 0; i < 8; ) {
            if (groups[i] != 0) {
                i++;
                continue;
            }
            int start = i;
            while (i < 8 && groups[i] == 0) {
                i++;
            }
            if (i - start > bestLength) {
                bestStart = start;
                bestLength = i - start;
            }
        }
        StringBuilder text = new StringBuilder(39);
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                text.append("::");
                i += bestLength - 1;
                continue;
            }
            if (text.length() > 0 && text.charAt(text.length() - 1) != ':') {
                text.append(':');
            }
            // §4.1 and §4.3: no leading zeros, lower case.
            text.append(Integer.toHexString(groups[i]));
        }
        return text.toString();
    }

    static byte[] mapped(byte[] v4) {
        byte[] v6 = new byte[16];
        v6[10] = (byte) 0xff;
        v6[11] = (byte) 0xff;
        System.arraycopy(v4, 0, v6, 12, 4);
        return v6;
    }

    static boolean isV4Mapped(byte[] address) {
        for (int i = 0; i < 10; i++) {
            if (address[i] != 0) {
                return false;
            }
        }
        return address[10] == (byte) 0xff && address[11] == (byte) 0xff;
    }
}
