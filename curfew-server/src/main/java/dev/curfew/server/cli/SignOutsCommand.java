package dev.curfew.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code curfew sign-outs}: the realm's sign-out history, newest first, or one sign-out with its progress;
 * a FAILED sign-out is shown with its error.
 */
@Command(
        name = "sign-outs",
        mixinStandardHelpOptions = true,
        description = {
            "Shows the realm's sign-out history, newest first, or one sign-out (--id) with its progress.",
            "Needs AUTH_ADMINISTRATOR or AUDITOR for the realm."
        })
final class SignOutsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    Connection connection;

    @Option(names = "--realm", required = true, paramLabel = "REALM", description = "The realm.")
    String realm;

    @Option(names = "--id", paramLabel = "ID", description = "Show this sign-out only.")
    String id;

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

    private int call(AdminClient api) {
        String path = "/admin/realms/" + AdminClient.encode(realm) + "/sign-outs";
        PrintWriter out = spec.commandLine().getOut();
        if (id != null) {
            JsonNode signOut = api.get(path + "/" + AdminClient.encode(id));
            if (json) {
                Output.json(out, signOut);
            } else {
                printOne(out, signOut);
            }
            return ExitCode.OK;
        }
        JsonNode page = api.get(path, paging.addTo(new LinkedHashMap<>()));
        if (json) {
            Output.json(out, page);
            return ExitCode.OK;
        }
        Table table = new Table("ID", "CREATED", "SCOPE", "STATUS", "SESSIONS", "BY", "REASON");
        List<String> failures = new ArrayList<>();
        for (JsonNode s : page.path("signOuts")) {
            if (s.hasNonNull("error")) {
                failures.add(
                        s.path("id").asText() + " FAILED: " + s.path("error").asText());
            }
            table.row(
                    s.path("id").asText(),
                    Output.time(s.path("createdAt")),
                    Table.truncate(Output.scope(s.path("scope")), 40),
                    s.path("status").asText(),
                    Long.toString(s.path("affectedSessions").asLong()),
                    s.path("actor").path("username").asText(),
                    Table.truncate(s.path("reason").asText(), 50));
        }
        if (!table.isEmpty()) {
            table.print(out);
            out.println();
        }
        failures.forEach(out::println);
        if (!failures.isEmpty()) {
            out.println();
        }
        out.println(Output.count(page.path("total").asLong(), "sign-out", "sign-outs") + " in realm '" + realm + "'.");
        out.flush();
        return ExitCode.OK;
    }

    private static void printOne(PrintWriter out, JsonNode s) {
        Table table = new Table("FIELD", "VALUE");
        table.row("id", s.path("id").asText())
                .row("scope", Output.scope(s.path("scope")))
                .row("status", s.path("status").asText());
        if (s.hasNonNull("error")) {
            table.row("error", s.path("error").asText());
        }
        table.row("sessions", Long.toString(s.path("affectedSessions").asLong()))
                .row("reason", s.path("reason").asText())
                .row(
                        "by",
                        s.path("actor").path("username").asText() + " ("
                                + s.path("privilege").asText() + ")")
                .row("created", Output.time(s.path("createdAt")))
                .row("completed", Output.time(s.path("completedAt")))
                .row("cut-off", Output.time(s.path("cutOff")))
                .row("source IP", s.path("sourceIp").asText())
                .row("request", s.path("requestId").asText());
        table.print(out);
    }
}
