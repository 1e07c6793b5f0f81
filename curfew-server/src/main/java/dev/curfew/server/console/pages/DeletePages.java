package dev.curfew.server.console.pages;

import com.fasterxml.jackson.databind.JsonNode;
import dev.curfew.server.console.ConsoleRequest;
import dev.curfew.server.console.view.Paths;
import java.util.List;
import java.util.Map;

/**
 * Deleting a realm, a user or a client takes a confirmation page first: what goes with it, and its name typed
 * out (the server compares it, so a script-less browser or a forged form gets no shortcut). Then the API
 * deletes, with its own privilege check.
 */
public final class DeletePages {

    /** What the confirmation page shows; {@code nav} is the navigation entry it belongs under. */
    public record Confirmation(
            String heading,
            String what,
            List<String> consequences,
            String name,
            String action,
            String cancel,
            String error,
            String nav) {}

    /** GET {@code .../clients/{id}/delete}. */
    public void confirmClient(ConsoleRequest r) {
        ClientView client = ClientView.of(r.get(ClientPages.clientApi(r)));
        render(r, 200, clientConfirmation(r, client, ""));
    }

    /** POST {@code .../clients/{id}/delete}. */
    public void deleteClient(ConsoleRequest r) {
        ClientView client = ClientView.of(r.get(ClientPages.clientApi(r)));
        if (!r.form("confirmName").equals(client.clientId())) {
            render(r, 400, clientConfirmation(r, client, mismatch(client.clientId())));
            return;
        }
        r.delete(ClientPages.clientApi(r));
        r.flash("Client " + client.clientId() + " deleted.");
        r.redirect(Paths.realm(r.realm()) + "/clients");
    }

    /** GET {@code .../users/{id}/delete}. */
    public void confirmUser(ConsoleRequest r) {
        JsonNode user = r.get(UserPages.userApi(r, ""));
        render(r, 200, userConfirmation(r, user, ""));
    }

    /** POST {@code .../users/{id}/delete}. */
    public void deleteUser(ConsoleRequest r) {
        JsonNode user = r.get(UserPages.userApi(r, ""));
        String username = user.path("username").asText();
        if (!r.form("confirmName").equals(username)) {
            render(r, 400, userConfirmation(r, user, mismatch(username)));
            return;
        }
        r.delete(UserPages.userApi(r, ""));
        r.flash("User " + username + " deleted.");
        r.redirect(Paths.realm(r.realm()) + "/users");
    }

    /** GET {@code .../realms/{realm}/delete}. */
    public void confirmRealm(ConsoleRequest r) {
        r.get(r.api(""));
        render(r, 200, realmConfirmation(r, ""));
    }

    /** POST {@code .../realms/{realm}/delete}. */
    public void deleteRealm(ConsoleRequest r) {
        r.get(r.api(""));
        if (!r.form("confirmName").equals(r.realm())) {
            render(r, 400, realmConfirmation(r, mismatch(r.realm())));
            return;
        }
        r.delete(r.api(""));
        r.flash("Realm " + r.realm() + " deleted.");
        r.redirect(Paths.REALMS);
    }

    private static Confirmation clientConfirmation(ConsoleRequest r, ClientView client, String error) {
        String page = ClientPages.clientPage(r.realm(), client.id());
        return new Confirmation(
                "Delete client " + client.clientId(),
                "client " + client.clientId(),
                List.of(
                        "Its sessions' ties to it, its authorization codes and refresh tokens are deleted; access"
                                + " tokens issued to it stop working.",
                        "Applications using it can no longer sign anyone in or get tokens.",
                        "This cannot be undone: registering it again gives it a new secret."),
                client.clientId(),
                page + "/delete",
                page,
                error,
                "clients");
    }

    private static Confirmation userConfirmation(ConsoleRequest r, JsonNode user, String error) {
        String username = user.path("username").asText();
        String page = Paths.realm(r.realm()) + "/users/"
                + Paths.encode(user.path("id").asText());
        return new Confirmation(
                "Delete user " + username,
                "user " + username,
                List.of(
                        "Their password, sessions and refresh tokens are deleted; their access tokens stop working.",
                        "Their administrator privileges, if any, go with them.",
                        "This cannot be undone: a new user with the same name is a different user."),
                username,
                page + "/delete",
                page,
                error,
                "users");
    }

    private static Confirmation realmConfirmation(ConsoleRequest r, String error) {
        String realm = r.realm();
        return new Confirmation(
                "Delete realm " + realm,
                "realm " + realm,
                List.of(
                        "Everything in it is deleted: users, clients, sessions, signing keys, the sign-out history and"
                                + " the audit log.",
                        "Every token it issued stops working, and every administrator privilege granted for it goes.",
                        "This cannot be undone."),
                realm,
                Paths.realm(realm) + "/delete",
                Paths.realm(realm) + "/settings",
                error,
                "settings");
    }

    private static String mismatch(String name) {
        return "Type " + name + " exactly to confirm; nothing was deleted.";
    }

    private static void render(ConsoleRequest r, int status, Confirmation confirmation) {
        r.render(
                status,
                "console/confirm-delete.jte",
                r.frame(confirmation.heading(), confirmation.nav()),
                Map.of("confirmation", confirmation));
    }
}
