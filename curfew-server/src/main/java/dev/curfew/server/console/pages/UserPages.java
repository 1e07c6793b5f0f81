package dev.curfew.server.console.pages;

import com.fasterxml.jackson.databind.JsonNode;
import dev.curfew.server.console.ConsoleRequest;
import dev.curfew.server.console.api.AdminApiClient;
import dev.curfew.server.console.api.ApiException;
import dev.curfew.server.console.view.ConsoleAccess;
import dev.curfew.server.console.view.FieldErrors;
import dev.curfew.server.console.view.Paths;
import dev.curfew.server.console.view.SessionRow;
import dev.curfew.server.console.view.When;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Users: the search list with each user's number of sessions, and a user's page with profile, enable/disable,
 * password, failed sign-ins (brute-force protection: the lock and the way to clear it), their sessions, and, for a master-realm user, their administrator privileges. Each form that the
 * API refuses comes back with what was typed and the reasons next to the fields.
 */
public final class UserPages {
    static final int PAGE_SIZE = 25;

    /** A row of the user list: the user and their active sessions (-1 when the administrator may not count them). */
    public record Row(UserView user, long sessions) {}

    /** The profile form's values: stored, or as sent when refused. */
    public record Profile(String email, String firstName, String lastName) {
        static Profile of(UserView u) {
            return new Profile(u.email(), u.firstName(), u.lastName());
        }

        static Profile of(ConsoleRequest r) {
            return new Profile(r.form("email"), r.form("firstName"), r.form("lastName"));
        }
    }

    /** The objections to the profile and password forms; at most one has any. */
    public record Errors(FieldErrors profile, FieldErrors password) {
        static final Errors NONE = new Errors(FieldErrors.NONE, FieldErrors.NONE);
    }

    /**
     * The user's failed sign-ins as brute-force protection counts them ({@code attack-detection}), for those who may
     * see and clear them.
     *
     * @param protectionOn the realm counts failures at all
     * @param locked the user cannot sign in because of their failures
     * @param lastFailure when, blank when never
     */
    public record LockView(boolean protectionOn, int failures, boolean locked, String lastIp, When lastFailure) {
        static LockView of(JsonNode realm, JsonNode status) {
            return new LockView(
                    realm.path("bruteForceProtected").asBoolean(true),
                    status.path("numFailures").asInt(),
                    status.path("disabled").asBoolean(),
                    status.path("lastIPFailure").asText("n/a"),
                    When.millis(status.path("lastFailure").asLong()));
        }
    }

    public void list(ConsoleRequest r) {
        String search = r.query("search");
        ConsolePaging paging = ConsolePaging.from(r, PAGE_SIZE);
        Map<String, Object> query = new LinkedHashMap<>();
        query.put("search", search);
        long total =
                r.get(AdminApiClient.withQuery(r.api("/users/count"), query)).asLong();
        query.put("first", Integer.toString(paging.first()));
        query.put("max", Integer.toString(PAGE_SIZE));
        ConsoleAccess access = r.access();
        List<Row> rows = new ArrayList<>();
        for (JsonNode u : r.get(AdminApiClient.withQuery(r.api("/users"), query))) {
            UserView user = UserView.of(u);
            rows.add(new Row(user, sessionCount(r, access, user.id())));
        }
        Map<String, Object> model = new HashMap<>();
        model.put("search", search);
        model.put("rows", rows);
        model.put("showSessions", access.searchSessions() || access.userSessions());
        model.put("paging", paging.withTotal(total, search.isBlank() ? Map.of() : Map.of("search", search)));
        r.render("console/users.jte", r.frame("Users", "users"), model);
    }

    /** The user's active sessions: the search's total (one row read), or their session list's length. */
    private static long sessionCount(ConsoleRequest r, ConsoleAccess access, String userId) {
        if (access.searchSessions()) {
            return r.get(AdminApiClient.withQuery(r.api("/sessions"), Map.of("userId", userId, "max", "1")))
                    .path("total")
                    .asLong();
        }
        if (access.userSessions()) {
            return r.get(r.api("/users/" + Paths.encode(userId) + "/sessions")).size();
        }
        return -1;
    }

    public void show(ConsoleRequest r) {
        UserView user = UserView.of(r.get(userApi(r, "")));
        render(r, 200, user, Profile.of(user), Errors.NONE);
    }

    public void updateProfile(ConsoleRequest r) {
        Profile profile = Profile.of(r);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("email", profile.email());
        body.put("firstName", profile.firstName());
        body.put("lastName", profile.lastName());
        try {
            r.put(userApi(r, ""), body);
        } catch (ApiException e) {
            if (e.status() != 400) {
                throw e;
            }
            UserView user = UserView.of(r.get(userApi(r, "")));
            render(r, 400, user, profile, new Errors(FieldErrors.refused(e, f -> f), FieldErrors.NONE));
            return;
        }
        r.flash("Profile saved.");
        r.redirect(userPage(r));
    }

    public void setEnabled(ConsoleRequest r) {
        boolean enabled = r.form("enabled").equals("true");
        try {
            r.put(userApi(r, ""), Map.of("enabled", enabled));
        } catch (ApiException e) {
            if (e.status() != 400) {
                throw e;
            }
            // Say, the administrator's own account: the reason, on the user's page, and nothing changed.
            r.flash("Not changed: "
                    + String.join("; ", e.fields().isEmpty() ? List.of(e.detail()) : e.invalidParams()));
            r.redirect(userPage(r));
            return;
        }
        r.flash(
                enabled
                        ? "Account enabled. Sessions ended while it was disabled stay ended."
                        : "Account disabled: all of its sessions and tokens stopped working at once.");
        r.redirect(userPage(r));
    }

    public void resetPassword(ConsoleRequest r) {
        String password = r.ctx().formParam("password");
        String confirm = r.ctx().formParam("passwordConfirm");
        FieldErrors errors = FieldErrors.NONE;
        if (password == null || password.isEmpty()) {
            errors = errors.with("password", "Type the new password.");
        } else if (!password.equals(confirm)) {
            errors = errors.with("passwordConfirm", "The two passwords differ; type the same one twice.");
        }
        if (!errors.any()) {
            try {
                r.put(userApi(r, "/reset-password"), Map.of("type", "password", "value", password, "temporary", false));
                r.flash("Password set. Existing sessions are not ended; sign them out below if needed.");
                r.redirect(userPage(r));
                return;
            } catch (ApiException e) {
                if (e.status() != 400) {
                    throw e;
                }
                errors = FieldErrors.refused(e, f -> f.equals("value") ? "password" : "");
            }
        }
        UserView user = UserView.of(r.get(userApi(r, "")));
        render(r, 400, user, Profile.of(user), new Errors(FieldErrors.NONE, errors));
    }

    static void render(ConsoleRequest r, int status, UserView user, Profile profile, Errors errors) {
        render(
                r,
                status,
                user,
                profile,
                errors,
                r.access().managePrivileges()
                        ? PrivilegePages.Privileges.of(r, user.id())
                        : PrivilegePages.Privileges.NONE);
    }

    static void render(
            ConsoleRequest r,
            int status,
            UserView user,
            Profile profile,
            Errors errors,
            PrivilegePages.Privileges privileges) {
        ConsoleAccess access = r.access();
        Map<String, Object> model = new HashMap<>();
        model.put("user", user);
        model.put("profile", profile);
        model.put("errors", errors);
        model.put("sessions", access.userSessions() ? SessionRow.all(r.get(userApi(r, "/sessions"))) : List.of());
        model.put("privileges", privileges);
        model.put(
                "lock",
                access.editUsers()
                        ? LockView.of(r.get(r.api("")), r.get(lockApi(r)))
                        : new LockView(false, 0, false, "", When.NONE));
        r.render(status, "console/user.jte", r.frame("User " + user.username(), "users"), model);
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

    static String userApi(ConsoleRequest r, String suffix) {
        return r.api("/users/" + Paths.encode(r.ctx().pathParam("id")) + suffix);
    }

    static String userPage(ConsoleRequest r) {
        return Paths.realm(r.realm()) + "/users/" + Paths.encode(r.ctx().pathParam("id"));
    }
}
