package dev.curfew.server.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * Whom a sign-out (or each run of a schedule) signs out, as flags: exactly one of {@code --session}, {@code
 * --user}, {@code --client}, {@code --all-sessions}, or filter options.
 */
final class ScopeOptions {
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

    /** The API's type of the one scope given; two or none is a usage error. */
    String type(CommandLine commandLine) {
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
                    commandLine,
                    "Say whom to sign out: one of --session ID, --user NAME, --client CLIENT_ID, --all-sessions,"
                            + " or filter options (--filter-user, --ip, --without-auth-method...)");
        }
        if (given.size() > 1) {
            throw new ParameterException(
                    commandLine,
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

    /** The API's {@code scope} object. */
    ObjectNode toJson(String type, Users users) {
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
}
