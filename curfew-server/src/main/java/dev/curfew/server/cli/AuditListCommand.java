package dev.curfew.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code curfew audit list}: audit entries, newest first, with the API's filters. */
@Command(name = "list", mixinStandardHelpOptions = true, description = "Lists audit entries, newest first.")
final class AuditListCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    Connection connection;

    @Option(names = "--realm", required = true, paramLabel = "REALM", description = "The realm.")
    String realm;

    @Option(names = "--actor", paramLabel = "USERNAME", description = "Entries by this administrator.")
    String actor;

    @Option(names = "--action", paramLabel = "ACTION", description = "Entries of this action, e.g. sign-out.")
    String action;

    @Option(names = "--from", paramLabel = "ISO_INSTANT", description = "Entries at or after.")
    Instant from;

    @Option(names = "--to", paramLabel = "ISO_INSTANT", description = "Entries before.")
    Instant to;

    @Mixin
    PageOptions paging;

    @Option(names = "--json", description = "Print the API's JSON answer.")
    boolean json;

    @Override
    public Integer call() {
        try (AdminClient api = connection.connect()) {
            return call(api);
        }
    }

    /**
     * How many sessions the entry's action ended. A realm, client or user sign-out is audited before anything is
     * counted; its row shows the sign-out's count as it stands now, or "pending" while it is still running.
     */
    static String affected(JsonNode entry) {
        JsonNode signOut = entry.path("signOut");
        if (signOut.isObject()) {
            return "RUNNING".equals(signOut.path("status").asText())
                    ? "pending"
                    : Long.toString(signOut.path("affectedSessions").asLong());
        }
        return Long.toString(entry.path("affected").asLong());
    }

    private int call(AdminClient api) {
        Map<String, Collection<String>> query = new LinkedHashMap<>();
        query.put("actor", actor == null ? List.of() : List.of(actor));
        query.put("action", action == null ? List.of() : List.of(action));
        query.put("from", from == null ? List.of() : List.of(from.toString()));
        query.put("to", to == null ? List.of() : List.of(to.toString()));
        paging.addTo(query);
        JsonNode page = api.get("/admin/realms/" + AdminClient.encode(realm) + "/audit", query);
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            Output.json(out, page);
            return ExitCode.OK;
        }
        Table table = new Table("SEQ", "AT", "ACTOR", "PRIVILEGE", "ACTION", "AFFECTED", "REASON");
        for (JsonNode e : page.path("entries")) {
            table.row(
                    Long.toString(e.path("seq").asLong()),
                    Output.time(e.path("at")),
                    e.path("actor").path("username").asText(),
                    e.path("privilege").asText(),
                    e.path("action").asText(),
                    affected(e),
                    Table.truncate(e.path("reason").asText(), 50));
        }
        if (!table.isEmpty()) {
            table.print(out);
            out.println();
        }
        out.println(Output.count(page.path("total").asLong(), "entry", "entries") + " in realm '" + realm + "'.");
        out.flush();
        return ExitCode.OK;
    }
}
