package dev.curfew.server.cli;

import java.io.PrintWriter;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code curfew users set-password --realm R USER}: gives a user a new password through
 * {@code PUT .../users/{id}/reset-password}. The password is typed twice on the terminal, without echo, or read
 * from the first line of standard input when that is not a terminal — never from a flag, which anyone on the
 * machine could read in the process list.
 */
@Command(
        name = "set-password",
        mixinStandardHelpOptions = true,
        description = {
            "Sets a user's password: typed twice on the terminal (not shown), or the first line of standard input.",
            "The user's sessions stay signed in: sign them out with 'curfew sign-out --user'."
        })
final class SetPasswordCommand implements Callable<Integer> {
    private final CliContext context;

    @Spec
    CommandSpec spec;

    @Mixin
    Connection connection;

    @Option(names = "--realm", required = true, paramLabel = "REALM", description = "The realm.")
    String realm;

    @Parameters(index = "0", paramLabel = "USERNAME_OR_ID", description = "The user: a username or an id.")
    String user;

    SetPasswordCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        char[] password = newPassword();
        try (AdminClient api = connection.connect()) {
            String id = new Users(api, realm).id(user);
            api.put(
                    "/admin/realms/" + AdminClient.encode(realm) + "/users/" + AdminClient.encode(id)
                            + "/reset-password",
                    AdminClient.JSON
                            .createObjectNode()
                            .put("type", "password")
                            .put("value", new String(password))
                            .put("temporary", false));
        } finally {
            Arrays.fill(password, '\0');
        }
        PrintWriter out = spec.commandLine().getOut();
        out.println("New password set for user " + user + " of realm '" + realm + "'. Their sessions stay signed in"
                + " (sign them out with: curfew sign-out --realm " + realm + " --user " + user + " --reason ...).");
        out.flush();
        return ExitCode.OK;
    }

    /** Read before signing in, so a mistyped password costs no request. */
    private char[] newPassword() {
        Optional<CliContext.Prompter> console = context.console();
        if (console.isEmpty()) {
            return context.stdinLine()
                    .filter(line -> !line.isEmpty())
                    .map(String::toCharArray)
                    .orElseThrow(() -> usage("no new password: type it on a terminal, or give it as the first line"
                            + " of standard input (printf '%s\\n' \"$PASSWORD\" | curfew users set-password ...)"));
        }
        String prompt = "New password for " + user + " in realm '" + realm + "': ";
        char[] first = console.get().readPassword(prompt).orElseThrow(() -> usage("no password given"));
        char[] again = console.get().readPassword("The same again: ").orElseThrow(() -> usage("no password given"));
        try {
            if (first.length == 0) {
                throw usage("the password is empty");
            }
            if (!Arrays.equals(first, again)) {
                throw usage("the two passwords differ: nothing was changed");
            }
            return first.clone();
        } finally {
            Arrays.fill(first, '\0');
            Arrays.fill(again, '\0');
        }
    }

    private ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }
}
