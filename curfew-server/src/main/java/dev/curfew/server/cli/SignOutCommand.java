package dev.curfew.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code curfew sign-out}: signs out one scope of a realm through {@code POST .../sign-outs}. A filter
 * sign-out is followed while it runs (the CLI picks the sign-out's id, posts on one thread and polls on
 * this one, see {@link SignOutProgress}); a realm or client sign-out answers once the cut-off is in force,
 * and the CLI then waits for the background clean-up to report its final count. A dry run made first
 * gives the progress bar its total.
 */
@Command(
        name = "sign-out",
        mixinStandardHelpOptions = true,
        description = {
            "Signs out sessions of a realm: their cookies, refresh tokens and access tokens stop working at once.",
            "Give exactly one scope: --session, --user, --client, --all-sessions, or filter options.",
            "Needs AUTH_ADMINISTRATOR for the realm; every sign-out is recorded with its reason in the audit log."
        })
final class SignOutCommand implements Callable<Integer> {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final CliContext context;

    @Spec
    CommandSpec spec;

    @Mixin
    Connection connection;

    @Option(names = "--realm", required = true, paramLabel = "REALM", description = "The realm.")
    String realm;

    @Option(
            names = "--session",
            arity = "1..*",
            paramLabel = "ID",
            description = "These sessions (a lost device): their ids, as 'curfew sessions' shows them.")
    List<String> sessions = new ArrayList<>();

    @Option(
            names = "--user",
            paramLabel = "USERNAME_OR_ID",
            description = "Every session of this user, and every token issued to them until now.")
    String user;

    @Option(
            names = "--client",
            paramLabel = "CLIENT_ID",
            description = "Every use of this client: its refresh and access tokens die; users' SSO sessions and"
                    + " other clients are untouched.")
    String client;

    @Option(names = "--all-sessions", description = "Every session of the realm (asks to confirm unless --yes).")
    boolean allSessions;

    @Mixin
    FilterOptions filter;

    @Option(
            names = "--reason",
            required = true,
            paramLabel = "TEXT",
            description = "Why: recorded in the history and the audit log.")
    String reason;

    @Option(names = "--dry-run", description = "Only count the sessions it would sign out and show some.")
    boolean dryRun;

    @Option(names = "--yes", description = "Do not ask to confirm a realm-wide sign-out.")
    boolean yes;

    @Option(
            names = "--no-wait",
            description = "Return once the cut-off is in force, without waiting for the background clean-up.")
    boolean noWait;

    @Option(names = "--json", description = "Print the API's JSON answer.")
    boolean json;

    SignOutCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        String type = scopeType();
        try (AdminClient api = connection.connect()) {
            return signOut(api, type);
        }
    }

    private int signOut(AdminClient api, String type) {
        String path = "/admin/realms/" + AdminClient.encode(realm) + "/sign-outs";
        ObjectNode scope = scope(type, new Users(api, realm));
        if (dryRun) {
            return printPreview(api.post(path, body(scope, true, null)));
        }
        long total = 0;
        // The dry run gives the progress bar its total and the confirmation its count.
        if (type.equals("filter")
                || type.equals("realm")
                || (type.equals("user") && !noWait)
                || (type.equals("client") && !noWait)) {
            total = api.post(path, body(scope, true, null))
                    .path("affectedSessions")
                    .asLong();
        }
        if (type.equals("realm") && !yes && !confirmed(total)) {
            spec.commandLine().getErr().println("Not confirmed: nothing was signed out.");
            return ExitCode.CHECK_FAILED;
        }
        String id = newId();
        PrintWriter err = spec.commandLine().getErr();
        SignOutProgress progress = new SignOutProgress(
                api,
                path + "/" + id,
                new ProgressBar(err, context.stderrIsTerminal(), total),
                "curfew sign-outs --realm " + realm + " --id " + id);
        JsonNode result = type.equals("filter")
                ? progress.whilePosting(api.postAsync(path, body(scope, false, id)))
                : api.post(path, body(scope, false, id));
        if (SignOutProgress.isRunning(result) && !noWait) {
            err.println("The cut-off is in force; removing the signed-out sessions in the background"
                    + " (Ctrl-C stops waiting, not the sign-out).");
            err.flush();
            result = progress.untilCompleted();
        }
        printResult(result);
        return SignOutProgress.isFailed(result) ? ExitCode.API_ERROR : ExitCode.OK;
    }

    /** The one scope given; two or none is a usage error. */
    private String scopeType() {
        List<String> given = new ArrayList<>();
        if (!sessions.isEmpty()) {
            given.add("--session");
        }
        if (user != null) {
            given.add("--user");
        }
        if (client != null) {
            given.add("--client");
        }
        if (allSessions) {
            given.add("--all-sessions");
        }
        if (!filter.isEmpty()) {
            given.add("filter options");
        }
        if (given.isEmpty()) {
            throw new ParameterException(
                    spec.commandLine(),
                    "Say whom to sign out: one of --session ID, --user NAME, --client CLIENT_ID, --all-sessions,"
                            + " or filter options (--filter-user, --ip, --without-auth-method...)");
        }
        if (given.size() > 1) {
            throw new ParameterException(
                    spec.commandLine(),
                    "Give exactly one scope, not " + String.join(" and ", given)
                            + " (to combine conditions, use only filter options)");
        }
        return switch (given.get(0)) {
            case "--session" -> "session";
            case "--user" -> "user";
            case "--client" -> "client";
            case "--all-sessions" -> "realm";
            default -> "filter";
        };
    }

    private ObjectNode scope(String type, Users users) {
        ObjectNode scope = AdminClient.JSON.createObjectNode().put("type", type);
        switch (type) {
            case "session" -> sessions.forEach(scope.putArray("sessionIds")::add);
            case "user" -> scope.put("userId", users.id(user));
            case "client" -> scope.put("clientId", client);
            case "filter" -> scope.set("filter", filter.toJson(users));
            default -> {}
        }
        return scope;
    }

    private ObjectNode body(ObjectNode scope, boolean dry, String id) {
        ObjectNode body = AdminClient.JSON.createObjectNode();
        body.set("scope", scope);
        body.put("reason", reason).put("dryRun", dry);
        if (id != null) {
            body.put("id", id);
        }
        return body;
    }

    private boolean confirmed(long total) {
        CliContext.Prompter console = context.console()
                .orElseThrow(() -> new ParameterException(
                        spec.commandLine(),
                        "Signing out every session of realm '" + realm
                                + "' needs confirmation: run it in a terminal, or pass --yes"));
        PrintWriter err = spec.commandLine().getErr();
        err.println("This signs out all " + Output.sessionsCount(total) + " of realm '" + realm
                + "' and refuses every token issued to it until now.");
        err.flush();
        return console.readLine("Type the realm name to confirm: ")
                .map(answer -> answer.strip().equals(realm))
                .orElse(false);
    }

    private int printPreview(JsonNode preview) {
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            Output.json(out, preview);
            return ExitCode.OK;
        }
        long count = preview.path("affectedSessions").asLong();
        out.println("Dry run: " + Output.sessionsCount(count) + " of realm '" + realm + "' would be signed out ("
                + Output.scope(preview.path("scope")) + "). Nothing was changed.");
        Table sample = Output.sessions(preview.path("sample"));
        if (!sample.isEmpty()) {
            out.println();
            sample.print(out);
            if (count > preview.path("sample").size()) {
                out.println("(" + preview.path("sample").size() + " of " + count + " shown)");
            }
        }
        out.flush();
        return ExitCode.OK;
    }

    private void printResult(JsonNode result) {
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            Output.json(out, result);
            return;
        }
        String id = result.path("id").asText();
        String ended = Output.sessionsCount(result.path("affectedSessions").asLong());
        String what = Output.scope(result.path("scope"));
        if (SignOutProgress.isRunning(result)) {
            out.println("Signed out " + what + " of realm '" + realm + "': tokens issued before "
                    + Output.time(result.path("cutOff")) + " are refused. Its sessions are being removed in the"
                    + " background.");
        } else if (SignOutProgress.isFailed(result)) {
            String inForce = result.hasNonNull("cutOff")
                    ? "tokens issued before " + Output.time(result.path("cutOff")) + " are refused, but "
                    : "";
            out.println("Sign-out of " + what + " of realm '" + realm + "': " + inForce + "it FAILED after " + ended
                    + " ended: " + result.path("error").asText());
        } else {
            out.println("Signed out " + what + " of realm '" + realm + "': " + ended + " ended.");
        }
        if (result.path("scope").path("type").asText().equals("client")) {
            out.println("The client's refresh and access tokens are dead; users' SSO sessions and other clients"
                    + " are untouched.");
        }
        out.println("Sign-out " + id + " (see: curfew sign-outs --realm " + realm + " --id " + id + ")");
        out.flush();
    }

    /** An id the server accepts ([A-Za-z0-9_-]{8,64}), chosen here so the sign-out can be followed. */
    static String newId() {
        byte[] bytes = new byte[15];
        RANDOM.nextBytes(bytes);
        return "cli-" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
