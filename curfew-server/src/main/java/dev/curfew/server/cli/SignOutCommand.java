package dev.curfew.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code curfew sign-out}: signs out one scope of a realm through {@code POST .../sign-outs}. A filter
 * sign-out is followed while it runs (the CLI picks the sign-out's id, posts on one thread and polls
 * {@code GET .../sign-outs/{id}} on this one); a realm or client sign-out answers once the cut-off is in
 * force, and the CLI then waits for the background clean-up to report its final count.
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
    static final long POLL_MILLIS = 200;
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
        if (type.equals("filter") || type.equals("realm") || (type.equals("client") && !noWait)) {
            total = api.post(path, body(scope, true, null))
                    .path("affectedSessions")
                    .asLong();
        }
        if (type.equals("realm") && !yes && !confirmed(total)) {
            spec.commandLine().getErr().println("Not confirmed: nothing was signed out.");
            return ExitCode.CHECK_FAILED;
        }
        String id = newId();
        ProgressBar bar = new ProgressBar(spec.commandLine().getErr(), context.stderrIsTerminal(), total);
        JsonNode result = type.equals("filter")
                ? follow(api, path, id, api.postAsync(path, body(scope, false, id)), bar)
                : api.post(path, body(scope, false, id));
        if (isRunning(result) && !noWait) {
            result = waitForCleanup(api, path + "/" + id, bar);
        } else if (type.equals("filter")) {
            bar.finish(result.path("affectedSessions").asLong());
        }
        printResult(result);
        return ExitCode.OK;
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

    /** Polls the sign-out while the POST that runs it is in flight; the POST's answer when it comes. */
    private JsonNode follow(
            AdminClient api, String path, String id, CompletableFuture<JsonNode> running, ProgressBar bar) {
        bar.update(0);
        while (true) {
            try {
                return running.get(POLL_MILLIS, TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                // Until the server has stored the sign-out, its id is not found: nothing to show yet.
                api.find(path + "/" + id)
                        .ifPresent(s -> bar.update(s.path("affectedSessions").asLong()));
            } catch (ExecutionException e) {
                throw e.getCause() instanceof CliException c ? c : new IllegalStateException(e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CliException(
                        ExitCode.API_ERROR,
                        "Interrupted; the sign-out goes on in the server: curfew sign-outs --realm " + realm + " --id "
                                + id);
            }
        }
    }

    /** Polls a realm or client sign-out until its background clean-up has completed. */
    private JsonNode waitForCleanup(AdminClient api, String signOutPath, ProgressBar bar) {
        PrintWriter err = spec.commandLine().getErr();
        err.println("The cut-off is in force; removing the signed-out sessions in the background"
                + " (Ctrl-C stops waiting, not the sign-out).");
        err.flush();
        JsonNode current = api.get(signOutPath);
        while (isRunning(current)) {
            bar.update(current.path("affectedSessions").asLong());
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CliException(ExitCode.API_ERROR, "Interrupted; the clean-up goes on in the server");
            }
            current = api.get(signOutPath);
        }
        bar.finish(current.path("affectedSessions").asLong());
        return current;
    }

    private static boolean isRunning(JsonNode signOut) {
        return "RUNNING".equals(signOut.path("status").asText());
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
        if (isRunning(result)) {
            out.println("Signed out " + what + " of realm '" + realm + "': tokens issued before "
                    + Output.time(result.path("cutOff")) + " are refused. Its sessions are being removed in the"
                    + " background.");
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
