package dev.curfew.server.console.pages;

import com.fasterxml.jackson.databind.JsonNode;
import dev.curfew.core.privilege.Privilege;
import dev.curfew.server.console.ConsoleRequest;
import dev.curfew.server.console.api.AdminApiClient;
import dev.curfew.server.console.api.ApiException;
import dev.curfew.server.console.view.FieldErrors;
import dev.curfew.server.console.view.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A master-realm user's administrator privileges, on their page: the grants, "Remove" for each, and a form to
 * grant one more. The API replaces a user's grants as a whole ({@code PUT .../privileges}), so each change reads
 * the current grants, adds or removes one, and sends the result; the audit log records the change.
 */
public final class PrivilegePages {
    /** {@code "[2].realm"}: a field of the third grant of the list the API was sent. */
    private static final Pattern GRANT_FIELD = Pattern.compile("\\[\\d+]\\.(privilege|realm)");

    /** One grant, as the API shows it; {@code realm} {@code "*"} is every realm. */
    public record Grant(String privilege, String realm) {
        public String realmShown() {
            return realm.equals("*") ? "all realms" : realm;
        }
    }

    /** What the privileges section shows; not {@code shown} for administrators who may not manage privileges. */
    public record Privileges(
            boolean shown,
            List<Grant> grants,
            List<String> privilegeNames,
            List<String> realms,
            Grant form,
            FieldErrors errors) {
        public static final Privileges NONE =
                new Privileges(false, List.of(), List.of(), List.of(), new Grant("", ""), FieldErrors.NONE);

        static Privileges of(ConsoleRequest r, String userId) {
            return of(r, userId, new Grant("", ""), FieldErrors.NONE);
        }

        static Privileges of(ConsoleRequest r, String userId, Grant form, FieldErrors errors) {
            return new Privileges(
                    true,
                    PrivilegePages.grants(r, userId),
                    Arrays.stream(Privilege.values()).map(Privilege::name).toList(),
                    r.realms(),
                    form,
                    errors);
        }
    }

    /** POST {@code .../users/{id}/privileges/grant}. */
    public void grant(ConsoleRequest r) {
        Grant wanted = new Grant(r.form("privilege"), r.form("realm"));
        List<Grant> grants = new ArrayList<>(grants(r, userId(r)));
        if (grants.contains(wanted)) {
            r.flash(describe(wanted) + " was already granted; nothing changed.");
            r.redirect(UserPages.userPage(r) + "#privileges-heading");
            return;
        }
        grants.add(wanted);
        replace(
                r,
                grants,
                wanted,
                "Granted " + describe(wanted) + " in the admin console",
                "Granted " + describe(wanted) + ". It takes effect with the administrator's next token.");
    }

    /** POST {@code .../users/{id}/privileges/revoke}. */
    public void revoke(ConsoleRequest r) {
        Grant unwanted = new Grant(r.form("privilege"), r.form("realm"));
        List<Grant> grants = new ArrayList<>(grants(r, userId(r)));
        if (!grants.remove(unwanted)) {
            r.flash(describe(unwanted) + " was not granted; nothing changed.");
            r.redirect(UserPages.userPage(r) + "#privileges-heading");
            return;
        }
        replace(
                r,
                grants,
                new Grant("", ""),
                "Removed " + describe(unwanted) + " in the admin console",
                "Removed " + describe(unwanted)
                        + ". It stops working when the administrator's current token expires (5 minutes at most).");
    }

    private static void replace(ConsoleRequest r, List<Grant> grants, Grant form, String reason, String done) {
        List<Map<String, String>> body = new ArrayList<>();
        grants.forEach(g -> body.add(Map.of("privilege", g.privilege(), "realm", g.realm())));
        try {
            r.put(AdminApiClient.withQuery(UserPages.userApi(r, "/privileges"), Map.of("reason", reason)), body);
        } catch (ApiException e) {
            if (e.status() != 400) {
                throw e;
            }
            UserView user = UserView.of(r.get(UserPages.userApi(r, "")));
            FieldErrors errors = FieldErrors.refused(e, PrivilegePages::formField);
            UserPages.render(
                    r,
                    400,
                    user,
                    UserPages.Profile.of(user),
                    UserPages.Errors.NONE,
                    Privileges.of(r, user.id(), form, errors));
            return;
        }
        r.flash(done);
        r.redirect(UserPages.userPage(r) + "#privileges-heading");
    }

    /** The grant form's field for an API field name such as {@code [3].realm}. */
    static String formField(String apiName) {
        Matcher m = GRANT_FIELD.matcher(apiName);
        return m.matches() ? m.group(1) : "";
    }

    private static List<Grant> grants(ConsoleRequest r, String userId) {
        List<Grant> grants = new ArrayList<>();
        for (JsonNode g : r.get(r.api("/users/" + Paths.encode(userId) + "/privileges"))) {
            grants.add(new Grant(g.path("privilege").asText(), g.path("realm").asText()));
        }
        return grants;
    }

    private static String describe(Grant g) {
        return g.privilege() + " for " + g.realmShown();
    }

    private static String userId(ConsoleRequest r) {
        return r.ctx().pathParam("id");
    }
}
