package dev.curfew.server.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code curfew} command line. */
@Command(
        name = "curfew",
        mixinStandardHelpOptions = true,
        versionProvider = Version.class,
        description = "Curfew: an OpenID Connect identity server whose specialty is session control.",
        subcommands = {StartCommand.class})
public final class CurfewCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new CurfewCommand()).execute(args));
    }
}
