package dev.curfew.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code curfew schedules create}: a sign-out of one scope, run every day or every week at a time (UTC). */
@Command(
        name = "create",
        mixinStandardHelpOptions = true,
        description = {
            "Creates a recurring sign-out: one scope, as for 'curfew sign-out', signed out --daily or --weekly DAY",
            "at --time HH:MM (UTC). Each run is an ordinary sign-out in the history, in your name."
        })
final class SchedulesCreateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    Connection connection;

    @Option(names = "--realm", required = true, paramLabel = "REALM", description = "The realm.")
    String realm;

    @Mixin
    ScopeOptions scope;

    @Option(
            names = "--reason",
            required = true,
            paramLabel = "TEXT",
            description = "Why: recorded with every run in the history and the audit log.")
    String reason;

    @Option(names = "--daily", description = "Run every day.")
    boolean daily;

    @Option(names = "--weekly", paramLabel = "DAY", description = "Run every week on this day (MONDAY ... SUNDAY).")
    String weekly;

    @Option(names = "--time", required = true, paramLabel = "HH:MM", description = "The time of day, UTC (24-hour).")
    String time;

    @Option(names = "--json", description = "Print the API's JSON answer.")
    boolean json;

    @Override
    public Integer call() {
        if (daily == (weekly != null)) {
            throw new ParameterException(spec.commandLine(), "Say how often: either --daily or --weekly DAY");
        }
        String type = scope.type(spec.commandLine());
        try (AdminClient api = connection.connect()) {
            ObjectNode body = AdminClient.JSON.createObjectNode();
            body.set("scope", scope.toJson(type, new Users(api, realm)));
            body.put("reason", reason);
            ObjectNode recurrence = body.putObject("recurrence");
            recurrence.put("frequency", daily ? "daily" : "weekly").put("time", time);
            if (weekly != null) {
                recurrence.put("dayOfWeek", weekly);
            }
            JsonNode created = api.post("/admin/realms/" + AdminClient.encode(realm) + "/sign-out-schedules", body);
            PrintWriter out = spec.commandLine().getOut();
            if (json) {
                Output.json(out, created);
                return ExitCode.OK;
            }
            out.println("Schedule " + created.path("id").asText() + " signs out "
                    + Output.scope(created.path("scope")) + " of realm '" + realm + "' "
                    + SchedulesListCommand.recurrence(created.path("recurrence")) + "; next run "
                    + Output.time(created.path("nextRunAt")) + ".");
            out.flush();
            return ExitCode.OK;
        }
    }
}
