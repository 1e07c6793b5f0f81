package dev.curfew.engine.outbound;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Where Curfew may send notifications (back-channel logout tokens, pushed SETs): URLs that others register, so they
 * must not make Curfew a way into its own network (server-side request forgery). By default a destination must be
 * an {@code https} URL whose host resolves only to ordinary internet addresses — no loopback, private, shared,
 * link-local (the cloud metadata services), multicast, unspecified, broadcast or reserved address, in IPv4 or in
 * any IPv6 form ({@link SpecialAddresses}). The operator's {@link OutboundAllowList} names the networks and hosts
 * that are allowed anyway — on-premise receivers — and only those may use plain {@code http}.
 *
 * <p>It is applied twice. At registration, without DNS, to URLs whose host is written as an address or is
 * {@code localhost}: the registrant learns at once. At every connection, to the addresses the host resolves to
 * then, which are the addresses connected to ({@link #resolve}): a name that resolves elsewhere later (DNS
 * rebinding) is caught there.
 */
public final class OutboundPolicy {
    private final OutboundAllowList allow;
    private final HostResolver resolver;

    public OutboundPolicy(OutboundAllowList allow, HostResolver resolver) {
        this.allow = allow;
        this.resolver = resolver;
    }

    public OutboundAllowList allowList() {
        return allow;
    }

    /**
     * Why the policy refuses {@code url} as a destination to register, or empty if it does not. Looks at the URL
     * only (no DNS: a name is judged by its addresses when it is used). Whether it is a well-formed absolute
     * http(s) URL at all is the caller's to check, in the words of its own specification; a URL that is not is not
     * judged here.
     */
    public Optional<String> registrationProblem(URI url) {
        Optional<String> judged = Hosts.of(url).filter(h -> url.isAbsolute() && isHttp(url));
        if (judged.isEmpty()) {
            return Optional.empty();
        }
        String host = judged.get();
        try {
            if (!allow.allowsHost(host)) {
                if (Hosts.isLocalhost(host)) {
                    throw new DestinationRefused("localhost");
                }
                Optional<InetAddress> literal = Hosts.literal(host);
                if (literal.isPresent()) {
                    checkAddress(literal.get());
                } else if (Hosts.isNumeric(host)) {
                    return Optional.of("the host '" + host + "' is not a valid IP address");
                }
            }
            checkScheme(url, host);
            return Optional.empty();
        } catch (DestinationRefused e) {
            return Optional.of(e.getMessage());
        }
    }

    /**
     * Before each attempt: the URL is an absolute http(s) URL with a host, and plain http goes only to an
     * allow-listed host name or an address in an allow-listed network. (A name that merely resolves into an
     * allowed network is not enough: the lookup belongs to the connection, {@link #resolve}.)
     */
    public void checkUrl(URI url) throws DestinationRefused {
        checkScheme(url, checkShape(url));
    }

    /** @return the URL's host, normalized */
    private static String checkShape(URI url) throws DestinationRefused {
        if (!url.isAbsolute() || !isHttp(url) || url.getHost() == null) {
            throw new DestinationRefused("not an absolute http or https URL with a host");
        }
        return Hosts.normalize(url.getHost());
    }

    private static boolean isHttp(URI url) {
        return scheme(url).equals("https") || scheme(url).equals("http");
    }

    private void checkScheme(URI url, String host) throws DestinationRefused {
        boolean allowed = allow.allowsHost(host)
                || Hosts.literal(host).filter(allow::allowsAddress).isPresent();
        if (scheme(url).equals("http") && !allowed) {
            throw new DestinationRefused("plain http is allowed only to destinations in outbound-allow");
        }
    }

    private static String scheme(URI url) {
        return url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
    }

    /**
     * The addresses of {@code host} that a connection may go to: all of them, each allowed, or none — a name that
     * resolves to one forbidden address among ordinary ones is refused whole, as it would be a way to reach it. A
     * numeric host is read as the address it stands for, without DNS.
     *
     * @throws DestinationRefused when an address is forbidden
     * @throws UnknownHostException when the name does not resolve
     */
    public List<InetAddress> resolve(String host) throws DestinationRefused, UnknownHostException {
        String normalized = Hosts.normalize(host);
        Optional<InetAddress> literal = Hosts.literal(normalized);
        List<InetAddress> addresses = literal.isPresent() ? List.of(literal.get()) : resolver.resolve(normalized);
        if (addresses.isEmpty()) {
            throw new UnknownHostException(normalized);
        }
        if (!allow.allowsHost(normalized)) {
            for (InetAddress address : addresses) {
                checkAddress(address);
            }
        }
        return addresses;
    }

    private void checkAddress(InetAddress address) throws DestinationRefused {
        if (allow.allowsAddress(address)) {
            return;
        }
        Optional<String> kind = SpecialAddresses.kind(address);
        if (kind.isPresent()) {
            throw new DestinationRefused(kind.get());
        }
    }
}
