package dev.curfew.server.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code curfew keys}: a realm's signing keys, and their rotation after an incident or as routine. */
@Command(
        name = "keys",
        mixinStandardHelpOptions = true,
        description = {"Lists a realm's signing keys and rotates them.", "Needs SYSTEM_ADMINISTRATOR for the realm."},
        subcommands = {KeysListCommand.class, KeysRotateCommand.class})
final class KeysCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitCode.USAGE;
    }
}
