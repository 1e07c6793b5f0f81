package dev.curfew.server.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code curfew users}: the realm's user accounts. */
@Command(
        name = "users",
        mixinStandardHelpOptions = true,
        description = "Manages a realm's users: set-password, require-action. Needs USER_ADMINISTRATOR for the realm.",
        subcommands = {SetPasswordCommand.class, RequireActionCommand.class})
final class UsersCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitCode.USAGE;
    }
}
