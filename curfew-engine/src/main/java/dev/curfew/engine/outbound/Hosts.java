package dev.curfew.engine.outbound;

import dev.curfew.core.util.AsciiNumbers;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/** Host names and IP literals as they appear in URLs, read without any DNS query. */
final class Hosts {
    /** A dot-separated part of a numeric IPv4 host: decimal, octal (leading 0) or hexadecimal (0x). */
    private static final Pattern NUMERIC_PART = Pattern.compile("0[xX][0-9a-fA-F]*|[0-9]+");

    private Hosts() {}

    /** Lower case, without IPv6 brackets, zone or trailing dots: {@code LocalHost.} is {@code localhost}. */
    static String normalize(String host) {
        String h = host.strip().toLowerCase(Locale.ROOT);
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        int zone = h.indexOf('%');
        if (zone >= 0 && h.contains(":")) {
            h = h.substring(0, zone);
        }
        while (h.endsWith(".")) {
            h = h.substring(0, h.length() - 1);
        }
        return h;
    }

    /**
     * The host of {@code url}, normalized. {@link URI#getHost()} is null for some numeric hosts, such as
     * {@code 127.1} or {@code 0x7f.1} (a last label starting with a digit that is not a dotted quad); those are
     * read from the authority, so that registration can name them as the addresses they are.
     */
    static Optional<String> of(URI url) {
        if (url.getHost() != null) {
            return Optional.of(normalize(url.getHost()));
        }
        String authority = url.getRawAuthority();
        if (authority == null) {
            return Optional.empty();
        }
        String hostPort = authority.substring(authority.lastIndexOf('@') + 1);
        int colon = hostPort.lastIndexOf(':');
        if (colon >= 0 && !hostPort.endsWith("]") && hostPort.indexOf(':') == colon) {
            hostPort = hostPort.substring(0, colon);
        }
        return hostPort.isBlank() ? Optional.empty() : Optional.of(normalize(hostPort));
    }

    /** RFC 6761 §6.3: {@code localhost} and every name under it are the local host. */
    static boolean isLocalhost(String normalizedHost) {
        return normalizedHost.equals("localhost") || normalizedHost.endsWith(".localhost");
    }

    /** Whether the host is written as numbers — an address, or a malformed one — rather than a DNS name. */
    static boolean isNumeric(String normalizedHost) {
        if (normalizedHost.contains(":")) {
            return true;
        }
        for (String part : normalizedHost.split("\\.", -1)) {
            if (!NUMERIC_PART.matcher(part).matches()) {
                return false;
            }
        }
        return true;
    }

    /**
     * The address a numeric host stands for, read the way the C library's {@code inet_aton} and the resolvers built
     * on it read it — so {@code 0177.0.0.1}, {@code 0x7f000001}, {@code 2130706433} and {@code 127.1} are all
     * 127.0.0.1 — or an IPv6 literal. Empty for a DNS name or a malformed number. Never queries DNS.
     */
    static Optional<InetAddress> literal(String normalizedHost) {
        if (normalizedHost.contains(":")) {
            try {
                // In brackets, InetAddress accepts only an IPv6 literal and never looks the text up.
                return Optional.of(InetAddress.getByName("[" + normalizedHost + "]"));
            } catch (UnknownHostException e) {
                return Optional.empty();
            }
        }
        if (!isNumeric(normalizedHost)) {
            return Optional.empty();
        }
        String[] parts = normalizedHost.split("\\.", -1);
        if (parts.length > 4) {
            return Optional.empty();
        }
        long[] values = new long[parts.length];
        for (int i = 0; i < parts.length; i++) {
            Optional<Long> v = number(parts[i]);
            if (v.isEmpty()) {
                return Optional.empty();
            }
            values[i] = v.get();
        }
        // a, a.b, a.b.c, a.b.c.d: the last part fills the bytes left (32, 24, 16 or 8 bits), the others one byte each.
        long address = 0;
        for (int i = 0; i < values.length - 1; i++) {
            if (values[i] > 0xff) {
                return Optional.empty();
            }
            address = (address << 8) | values[i];
        }
        int lastBits = 8 * (5 - values.length);
        long last = values[values.length - 1];
        if (last >= (1L << lastBits)) {
            return Optional.empty();
        }
        address = (address << lastBits) | last;
        byte[] bytes = {(byte) (address >>> 24), (byte) (address >>> 16), (byte) (address >>> 8), (byte) address};
        try {
            return Optional.of(InetAddress.getByAddress(bytes));
        } catch (UnknownHostException e) {
            throw new IllegalStateException("four bytes always form an IPv4 address", e);
        }
    }

    private static Optional<Long> number(String part) {
        String digits;
        int radix;
        if (part.startsWith("0x") || part.startsWith("0X")) {
            digits = part.substring(2);
            radix = 16;
        } else if (part.length() > 1 && part.startsWith("0")) {
            digits = part.substring(1);
            radix = 8;
        } else {
            digits = part;
            radix = 10;
        }
        if (digits.isEmpty()) {
            return radix == 16 ? Optional.of(0L) : Optional.empty();
        }
        if (digits.length() > 12) {
            return Optional.empty();
        }
        try {
            return Optional.of(AsciiNumbers.parseLong(digits, radix));
        } catch (NumberFormatException e) {
            return Optional.empty(); // an 8 or 9 in an octal part
        }
    }
}
