package dev.curfew.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code curfew keys list}: the realm's signing keys, newest first, and what each still does. */
@Command(
        name = "list",
        mixinStandardHelpOptions = true,
        description = {
            "Lists the realm's signing keys, newest first: 'active' signs, 'verify-only until T' verifies the",
            "tokens it signed until T, 'retired' neither signs nor verifies."
        })
final class KeysListCommand implements Callable<Integer> {
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
            JsonNode keys = api.get("/admin/realms/" + AdminClient.encode(realm) + "/keys");
            PrintWriter out = spec.commandLine().getOut();
            if (json) {
                Output.json(out, keys);
                return ExitCode.OK;
            }
            Table table = keyTable(keys);
            if (!table.isEmpty()) {
                table.print(out);
                out.println();
            }
            out.println(Output.count(keys.size(), "signing key", "signing keys") + " in realm '" + realm + "'.");
            out.flush();
            return ExitCode.OK;
        }
    }

    /** Keys as the API shows them, one row each. */
    static Table keyTable(Iterable<JsonNode> keys) {
        Table table = new Table("KID", "ALGORITHM", "STATUS", "CREATED");
        for (JsonNode k : keys) {
            table.row(k.path("kid").asText(), k.path("algorithm").asText(), status(k), Output.time(k.path("created")));
        }
        return table;
    }

    /** {@code active}, {@code verify-only until 2026-12-04 17:05:00Z} or {@code retired}. */
    static String status(JsonNode key) {
        String status = key.path("status").asText();
        String until = Output.time(key.path("verifyUntil"));
        return until.isEmpty() ? status : status + " until " + until;
    }
}
