package dev.curfew.engine.outbound;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/** Turns a host name into its addresses: DNS in production; tests give names of their own. */
@FunctionalInterface
public interface HostResolver {
    HostResolver SYSTEM = host -> List.of(InetAddress.getAllByName(host));

    /** @throws UnknownHostException when the name has no address */
    List<InetAddress> resolve(String host) throws UnknownHostException;
}
