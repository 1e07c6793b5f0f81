package dev.curfew.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code curfew locks clear}: forgets one user's failed sign-ins, or every user's in the realm, and so ends their
 * locks; audited under the administrator's name.
 */
@Command(
        name = "clear",
        mixinStandardHelpOptions = true,
        description = {
            "Clears the failed sign-ins of one user (--user) or of every user in the realm (--all): their locks end",
            "at once. A user a permanent lockout disabled stays disabled: enable them in the console or the API."
        })
final class LocksClearCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    Connection connection;

    @Option(names = "--realm", required = true, paramLabel = "REALM", description = "The realm.")
    String realm;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Target target;

    static final class Target {
        @Option(names = "--user", paramLabel = "USERNAME_OR_ID", description = "The user whose lock to clear.")
        String user;

        @Option(names = "--all", description = "Every user of the realm.")
        boolean all;
    }

    @Override
    public Integer call() {
        try (AdminClient api = connection.connect()) {
            return call(api);
        }
    }

    private int call(AdminClient api) {
        String locks = "/admin/realms/" + AdminClient.encode(realm) + "/attack-detection/brute-force/users";
        PrintWriter out = spec.commandLine().getOut();
        if (target.all) {
            api.delete(locks);
            out.println("Cleared the failed sign-ins of every user in realm '" + realm + "'.");
        } else {
            String id = new Users(api, realm).id(target.user);
            JsonNode before = api.get(locks + "/" + AdminClient.encode(id));
            api.delete(locks + "/" + AdminClient.encode(id));
            int failures = before.path("numFailures").asInt();
            out.println(
                    failures == 0
                            ? target.user + " had no failed sign-ins in realm '" + realm + "'."
                            : "Cleared " + Output.count(failures, "failed sign-in", "failed sign-ins") + " of "
                                    + target.user + (before.path("disabled").asBoolean() ? ", who was locked," : "")
                                    + " in realm '" + realm + "'.");
        }
        out.flush();
        return ExitCode.OK;
    }
}
