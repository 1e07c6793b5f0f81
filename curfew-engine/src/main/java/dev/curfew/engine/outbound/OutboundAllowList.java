package dev.curfew.engine.outbound;

import dev.curfew.core.session.IpRange;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The operator's exceptions to the outbound policy ({@code outbound-allow}): networks (CIDR ranges or single
 * addresses) and host names that notifications may go to although the default policy refuses them, and to which
 * plain {@code http://} is allowed.
 *
 * @param networks addresses in these ranges are allowed, whatever kind they are
 * @param hosts these host names (lower case, exact) are allowed, whatever they resolve to
 */
public record OutboundAllowList(List<IpRange> networks, Set<String> hosts) {
    public static final OutboundAllowList NONE = new OutboundAllowList(List.of(), Set.of());

    /** RFC 1123 host names: letters, digits and hyphens in dot-separated labels. */
    private static final Pattern HOST_NAME =
            Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*");

    public OutboundAllowList {
        networks = List.copyOf(networks);
        hosts = Set.copyOf(hosts);
    }

    /**
     * Parses {@code 10.0.0.0/8,hooks.internal.example,127.0.0.1/32}: entries separated by commas or white space;
     * blank is none.
     *
     * @throws IllegalArgumentException naming the first entry that is neither a range, an address nor a host name
     */
    public static OutboundAllowList parse(String text) {
        List<IpRange> networks = new ArrayList<>();
        Set<String> hosts = new LinkedHashSet<>();
        for (String entry : text.strip().split("[,\\s]+")) {
            if (entry.isEmpty()) {
                continue;
            }
            String normalized = Hosts.normalize(entry);
            if (entry.contains("/") || Hosts.isNumeric(normalized)) {
                try {
                    networks.add(IpRange.parse(entry.replace("[", "").replace("]", "")));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("'" + entry
                            + "' is not a CIDR range or IP address (write IPv4 as four decimal numbers, e.g."
                            + " 10.0.0.0/8 or 127.0.0.1)");
                }
            } else if (HOST_NAME.matcher(normalized).matches()) {
                hosts.add(normalized);
            } else {
                throw new IllegalArgumentException("'" + entry
                        + "' is neither a CIDR range, an IP address nor a host name (wildcards are not supported)");
            }
        }
        return new OutboundAllowList(networks, hosts);
    }

    boolean allowsHost(String normalizedHost) {
        return hosts.contains(normalizedHost);
    }

    boolean allowsAddress(InetAddress address) {
        for (IpRange range : networks) {
            if (range.contains(address)) {
                return true;
            }
        }
        return false;
    }

    /** As written in the configuration, for logs and messages. */
    @Override
    public String toString() {
        List<String> entries = new ArrayList<>();
        networks.forEach(n -> entries.add(n.toCidr()));
        entries.addAll(hosts);
        return String.join(",", entries);
    }
}
