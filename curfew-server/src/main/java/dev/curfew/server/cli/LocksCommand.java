package dev.curfew.server.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code curfew locks}: accounts brute-force protection has counted failed sign-ins of, and locked. */
@Command(
        name = "locks",
        mixinStandardHelpOptions = true,
        description = {
            "Lists and clears the failed sign-ins brute-force protection counts, and so the locks they set.",
            "Needs USER_ADMINISTRATOR for the realm."
        },
        subcommands = {LocksListCommand.class, LocksClearCommand.class})
final class LocksCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitCode.USAGE;
    }
}
