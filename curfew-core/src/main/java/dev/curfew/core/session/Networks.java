package dev.curfew.core.session;

/**
 * The network an address belongs to, for telling whether one account is used from several places at once: an IPv4
 * address's /24, an IPv6 address's /64 (the size of one site's subnet, RFC 6177). Addresses in one of these move
 * together behind one router; addresses in different ones are different places. Text that is no IP literal is its
 * own network.
 *
 * <p>The key is a prefix of the address's {@link IpRange#key sortable key} (32 hex digits of the IPv6 or
 * IPv4-mapped address), so the store computes the same key in SQL from its {@code ip_key} column.
 */
public final class Networks {
    /** How an IPv4-mapped key begins: 80 zero bits, then 16 one bits. */
    public static final String IPV4_MAPPED = "00000000000000000000ffff";
    /** Hex digits of an IPv4 /24: the mapped prefix and three octets. */
    public static final int IPV4_NETWORK_DIGITS = IPV4_MAPPED.length() + 6;
    /** Hex digits of an IPv6 /64. */
    public static final int IPV6_NETWORK_DIGITS = 16;

    private Networks() {}

    /** The network key of an address as sessions store it (canonical text). */
    public static String of(String ipAddress) {
        return ofKey(IpRange.key(ipAddress), ipAddress);
    }

    /** The network key from the address's sortable key, and its text for addresses that have no key. */
    public static String ofKey(String ipKey, String ipAddress) {
        if (ipKey == null || ipKey.isEmpty()) {
            return ipAddress == null ? "" : ipAddress;
        }
        return ipKey.startsWith(IPV4_MAPPED)
                ? ipKey.substring(0, IPV4_NETWORK_DIGITS)
                : ipKey.substring(0, IPV6_NETWORK_DIGITS);
    }
}
