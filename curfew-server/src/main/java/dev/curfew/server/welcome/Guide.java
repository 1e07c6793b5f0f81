package dev.curfew.server.welcome;

import java.util.List;
import java.util.Optional;

/**
 * A guide from the repository's {@code docs/} directory, packaged in the jar so the welcome page can link to the
 * documentation of exactly the version that runs.
 *
 * @param file the file name under {@code docs/}, which is also the last part of its URL
 */
public record Guide(String file, String title, String summary) {
    /** The guides, in the order a newcomer reads them. */
    public static final List<Guide> ALL = List.of(
            new Guide("operator-guide.md", "Operator guide", "start, configure, sign out, the command line"),
            new Guide("integrator-guide.md", "Integrator guide", "connect an application or an API"),
            new Guide("api-reference.md", "Admin API reference", "every admin REST call"),
            new Guide("guard.md", "curfew-guard", "refuse signed-out tokens in a Java API"),
            new Guide("architecture.md", "Architecture", "modules, the validity rule, storage"));

    /** Where the jar holds the guides. */
    static final String RESOURCE_DIRECTORY = "/docs/";

    public String path() {
        return DocsEndpoint.PREFIX + file;
    }

    static Optional<Guide> named(String file) {
        return ALL.stream().filter(g -> g.file.equals(file)).findFirst();
    }
}
