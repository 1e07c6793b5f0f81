package dev.curfew.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code curfew sessions}: the realm's sessions matching the filter options, newest first, with the
 * total — what {@code curfew sign-out} with the same options would sign out.
 */
@Command(
        name = "sessions",
        mixinStandardHelpOptions = true,
        description = {
            "Lists a realm's active sessions, newest first, with the filter options of sign-out.",
            "Needs SESSION_VIEWER (or AUTH_ADMINISTRATOR) for the realm."
        })
final class SessionsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    Connection connection;

    @Mixin
    FilterOptions filter;

    @Option(names = "--realm", required = true, paramLabel = "REALM", description = "The realm.")
    String realm;

    @Option(names = "--first", paramLabel = "N", description = "Skip this many sessions; default 0.")
    int first;

    @Option(names = "--max", paramLabel = "N", description = "Show at most this many (1-1000); default 100.")
    int max = 100;

    @Option(names = "--json", description = "Print the API's JSON answer.")
    boolean json;

    @Override
    public Integer call() {
        try (AdminClient api = connection.connect()) {
            return call(api);
        }
    }

    private int call(AdminClient api) {
        Map<String, Collection<String>> query = new java.util.LinkedHashMap<>(filter.toQuery(new Users(api, realm)));
        query.put("first", List.of(Integer.toString(first)));
        query.put("max", List.of(Integer.toString(max)));
        JsonNode page = api.get("/admin/realms/" + AdminClient.encode(realm) + "/sessions", query);
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            Output.json(out, page);
            return ExitCode.OK;
        }
        long total = page.path("total").asLong();
        int shown = page.path("sessions").size();
        if (shown > 0) {
            Output.sessions(page.path("sessions")).print(out);
            out.println();
        }
        out.println(
                shown == 0 && total == 0
                        ? "No sessions match in realm '" + realm + "'."
                        : "Sessions " + (first + 1) + "-" + (first + shown) + " of " + total + " in realm '" + realm
                                + "'.");
        if (first + max < total) {
            out.println("More: --first " + (first + max));
        }
        out.flush();
        return ExitCode.OK;
    }
}
