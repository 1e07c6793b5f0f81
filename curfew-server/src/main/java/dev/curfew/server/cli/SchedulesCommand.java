package dev.curfew.server.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code curfew schedules}: a realm's recurring sign-outs. */
@Command(
        name = "schedules",
        mixinStandardHelpOptions = true,
        description = {
            "Lists, creates and deletes a realm's recurring sign-outs (daily or weekly, at a time of day in UTC).",
            "Needs AUTH_ADMINISTRATOR for the realm (list: or AUDITOR)."
        },
        subcommands = {SchedulesListCommand.class, SchedulesCreateCommand.class, SchedulesDeleteCommand.class})
final class SchedulesCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitCode.USAGE;
    }
}
