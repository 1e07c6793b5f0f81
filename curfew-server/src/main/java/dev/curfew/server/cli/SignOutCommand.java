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
        subcommands = {SignOutCancelCommand.class},
        description = {
            "Signs out sessions of a realm: their cookies, refresh tokens and access tokens stop working at once.",
            "Give exactly one scope: --session, --user, --client, --all-sessions, or filter options.",
            "Needs AUTH_ADMINISTRATOR for the realm; every sign-out is recorded with its reason in the audit log.",
            "With --at it is planned for later; 'curfew sign-out cancel --realm REALM ID' cancels it until then."
        })
final class SignOutCommand implements Callable<Integer> {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final CliContext context;

    @Spec
    CommandSpec spec;

    @Mixin
    Connection connection;

    // Required, but checked in call(): picocli would also demand them of 'curfew sign-out cancel'.
    @Option(names = "--realm", paramLabel = "REALM", description = "The realm (required).")
    String realm;

    @Mixin
    ScopeOptions scope;

    @Option(
            names = "--reason",
            paramLabel = "TEXT",
            description = "Why (required): recorded in the history and the audit log.")
    String reason;

    @Option(
            names = "--at",
            paramLabel = "RFC3339_TIME",
            description = "Plan the sign-out for this time (e.g. 2026-12-24T18:00:00Z) instead of now; it waits as"
                    + " SCHEDULED until then, and 'curfew sign-out cancel' cancels it.")
    String at;

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

    /** What picocli says of missing required options, for the two checked here. */
    private void requireOptions() {
        List<String> missing = new ArrayList<>();
        if (realm == null) {
            missing.add("'--realm=REALM'");
        }
        if (reason == null) {
            missing.add("'--reason=TEXT'");
        }
        if (!missing.isEmpty()) {
            throw new ParameterException(
                    spec.commandLine(),
                    "Missing required option" + (missing.size() == 1 ? "" : "s") + ": " + String.join(", ", missing));
        }
    }

    @Override
    public Integer call() {
        requireOptions();
        String type = scope.type(spec.commandLine());
        try (AdminClient api = connection.connect()) {
            return signOut(api, type);
        }
    }

    private int signOut(AdminClient api, String type) {
        String path = "/admin/realms/" + AdminClient.encode(realm) + "/sign-outs";
        ObjectNode scope = this.scope.toJson(type, new Users(api, realm));
        if (dryRun) {
            return printPreview(api.post(path, body(scope, true, null)));
        }
        if (at != null) {
            return plan(api, path, scope, type);
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

    private ObjectNode body(ObjectNode scope, boolean dry, String id) {
        ObjectNode body = AdminClient.JSON.createObjectNode();
        body.set("scope", scope);
        body.put("reason", reason).put("dryRun", dry);
        if (id != null) {
            body.put("id", id);
        }
        if (at != null && !dry) {
            body.put("at", at);
        }
        return body;
    }

    /** A sign-out planned for {@code --at}: nothing ends now, so there is nothing to follow. */
    private int plan(AdminClient api, String path, ObjectNode scope, String type) {
        if (type.equals("realm") && !yes) {
            long now = api.post(path, body(scope, true, null))
                    .path("affectedSessions")
                    .asLong();
            if (!confirmed(now)) {
                spec.commandLine().getErr().println("Not confirmed: nothing was planned.");
                return ExitCode.CHECK_FAILED;
            }
        }
        JsonNode planned = api.post(path, body(scope, false, null));
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            Output.json(out, planned);
            return ExitCode.OK;
        }
        String id = planned.path("id").asText();
        out.println("Planned the sign-out of " + Output.scope(planned.path("scope")) + " of realm '" + realm + "' for "
                + Output.time(planned.path("runAt")) + ": SCHEDULED, nothing is signed out before then.");
        out.println("Sign-out " + id + " (cancel it: curfew sign-out cancel --realm " + realm + " " + id + ")");
        out.flush();
        return ExitCode.OK;
    }

    private boolean confirmed(long total) {
        CliContext.Prompter console = context.console()
                .orElseThrow(() -> new ParameterException(
                        spec.commandLine(),
                        "Signing out every session of realm '" + realm
                                + "' needs confirmation: run it in a terminal, or pass --yes"));
        PrintWriter err = spec.commandLine().getErr();
        err.println(
                at == null
                        ? "This signs out all " + Output.sessionsCount(total) + " of realm '" + realm
                                + "' and refuses every token issued to it until now."
                        : "This plans to sign out every session of realm '" + realm + "' ("
                                + Output.sessionsCount(total) + " now) at " + at
                                + ", and to refuse every token issued to it until then.");
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
