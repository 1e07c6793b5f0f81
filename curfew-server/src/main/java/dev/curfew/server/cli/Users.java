package dev.curfew.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/**
 * Turns what an operator types for a user — a username or an id — into the user's id. A username is looked
 * up with {@code GET .../users?username=X&exact=true} (which needs USER_ADMINISTRATOR or SESSION_VIEWER);
 * when that finds nobody, or the administrator may not list users, the text is taken for an id and the
 * server, which checks every user id it is given, says whether it exists.
 */
final class Users {
    private final AdminClient client;
    private final String realm;

    Users(AdminClient client, String realm) {
        this.client = client;
        this.realm = realm;
    }

    String id(String usernameOrId) {
        JsonNode found;
        try {
            found = client.get(
                    "/admin/realms/" + AdminClient.encode(realm) + "/users",
                    Map.of("username", List.of(usernameOrId), "exact", List.of("true")));
        } catch (CliException e) {
            if (e.exitCode() == ExitCode.FORBIDDEN) {
                return usernameOrId;
            }
            throw e;
        }
        for (JsonNode user : found) {
            if (user.path("username").asText().equalsIgnoreCase(usernameOrId)) {
                return user.path("id").asText();
            }
        }
        return usernameOrId;
    }

    List<String> ids(List<String> usernamesOrIds) {
        return usernamesOrIds.stream().map(this::id).toList();
    }
}
