package dev.curfew.server.console.pages;

import com.fasterxml.jackson.databind.JsonNode;
import dev.curfew.server.console.ConsoleRequest;
import dev.curfew.server.console.api.ApiException;
import dev.curfew.server.console.view.FieldErrors;
import dev.curfew.server.console.view.Paths;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Creating a user: username, profile, enabled, and a first password (optional: it can be set later). */
public final class NewUserPage {

    /** The form's values; passwords are never sent back to the browser. */
    public record Form(String username, String email, String firstName, String lastName, boolean enabled) {
        static final Form BLANK = new Form("", "", "", "", true);
    }

    /** GET {@code .../users/new}. */
    public void form(ConsoleRequest r) {
        render(r, 200, Form.BLANK, FieldErrors.NONE);
    }

    /** POST {@code .../users}: creates the user, or the form again with the objections next to the fields. */
    public void create(ConsoleRequest r) {
        Form form = new Form(
                r.form("username"),
                r.form("email"),
                r.form("firstName"),
                r.form("lastName"),
                r.form("enabled").equals("true"));
        String password = r.ctx().formParam("password") == null ? "" : r.ctx().formParam("password");
        String confirm =
                r.ctx().formParam("passwordConfirm") == null ? "" : r.ctx().formParam("passwordConfirm");
        if (!password.equals(confirm)) {
            render(
                    r,
                    400,
                    form,
                    FieldErrors.NONE.with("passwordConfirm", "The two passwords differ; type the same one twice."));
            return;
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("username", form.username());
        body.put("email", form.email());
        body.put("firstName", form.firstName());
        body.put("lastName", form.lastName());
        body.put("enabled", form.enabled());
        if (!password.isEmpty()) {
            body.put("credentials", List.of(Map.of("type", "password", "value", password, "temporary", false)));
        }
        JsonNode created;
        try {
            created = r.post(r.api("/users"), body);
        } catch (ApiException e) {
            if (e.status() == 409) {
                render(r, 409, form, FieldErrors.NONE.with("username", e.detail()));
                return;
            }
            if (e.status() != 400) {
                throw e;
            }
            render(r, 400, form, FieldErrors.refused(e, NewUserPage::formField));
            return;
        }
        r.flash("User " + created.path("username").asText() + " created"
                + (password.isEmpty() ? " without a password: set one below before they can sign in." : "."));
        r.redirect(Paths.realm(r.realm()) + "/users/"
                + Paths.encode(created.path("id").asText()));
    }

    static String formField(String apiName) {
        return switch (apiName) {
            case "username", "email", "firstName", "lastName", "enabled" -> apiName;
            case "credentials", "credentials[0]", "credentials[0].value" -> "password";
            default -> "";
        };
    }

    private static void render(ConsoleRequest r, int status, Form form, FieldErrors errors) {
        Map<String, Object> model = new HashMap<>();
        model.put("form", form);
        model.put("errors", errors);
        r.render(status, "console/user-new.jte", r.frame("New user", "users"), model);
    }
}
