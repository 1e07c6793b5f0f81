package dev.curfew.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code curfew sign-out cancel}: cancels a planned sign-out while it is still SCHEDULED. */
@Command(
        name = "cancel",
        mixinStandardHelpOptions = true,
        description = {
            "Cancels a planned sign-out (made with --at) while it is still SCHEDULED: it will not run.",
            "Needs AUTH_ADMINISTRATOR for the realm; the cancellation is recorded in the audit log."
        })
final class SignOutCancelCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    Connection connection;

    @Option(names = "--realm", required = true, paramLabel = "REALM", description = "The realm.")
    String realm;

    @Parameters(paramLabel = "ID", description = "The planned sign-out's id, as 'curfew sign-outs' shows it.")
    String id;

    @Option(names = "--json", description = "Print the API's JSON answer.")
    boolean json;

    @Override
    public Integer call() {
        try (AdminClient api = connection.connect()) {
            JsonNode cancelled = api.post(
                    "/admin/realms/" + AdminClient.encode(realm) + "/sign-outs/" + AdminClient.encode(id) + "/cancel",
                    AdminClient.JSON.createObjectNode());
            PrintWriter out = spec.commandLine().getOut();
            if (json) {
                Output.json(out, cancelled);
                return ExitCode.OK;
            }
            out.println("Cancelled sign-out " + id + " of " + Output.scope(cancelled.path("scope")) + " of realm '"
                    + realm + "', planned for " + Output.time(cancelled.path("runAt")) + ": it will not run.");
            out.flush();
            return ExitCode.OK;
        }
    }
}
