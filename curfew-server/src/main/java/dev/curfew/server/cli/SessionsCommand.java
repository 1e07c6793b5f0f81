package dev.curfew.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.util.Collection;
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

    @Mixin
    PageOptions paging;

    @Option(names = "--json", description = "Print the API's JSON answer.")
    boolean json;

    @Option(
            names = "--report",
            paramLabel = "csv|json",
            description = "Print every matching session at once, as CSV or JSON, for an audit record (no paging).")
    String report;

    @Option(
            names = "--sharing",
            description = "List the accounts that look shared instead: users with many sessions, or sessions from"
                    + " several networks, at once (the realm's sharingDetection thresholds, or"
                    + " --concurrent-sessions-at-least / --distinct-networks-at-least).")
    boolean sharing;

    @Override
    public Integer call() {
        try (AdminClient api = connection.connect()) {
            return call(api);
        }
    }

    private int call(AdminClient api) {
        if (sharing) {
            return sharing(api);
        }
        Map<String, Collection<String>> query = new java.util.LinkedHashMap<>(filter.toQuery(new Users(api, realm)));
        if (report != null) {
            query.put("format", java.util.List.of(report));
            PrintWriter out = spec.commandLine().getOut();
            out.print(api.getText("/admin/realms/" + AdminClient.encode(realm) + "/sessions/report", query));
            out.flush();
            return ExitCode.OK;
        }
        paging.addTo(query);
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
                        : "Sessions " + (paging.first + 1) + "-" + (paging.first + shown) + " of " + total
                                + " in realm '" + realm + "'.");
        if (paging.first + paging.max < total) {
            out.println("More: --first " + (paging.first + paging.max));
        }
        out.flush();
        return ExitCode.OK;
    }

    /** {@code --sharing}: the suspects, the most widely spread first, and how to sign them out. */
    private int sharing(AdminClient api) {
        Map<String, Collection<String>> query = new java.util.LinkedHashMap<>();
        if (filter.concurrentSessionsAtLeast != null) {
            query.put("concurrentSessionsAtLeast", java.util.List.of(filter.concurrentSessionsAtLeast.toString()));
        }
        if (filter.distinctNetworksAtLeast != null) {
            query.put("distinctNetworksAtLeast", java.util.List.of(filter.distinctNetworksAtLeast.toString()));
        }
        JsonNode found = api.get("/admin/realms/" + AdminClient.encode(realm) + "/sessions/sharing", query);
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            Output.json(out, found);
            return ExitCode.OK;
        }
        Table table = new Table("USER", "SESSIONS", "NETWORKS", "LAST ACTIVE");
        for (JsonNode s : found.path("suspects")) {
            table.row(
                    s.path("username").asText(),
                    s.path("sessions").asText(),
                    s.path("networks").asText(),
                    Output.time(s.path("lastAccess").asLong()));
        }
        int sessions = found.path("concurrentSessionsAtLeast").asInt();
        int networks = found.path("distinctNetworksAtLeast").asInt();
        String thresholds = (sessions > 0 ? sessions + "+ sessions" : "")
                + (sessions > 0 && networks > 0 ? " or " : "")
                + (networks > 0 ? networks + "+ networks" : "");
        if (table.isEmpty()) {
            out.println("No account in realm '" + realm + "' has " + thresholds + " at once.");
        } else {
            table.print(out);
            out.println();
            out.println(Output.count(found.path("suspects").size(), "account", "accounts") + " in realm '" + realm
                    + "' with " + thresholds + " at once"
                    + (found.path("truncated").asBoolean() ? " (more exist)" : "")
                    + ".");
        }
        out.flush();
        return ExitCode.OK;
    }
}
