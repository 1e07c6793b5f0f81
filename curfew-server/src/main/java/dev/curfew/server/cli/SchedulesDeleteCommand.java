package dev.curfew.server.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code curfew schedules delete}: no more runs of a schedule; its past runs stay in the history. */
@Command(
        name = "delete",
        mixinStandardHelpOptions = true,
        description = "Deletes a recurring sign-out: it runs no more; its past runs stay in the history.")
final class SchedulesDeleteCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    Connection connection;

    @Option(names = "--realm", required = true, paramLabel = "REALM", description = "The realm.")
    String realm;

    @Parameters(paramLabel = "ID", description = "The schedule's id, as 'curfew schedules list' shows it.")
    String id;

    @Override
    public Integer call() {
        try (AdminClient api = connection.connect()) {
            api.delete("/admin/realms/" + AdminClient.encode(realm) + "/sign-out-schedules/" + AdminClient.encode(id));
            PrintWriter out = spec.commandLine().getOut();
            out.println("Deleted schedule " + id + " of realm '" + realm + "': it runs no more.");
            out.flush();
            return ExitCode.OK;
        }
    }
}
