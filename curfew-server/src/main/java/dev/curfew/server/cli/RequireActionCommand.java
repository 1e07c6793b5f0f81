package dev.curfew.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code curfew users require-action}: a required action (Keycloak's {@code UPDATE_PASSWORD}, {@code CONFIGURE_TOTP})
 * at the next browser sign-in of the named users, or of every user of the realm with {@code --all}, through
 * {@code POST /admin/realms/{realm}/users/required-actions}.
 */
@Command(
        name = "require-action",
        mixinStandardHelpOptions = true,
        description = {
            "Makes users do ACTION at their next browser sign-in: UPDATE_PASSWORD or CONFIGURE_TOTP.",
            "Name the users, or --all for every user of the realm (not in master). Their sessions are not ended."
        })
final class RequireActionCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    Connection connection;

    @Option(names = "--realm", required = true, paramLabel = "REALM", description = "The realm.")
    String realm;

    @Option(names = "--reason", required = true, paramLabel = "TEXT", description = "Why; goes to the audit log.")
    String reason;

    @Option(names = "--all", description = "Every user of the realm.")
    boolean all;

    @Parameters(index = "0", paramLabel = "ACTION", description = "UPDATE_PASSWORD or CONFIGURE_TOTP.")
    String action;

    @Parameters(index = "1..*", paramLabel = "USERNAME", description = "The users, by username.")
    List<String> usernames = new ArrayList<>();

    @Override
    public Integer call() {
        if (all == !usernames.isEmpty()) {
            throw new CliException(ExitCode.USAGE, "Name the users, or give --all (not both).");
        }
        ObjectNode body =
                AdminClient.JSON.createObjectNode().put("action", action).put("reason", reason);
        if (all) {
            body.put("all", true);
        } else {
            usernames.forEach(body.putArray("usernames")::add);
        }
        try (AdminClient api = connection.connect()) {
            JsonNode answer = api.post("/admin/realms/" + AdminClient.encode(realm) + "/users/required-actions", body);
            PrintWriter out = spec.commandLine().getOut();
            out.println(action + " required of " + (all ? "every user" : String.join(", ", usernames)) + " in realm '"
                    + realm + "' (" + answer.path("added").asLong() + " did not have it yet). They do it at their next"
                    + " browser sign-in; their sessions stay signed in.");
            out.flush();
            return ExitCode.OK;
        }
    }
}
