package dev.curfew.core.session;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.net.spi.InetAddressResolver;
import java.net.spi.InetAddressResolverProvider;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

/**
 * The name resolver of this module's test JVM (installed through META-INF/services): it remembers every
 * host name the JDK was asked to resolve and resolves none, so a test can prove that parsing user input
 * never sends a DNS query.
 */
public final class RecordingResolverProvider extends InetAddressResolverProvider {
    private static final List<String> LOOKUPS = new CopyOnWriteArrayList<>();

    /** Host names looked up so far in this JVM. */
    static List<String> lookups() {
        return List.copyOf(LOOKUPS);
    }

    @Override
    public InetAddressResolver get(Configuration configuration) {
        return new InetAddressResolver() {
            @Override
            public Stream<InetAddress> lookupByName(String host, LookupPolicy policy) throws UnknownHostException {
                LOOKUPS.add(host);
                throw new UnknownHostException("name lookups are refused in tests: " + host);
            }

            @Override
            public String lookupByAddress(byte[] address) throws UnknownHostException {
                throw new UnknownHostException("address lookups are refused in tests");
            }
        };
    }

    @Override
    public String name() {
        return "curfew-test-recording-resolver";
    }
}
