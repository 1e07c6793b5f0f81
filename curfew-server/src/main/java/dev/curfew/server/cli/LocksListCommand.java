package dev.curfew.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
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

/** {@code curfew locks list}: users with failed sign-ins, the latest first, and whether they are locked. */
@Command(
        name = "list",
        mixinStandardHelpOptions = true,
        description = "Lists the users with failed sign-ins since their last successful one, the latest first.")
final class LocksListCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    Connection connection;

    @Option(names = "--realm", required = true, paramLabel = "REALM", description = "The realm.")
    String realm;

    @Option(names = "--locked", description = "Only the users who cannot sign in now.")
    boolean locked;

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
        Map<String, Collection<String>> query = new LinkedHashMap<>();
        query.put("locked", locked ? List.of("true") : List.of());
        paging.addTo(query);
        JsonNode page =
                api.get("/admin/realms/" + AdminClient.encode(realm) + "/attack-detection/brute-force/users", query);
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            Output.json(out, page);
            return ExitCode.OK;
        }
        Table table = new Table("USER", "FAILURES", "LOCKED", "UNTIL", "LAST FAILURE", "LAST ADDRESS", "ID");
        for (JsonNode u : page.path("users")) {
            boolean disabled = u.path("disabled").asBoolean();
            table.row(
                    u.path("username").asText(),
                    Integer.toString(u.path("numFailures").asInt()),
                    disabled ? (u.path("permanentLockout").asBoolean() ? "disabled" : "yes") : "no",
                    disabled ? Output.time(u.path("lockedUntil").asLong()) : "",
                    Output.time(u.path("lastFailure").asLong()),
                    u.path("lastIPFailure").asText(),
                    u.path("userId").asText());
        }
        if (!table.isEmpty()) {
            table.print(out);
            out.println();
        }
        long total = page.path("total").asLong();
        out.println(Output.count(
                        total,
                        locked ? "locked user" : "user with failed sign-ins",
                        locked ? "locked users" : "users with failed sign-ins")
                + " in realm '" + realm + "'.");
        if (paging.first + paging.max < total) {
            out.println("More: --first " + (paging.first + paging.max));
        }
        out.flush();
        return ExitCode.OK;
    }
}
