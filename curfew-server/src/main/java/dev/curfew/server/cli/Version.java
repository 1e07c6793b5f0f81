package dev.curfew.server.cli;

import picocli.CommandLine;

/** The version recorded in the jar's manifest at build time. */
public final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        String version = Version.class.getPackage().getImplementationVersion();
        return new String[] {"curfew " + (version == null ? "(development build)" : version)};
    }
}
