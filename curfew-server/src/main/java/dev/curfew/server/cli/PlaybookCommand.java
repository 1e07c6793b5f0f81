package dev.curfew.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code curfew playbook NAME}: one of the situations of {@code docs/playbooks.md} as one call of
 * {@code POST /admin/realms/{realm}/playbooks/NAME}. Each playbook takes the options it needs and refuses the others;
 * {@code --dry-run} previews every step and changes nothing.
 */
@Command(
        name = "playbook",
        mixinStandardHelpOptions = true,
        description = {
            "Runs a playbook: the steps of one situation as one audited action. Preview it first with --dry-run.",
            "  incident-response   sign out the realm; --rotate-key keep-old|retire-old; --maintenance MESSAGE",
            "                      [--maintenance-until TIME] pauses new sign-ins first (SYSTEM_ADMINISTRATOR)",
            "  offboarding         disable and sign out each --user (USER_ADMINISTRATOR)",
            "  lost-device         sign out one --user's sessions of --user-agent and/or --ip (AUTH_ADMINISTRATOR)",
            "  enforce-two-factor  require two-factor for --who everyone|administrators and sign out the sessions",
            "                      signed in without a code (SYSTEM_ADMINISTRATOR)",
            "  system-update       plan a sign-out --at the maintenance window, of --client or the realm",
            "                      (AUTH_ADMINISTRATOR)",
            "  password-compromise require a new password at the next sign-in of each --user (or --all-users)",
            "                      and sign them out (SYSTEM_ADMINISTRATOR)",
            "  credential-sharing  keep one --user's sessions as evidence, sign out those from --ip (or all), and",
            "                      require a new password (SYSTEM_ADMINISTRATOR)",
            "  compliance          sign out the realm (or --client) --every daily|weekly [--day DAY] --time HH:MM",
            "                      (UTC), and report today's sessions; --report-dir DIR saves it as CSV and JSON",
            "                      (AUTH_ADMINISTRATOR)",
            "  migration           pause sign-ins (--maintenance MESSAGE [--maintenance-until TIME]), sign out the",
            "                      realm; --export-to FILE saves the realm's export (SYSTEM_ADMINISTRATOR)",
            "  high-risk-period    sign out a --group and give its members short-lived tokens --until TIME",
            "                      [--access-token-lifespan S] [--refresh-token-lifespan S] (SYSTEM_ADMINISTRATOR)"
        })
final class PlaybookCommand implements Callable<Integer> {
    /** The options each playbook takes, by the API field they fill. */
    private static final Map<String, Set<String>> OPTIONS = Map.of(
            "incident-response", Set.of("rotateKey", "maintenance"),
            "offboarding", Set.of("usernames"),
            "lost-device", Set.of("username", "userAgent", "ip"),
            "enforce-two-factor", Set.of("who"),
            "system-update", Set.of("at", "clientId"),
            "password-compromise", Set.of("usernames", "all"),
            "credential-sharing", Set.of("username", "ip"),
            "compliance", Set.of("recurrence", "scope"),
            "migration", Set.of("maintenance"),
            "high-risk-period", Set.of("group", "until", "accessTokenLifespan", "refreshTokenLifespan"));

    @Spec
    CommandSpec spec;

    @Mixin
    Connection connection;

    @Parameters(
            index = "0",
            paramLabel = "PLAYBOOK",
            description = "incident-response, offboarding, lost-device, enforce-two-factor, system-update,"
                    + " password-compromise, credential-sharing, compliance, migration or high-risk-period.")
    String playbook;

    @Option(names = "--realm", required = true, paramLabel = "REALM", description = "The realm.")
    String realm;

    @Option(names = "--reason", required = true, paramLabel = "TEXT", description = "Why; goes to the audit log.")
    String reason;

    @Option(names = "--dry-run", description = "Show what each step would do; change nothing.")
    boolean dryRun;

    @Option(names = "--rotate-key", paramLabel = "no|keep-old|retire-old", description = "incident-response.")
    String rotateKey;

    @Option(names = "--user", paramLabel = "USERNAME", description = "offboarding (repeatable), lost-device.")
    List<String> users = new ArrayList<>();

    @Option(names = "--user-agent", paramLabel = "TEXT", description = "lost-device: text in the user agent.")
    String userAgent;

    @Option(names = "--ip", paramLabel = "CIDR", description = "lost-device: the device's address or network.")
    String ip;

    @Option(
            names = "--maintenance",
            paramLabel = "MESSAGE",
            description = "incident-response: first a maintenance window with this message (no new sign-ins).")
    String maintenanceMessage;

    @Option(names = "--maintenance-until", paramLabel = "RFC3339", description = "incident-response: its end.")
    String maintenanceUntil;

    @Option(names = "--all-users", description = "password-compromise: every user of the realm.")
    boolean allUsers;

    @Option(names = "--who", paramLabel = "everyone|administrators", description = "enforce-two-factor.")
    String who;

    @Option(names = "--at", paramLabel = "RFC3339", description = "system-update: when the window starts.")
    String at;

    @Option(names = "--client", paramLabel = "CLIENT_ID", description = "system-update: the application updated.")
    String client;

    @Option(names = "--every", paramLabel = "daily|weekly", description = "compliance: how often to sign out.")
    String every;

    @Option(names = "--day", paramLabel = "DAY", description = "compliance, weekly: the day, e.g. SUNDAY.")
    String day;

    @Option(names = "--time", paramLabel = "HH:MM", description = "compliance: the time of day, UTC.")
    String time;

    @Option(
            names = "--report-dir",
            paramLabel = "DIR",
            description = "compliance: save the sessions report there as CSV and JSON.")
    java.nio.file.Path reportDir;

    @Option(names = "--group", paramLabel = "NAME", description = "high-risk-period: the group.")
    String group;

    @Option(names = "--until", paramLabel = "RFC3339", description = "high-risk-period: when it ends.")
    String until;

    @Option(
            names = "--access-token-lifespan",
            paramLabel = "SECONDS",
            description = "high-risk-period: the members' access tokens (default 60).")
    Integer accessTokenLifespan;

    @Option(
            names = "--refresh-token-lifespan",
            paramLabel = "SECONDS",
            description = "high-risk-period: the members' refresh tokens (default 900).")
    Integer refreshTokenLifespan;

    @Option(names = "--export-to", paramLabel = "FILE", description = "migration: save the realm's export there.")
    java.nio.file.Path exportTo;

    @Option(names = "--json", description = "Print the API's JSON answer.")
    boolean json;

    @Override
    public Integer call() {
        Set<String> allowed = OPTIONS.get(playbook);
        if (allowed == null) {
            throw new CliException(
                    ExitCode.USAGE, "Unknown playbook '" + playbook + "'; one of " + String.join(", ", names()));
        }
        ObjectNode body = body(allowed);
        if (reportDir != null && !playbook.equals("compliance")) {
            throw new CliException(ExitCode.USAGE, "The " + playbook + " playbook does not take --report-dir.");
        }
        if (exportTo != null && !playbook.equals("migration")) {
            throw new CliException(ExitCode.USAGE, "The " + playbook + " playbook does not take --export-to.");
        }
        try (AdminClient api = connection.connect()) {
            JsonNode run = api.post(
                    "/admin/realms/" + AdminClient.encode(realm) + "/playbooks/" + AdminClient.encode(playbook), body);
            PrintWriter out = spec.commandLine().getOut();
            if (json) {
                Output.json(out, run);
            } else {
                print(out, run);
            }
            if (reportDir != null && !run.path("dryRun").asBoolean()) {
                saveReport(api, run, out);
            }
            if (exportTo != null && !run.path("dryRun").asBoolean()) {
                saveExport(api, run, out);
            }
            out.flush();
            return ExitCode.OK;
        }
    }

    /** The report step's CSV and JSON, as files in {@code --report-dir}. */
    private void saveReport(AdminClient api, JsonNode run, PrintWriter out) {
        for (JsonNode step : run.path("steps")) {
            if (!step.path("action").asText().equals("sessions-report")) {
                continue;
            }
            String asOf = step.path("detail").path("asOf").asText().replace(':', '-');
            for (String format : List.of("csv", "json")) {
                java.nio.file.Path file = reportDir.resolve("sessions-" + realm + "-" + asOf + "." + format);
                try {
                    java.nio.file.Files.createDirectories(reportDir);
                    java.nio.file.Files.writeString(
                            file, api.getText(step.path("detail").path(format).asText(), Map.of()));
                } catch (java.io.IOException e) {
                    throw new CliException(ExitCode.USAGE, "Could not write " + file + ": " + e.getMessage());
                }
                out.println("  saved " + file);
            }
        }
    }

    /** The realm's export that the run's {@code export} step names, as the file {@code --export-to}. */
    private void saveExport(AdminClient api, JsonNode run, PrintWriter out) {
        for (JsonNode step : run.path("steps")) {
            if (step.path("action").asText().equals("export")) {
                ExportCommand.write(
                        out,
                        exportTo,
                        api.postText(step.path("detail").path("path").asText()));
            }
        }
    }

    private static List<String> names() {
        return OPTIONS.keySet().stream().sorted().toList();
    }

    /** The request body: the options given, each checked against what the playbook takes. */
    private ObjectNode body(Set<String> allowed) {
        Map<String, Object> given = new LinkedHashMap<>();
        given.put("rotateKey", rotateKey);
        given.put("who", who);
        given.put("at", at);
        boolean compliance = playbook.equals("compliance");
        given.put("clientId", compliance ? null : client);
        if (compliance && client != null) {
            given.put(
                    "scope",
                    AdminClient.JSON.createObjectNode().put("type", "client").put("clientId", client));
        }
        if (every != null || day != null || time != null) {
            ObjectNode recurrence = AdminClient.JSON.createObjectNode();
            putIfSet(recurrence, "frequency", every);
            putIfSet(recurrence, "dayOfWeek", day);
            putIfSet(recurrence, "time", time);
            given.put("recurrence", recurrence);
        }
        given.put("userAgent", userAgent);
        given.put("ip", ip);
        given.put("all", allUsers ? Boolean.TRUE : null);
        given.put("group", group);
        given.put("until", until);
        given.put("accessTokenLifespan", accessTokenLifespan);
        given.put("refreshTokenLifespan", refreshTokenLifespan);
        if (maintenanceMessage != null || maintenanceUntil != null) {
            ObjectNode pause = AdminClient.JSON.createObjectNode();
            if (maintenanceMessage != null) {
                pause.put("message", maintenanceMessage);
            }
            if (maintenanceUntil != null) {
                pause.put("end", maintenanceUntil);
            }
            given.put("maintenance", pause);
        }
        if (!users.isEmpty()) {
            given.put(allowed.contains("usernames") ? "usernames" : "username", users);
        }
        ObjectNode body =
                AdminClient.JSON.createObjectNode().put("reason", reason).put("dryRun", dryRun);
        given.forEach((field, value) -> {
            if (value == null) {
                return;
            }
            if (!allowed.contains(field)) {
                throw new CliException(
                        ExitCode.USAGE, "The " + playbook + " playbook does not take " + option(field) + ".");
            }
            if (value instanceof List<?> list) {
                if (field.equals("username")) {
                    if (list.size() != 1) {
                        throw new CliException(ExitCode.USAGE, playbook + " takes exactly one --user.");
                    }
                    body.put(field, list.get(0).toString());
                } else {
                    list.forEach(v -> body.withArray(field).add(v.toString()));
                }
            } else if (value instanceof ObjectNode object) {
                body.set(field, object);
            } else if (value instanceof Boolean b) {
                body.put(field, b);
            } else if (value instanceof Integer n) {
                body.put(field, n);
            } else {
                body.put(field, value.toString());
            }
        });
        return body;
    }

    private static void putIfSet(ObjectNode node, String field, String value) {
        if (value != null) {
            node.put(field, value);
        }
    }

    private static String option(String field) {
        return switch (field) {
            case "rotateKey" -> "--rotate-key";
            case "clientId" -> "--client";
            case "userAgent" -> "--user-agent";
            case "username", "usernames" -> "--user";
            case "all" -> "--all-users";
            case "maintenance" -> "--maintenance";
            case "recurrence" -> "--every, --day or --time";
            case "scope" -> "--client";
            case "accessTokenLifespan" -> "--access-token-lifespan";
            case "refreshTokenLifespan" -> "--refresh-token-lifespan";
            default -> "--" + field;
        };
    }

    private static void print(PrintWriter out, JsonNode run) {
        out.println((run.path("dryRun").asBoolean() ? "Preview of playbook " : "Playbook ")
                + run.path("playbook").asText() + " (" + run.path("reason").asText() + "):");
        for (JsonNode step : run.path("steps")) {
            List<String> details = new ArrayList<>();
            step.path("detail")
                    .properties()
                    .forEach(e -> details.add(e.getKey() + " " + e.getValue().asText()));
            out.println("  " + step.path("action").asText() + ": "
                    + step.path("outcome").asText()
                    + (details.isEmpty() ? "" : " (" + String.join(", ", details) + ")"));
        }
    }
}
