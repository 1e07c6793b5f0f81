package dev.curfew.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code curfew schedules list}: the realm's recurring sign-outs, oldest first, with their next run. */
@Command(
        name = "list",
        mixinStandardHelpOptions = true,
        description =
                "Lists the realm's recurring sign-outs: when each runs (UTC), whom it signs out, and its next run.")
final class SchedulesListCommand implements Callable<Integer> {
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
            JsonNode schedules = api.get("/admin/realms/" + AdminClient.encode(realm) + "/sign-out-schedules");
            PrintWriter out = spec.commandLine().getOut();
            if (json) {
                Output.json(out, schedules);
                return ExitCode.OK;
            }
            Table table = new Table("ID", "RUNS", "SCOPE", "NEXT RUN", "REASON");
            for (JsonNode s : schedules.path("schedules")) {
                table.row(
                        s.path("id").asText(),
                        recurrence(s.path("recurrence")),
                        Output.scope(s.path("scope")),
                        Output.time(s.path("nextRunAt")),
                        s.path("reason").asText());
            }
            if (!table.isEmpty()) {
                table.print(out);
                out.println();
            }
            out.println(Output.count(schedules.path("schedules").size(), "schedule", "schedules") + " in realm '"
                    + realm + "'.");
            out.flush();
            return ExitCode.OK;
        }
    }

    /** {@code daily 18:00 UTC}, {@code FRIDAY 18:00 UTC}. */
    static String recurrence(JsonNode r) {
        String time = r.path("time").asText() + " UTC";
        return r.path("frequency").asText().equals("weekly")
                ? r.path("dayOfWeek").asText() + " " + time
                : "daily " + time;
    }
}
