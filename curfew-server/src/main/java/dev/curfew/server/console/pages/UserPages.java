package dev.curfew.server.console.pages;

import com.fasterxml.jackson.databind.JsonNode;
import dev.curfew.server.console.ConsoleRequest;
import dev.curfew.server.console.api.AdminApiClient;
import dev.curfew.server.console.view.Paths;
import dev.curfew.server.console.view.SessionRow;
import dev.curfew.server.console.view.Times;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Users: the search list, and a user's page with profile, enable/disable, password, failed sign-ins (brute-force
 * protection: the lock and the way to clear it) and sessions.
 */
public final class UserPages {
    static final int PAGE_SIZE = 25;

    /** A user as the pages show them. */
    public record UserView(
            String id,
            String username,
            String email,
            String firstName,
            String lastName,
            boolean enabled,
            String created) {
        static UserView of(JsonNode u) {
            return new UserView(
                    u.path("id").asText(),
                    u.path("username").asText(),
                    u.path("email").asText(""),
                    u.path("firstName").asText(""),
                    u.path("lastName").asText(""),
                    u.path("enabled").asBoolean(),
                    Times.millis(u.path("createdTimestamp").asLong()));
        }
    }

    /**
     * The user's failed sign-ins as brute-force protection counts them ({@code attack-detection}), for those who may
     * see and clear them.
     *
     * @param protectionOn the realm counts failures at all
     * @param locked the user cannot sign in because of their failures
     * @param lastFailure when, blank when never
     */
    public record LockView(boolean protectionOn, int failures, boolean locked, String lastIp, String lastFailure) {
        static LockView of(JsonNode realm, JsonNode status) {
            return new LockView(
                    realm.path("bruteForceProtected").asBoolean(true),
                    status.path("numFailures").asInt(),
                    status.path("disabled").asBoolean(),
                    status.path("lastIPFailure").asText("n/a"),
                    Times.millis(status.path("lastFailure").asLong()));
        }
    }

    public void list(ConsoleRequest r) {
        String search = r.query("search");
        Paging paging = Paging.from(r, PAGE_SIZE);
        Map<String, Object> query = new LinkedHashMap<>();
        query.put("search", search);
        long total =
                r.get(AdminApiClient.withQuery(r.api("/users/count"), query)).asLong();
        query.put("first", Integer.toString(paging.first()));
        query.put("max", Integer.toString(PAGE_SIZE));
        List<UserView> users = new ArrayList<>();
        r.get(AdminApiClient.withQuery(r.api("/users"), query)).forEach(u -> users.add(UserView.of(u)));
        Map<String, Object> model = new HashMap<>();
        model.put("search", search);
        model.put("users", users);
        model.put("paging", paging.withTotal(total, search.isBlank() ? Map.of() : Map.of("search", search)));
        r.render("console/users.jte", r.frame("Users", "users"), model);
    }

    public void show(ConsoleRequest r) {
        UserView user = UserView.of(r.get(userApi(r, "")));
        Map<String, Object> model = new HashMap<>();
        model.put("user", user);
        model.put("sessions", r.access().userSessions() ? SessionRow.all(r.get(userApi(r, "/sessions"))) : List.of());
        model.put(
                "lock",
                r.access().editUsers()
                        ? LockView.of(r.get(r.api("")), r.get(lockApi(r)))
                        : new LockView(false, 0, false, "", ""));
        r.render("console/user.jte", r.frame("User " + user.username(), "users"), model);
    }

    public void updateProfile(ConsoleRequest r) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("email", r.form("email"));
        body.put("firstName", r.form("firstName"));
        body.put("lastName", r.form("lastName"));
        r.put(userApi(r, ""), body);
        r.flash("Profile saved.");
        r.redirect(userPage(r));
    }

    public void setEnabled(ConsoleRequest r) {
        boolean enabled = r.form("enabled").equals("true");
        r.put(userApi(r, ""), Map.of("enabled", enabled));
        r.flash(
                enabled
                        ? "Account enabled. Sessions ended while it was disabled stay ended."
                        : "Account disabled: all of its sessions and tokens stopped working at once.");
        r.redirect(userPage(r));
    }

    public void resetPassword(ConsoleRequest r) {
        String password = r.ctx().formParam("password");
        String confirm = r.ctx().formParam("passwordConfirm");
        if (password == null || !password.equals(confirm)) {
            r.flash("The two passwords differ; the password was not changed.");
            r.redirect(userPage(r));
            return;
        }
        r.put(userApi(r, "/reset-password"), Map.of("type", "password", "value", password, "temporary", false));
        r.flash("Password reset. Existing sessions are not ended; sign them out below if needed.");
        r.redirect(userPage(r));
    }

    /** Clears the user's failed sign-ins, and so their lock. */
    public void clearLock(ConsoleRequest r) {
        r.delete(lockApi(r));
        r.flash("Failed sign-ins cleared: the account is no longer locked.");
        r.redirect(userPage(r));
    }

    private static String lockApi(ConsoleRequest r) {
        return r.api(
                "/attack-detection/brute-force/users/" + Paths.encode(r.ctx().pathParam("id")));
    }

    private static String userApi(ConsoleRequest r, String suffix) {
        return r.api("/users/" + Paths.encode(r.ctx().pathParam("id")) + suffix);
    }

    private static String userPage(ConsoleRequest r) {
        return Paths.realm(r.realm()) + "/users/" + Paths.encode(r.ctx().pathParam("id"));
    }
}
