package dev.curfew.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code curfew audit verify}: checks the realm's hash chain; exit code 1 when a link is broken. */
@Command(
        name = "verify",
        mixinStandardHelpOptions = true,
        description = {
            "Verifies the realm's audit hash chain: prints 'intact (N entries)', or the first broken entry and",
            "what is wrong with it and exits with 1."
        })
final class AuditVerifyCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    Connection connection;

    @Option(names = "--realm", required = true, paramLabel = "REALM", description = "The realm.")
    String realm;

    @Option(names = "--json", description = "Print the API's JSON answer.")
    boolean json;

    @Override
    public Integer call() {
        try (AdminClient api = connection.connect()) {
            return call(api);
        }
    }

    private int call(AdminClient api) {
        JsonNode v = api.get("/admin/realms/" + AdminClient.encode(realm) + "/audit/verification");
        boolean intact = v.path("intact").asBoolean(false);
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            Output.json(out, v);
        } else if (intact) {
            out.println("intact (" + Output.count(v.path("entriesChecked").asLong(), "entry", "entries") + ")");
        } else {
            out.println("broken at seq " + v.path("firstBrokenSeq").asText() + ": "
                    + v.path("problem").asText() + " ("
                    + v.path("entriesChecked").asLong() + " entries checked)");
        }
        out.flush();
        return intact ? ExitCode.OK : ExitCode.CHECK_FAILED;
    }
}
