package dev.curfew.server.console;

import dev.curfew.core.util.Secrets;
import dev.curfew.server.console.api.ApiException;
import dev.curfew.server.console.auth.AdminConsoleSession;
import dev.curfew.server.console.auth.ConsoleLogin;
import dev.curfew.server.console.pages.AuditPage;
import dev.curfew.server.console.pages.ClientPages;
import dev.curfew.server.console.pages.DashboardPage;
import dev.curfew.server.console.pages.DeletePages;
import dev.curfew.server.console.pages.GroupPages;
import dev.curfew.server.console.pages.KeyPages;
import dev.curfew.server.console.pages.NewClientPage;
import dev.curfew.server.console.pages.NewUserPage;
import dev.curfew.server.console.pages.PlaybookPages;
import dev.curfew.server.console.pages.PrivilegePages;
import dev.curfew.server.console.pages.RealmSettingsPage;
import dev.curfew.server.console.pages.RealmsPage;
import dev.curfew.server.console.pages.SessionsPage;
import dev.curfew.server.console.pages.SignOutPages;
import dev.curfew.server.console.pages.UserPages;
import dev.curfew.server.console.view.Paths;
import dev.curfew.server.http.FormCsrf;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HttpStatus;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The admin console under {@code /admin/console}: server-rendered pages over the admin REST API. Every
 * page needs a signed-in console session; every POST needs the session's CSRF token; every read and
 * write goes through the API with the administrator's own token, so the API's privilege checks are the
 * console's.
 */
public final class ConsoleRoutes {
    private static final Logger LOG = LoggerFactory.getLogger(ConsoleRoutes.class);
    private static final String REALM = Paths.HOME + "/realms/{realm}";

    private final Console console;
    private final ConsoleLogin login;

    public ConsoleRoutes(Console console) {
        this.console = console;
        this.login = new ConsoleLogin(console);
    }

    public void register(RoutesConfig routes) {
        routes.get("/admin", ctx -> ctx.redirect(Paths.HOME, HttpStatus.FOUND));
        routes.get("/admin/", ctx -> ctx.redirect(Paths.HOME, HttpStatus.FOUND));
        routes.get(Paths.HOME, page(this::home));
        routes.get(Paths.HOME + "/", page(this::home));
        routes.get(Paths.LOGIN, ctx -> login.start(ctx, ctx.queryParam("returnTo")));
        routes.get(dev.curfew.server.bootstrap.ConsoleClient.CALLBACK_PATH, login::callback);
        routes.get(
                dev.curfew.server.bootstrap.ConsoleClient.SIGNED_OUT_PATH,
                ctx -> console.pages().render(ctx, 200, "console/signed-out.jte", Map.of("home", Paths.HOME)));
        routes.post(Paths.LOGOUT, page(r -> login.logout(r.ctx(), r.session())));
        routes.get(Paths.HOME + "/switch", page(r -> r.redirect(Paths.realm(r.query("realm")))));

        RealmsPage realms = new RealmsPage();
        routes.get(Paths.REALMS, page(realms::list));
        routes.post(Paths.REALMS, page(realms::create));

        DashboardPage dashboard = new DashboardPage();
        routes.get(REALM, page(dashboard::show));
        routes.get(REALM + "/sessions", page(new SessionsPage()::show));

        SignOutPages signOuts = new SignOutPages();
        routes.get(REALM + "/sign-outs/new", page(signOuts::preview));
        routes.post(REALM + "/sign-outs", page(signOuts::create));
        routes.get(REALM + "/sign-outs", page(signOuts::history));
        routes.get(REALM + "/sign-outs/{id}", page(signOuts::result));
        routes.post(REALM + "/sign-outs/{id}/cancel", page(signOuts::cancel));

        DeletePages deletes = new DeletePages();
        UserPages users = new UserPages();
        NewUserPage newUser = new NewUserPage();
        PrivilegePages privileges = new PrivilegePages();
        routes.get(REALM + "/users", page(users::list));
        routes.post(REALM + "/users", page(newUser::create));
        // Before the user's page, so that "new" is not taken for a user id.
        routes.get(REALM + "/users/new", page(newUser::form));
        routes.get(REALM + "/users/{id}", page(users::show));
        routes.post(REALM + "/users/{id}/profile", page(users::updateProfile));
        routes.post(REALM + "/users/{id}/enabled", page(users::setEnabled));
        routes.post(REALM + "/users/{id}/password", page(users::resetPassword));
        routes.post(REALM + "/users/{id}/privileges/grant", page(privileges::grant));
        routes.post(REALM + "/users/{id}/privileges/revoke", page(privileges::revoke));
        routes.get(REALM + "/users/{id}/delete", page(deletes::confirmUser));
        routes.post(REALM + "/users/{id}/delete", page(deletes::deleteUser));
        routes.post(REALM + "/users/{id}/unlock", page(users::clearLock));

        GroupPages groups = new GroupPages();
        routes.get(REALM + "/groups", page(groups::list));
        routes.post(REALM + "/groups", page(groups::create));
        routes.get(REALM + "/groups/{id}", page(groups::show));
        routes.post(REALM + "/groups/{id}/members", page(groups::addMember));
        routes.post(REALM + "/groups/{id}/members/remove", page(groups::removeMember));
        routes.post(REALM + "/groups/{id}/delete", page(groups::delete));

        ClientPages clients = new ClientPages();
        NewClientPage newClient = new NewClientPage();
        routes.get(REALM + "/clients", page(clients::list));
        routes.post(REALM + "/clients", page(newClient::create));
        // Before the client's page, so that "new" is not taken for a client id.
        routes.get(REALM + "/clients/new", page(newClient::form));
        routes.get(REALM + "/clients/{id}", page(clients::show));
        routes.post(REALM + "/clients/{id}", page(clients::update));
        routes.post(REALM + "/clients/{id}/secret", page(clients::regenerateSecret));
        routes.post(REALM + "/clients/{id}/deliveries/{delivery}/retry", page(clients::retry));
        routes.get(REALM + "/clients/{id}/delete", page(deletes::confirmClient));
        routes.post(REALM + "/clients/{id}/delete", page(deletes::deleteClient));

        RealmSettingsPage settings = new RealmSettingsPage();
        routes.get(REALM + "/settings", page(settings::show));
        routes.post(REALM + "/settings", page(settings::update));
        routes.post(REALM + "/settings/maintenance", page(settings::startMaintenance));
        routes.post(REALM + "/settings/maintenance/end", page(settings::endMaintenance));
        KeyPages keys = new KeyPages();
        routes.get(REALM + "/keys/rotate", page(keys::confirm));
        routes.post(REALM + "/keys/rotations", page(keys::rotate));
        routes.get(REALM + "/delete", page(deletes::confirmRealm));
        routes.post(REALM + "/delete", page(deletes::deleteRealm));

        routes.get(REALM + "/audit", page(new AuditPage()::show));
        PlaybookPages playbooks = new PlaybookPages();
        routes.get(REALM + "/playbooks", page(playbooks::show));
        routes.post(REALM + "/playbooks/{name}", page(playbooks::run));
        routes.post(REALM + "/export", page(playbooks::export));

        byte[] script = resource("/static/console.js");
        routes.get(
                Paths.SCRIPT,
                ctx -> ctx.contentType("text/javascript")
                        .header("Cache-Control", "public, max-age=3600")
                        .result(script));
        byte[] style = resource("/static/console.css");
        routes.get(
                Paths.STYLE,
                ctx -> ctx.contentType("text/css")
                        .header("Cache-Control", "public, max-age=3600")
                        .result(style));
    }

    /** The console's landing page: the first realm the administrator may see. */
    private void home(ConsoleRequest r) {
        List<String> realms = r.realms();
        Optional<String> first = realms.stream()
                .filter(n -> !n.equals("master"))
                .findFirst()
                .or(() -> realms.stream().findFirst());
        if (first.isEmpty()) {
            ConsoleErrors.page(
                    console,
                    r.ctx(),
                    403,
                    "No realms to administer",
                    "Your account holds no administrator privilege for any realm. Ask a system administrator to "
                            + "grant you one; it takes effect when you sign in again.");
            return;
        }
        r.redirect(Paths.realm(first.get()));
    }

    /** Runs a page for a signed-in administrator: sign-in, CSRF check, and the API's refusals as pages. */
    private Handler page(ConsolePage page) {
        return ctx -> {
            Optional<AdminConsoleSession> session =
                    console.sessions().find(ctx).filter(s -> s.tokens().isPresent());
            boolean post = ctx.method().name().equals("POST");
            if (session.isEmpty()) {
                notSignedIn(ctx, post);
                return;
            }
            if (post && !csrfValid(ctx, session.get())) {
                ConsoleErrors.page(
                        console,
                        ctx,
                        403,
                        "Form expired or sent from elsewhere",
                        "This form did not carry the console's security token, so nothing was changed. Go back, "
                                + "reload the page and try again.");
                return;
            }
            try {
                page.handle(new ConsoleRequest(console, ctx, session.get()));
            } catch (ConsoleRequest.NotSignedIn e) {
                console.sessions().end(ctx, session.get(), console.requestInfo().secure(ctx));
                notSignedIn(ctx, post);
            } catch (ApiException e) {
                if (e.status() == 401) {
                    console.sessions()
                            .end(ctx, session.get(), console.requestInfo().secure(ctx));
                    notSignedIn(ctx, post);
                    return;
                }
                ConsoleErrors.page(
                        console,
                        ctx,
                        e.status(),
                        e.status() == 403 ? "Not allowed" : e.title(),
                        e.status() == 403
                                ? "Curfew refused this: " + e.detail() + ". Nothing was changed."
                                : e.detail(),
                        e.invalidParams());
            } catch (Exception e) {
                LOG.error("console page failed: {} {}", ctx.method(), ctx.path(), e);
                ConsoleErrors.page(
                        console,
                        ctx,
                        500,
                        "Something went wrong",
                        "The console could not show this page; the error is in the server log.");
            }
        };
    }

    private void notSignedIn(Context ctx, boolean post) {
        if (post) {
            // A form of an expired session: nothing is done; sign in and come back to the console.
            ctx.header("Cache-Control", "no-store").redirect(Paths.LOGIN, HttpStatus.SEE_OTHER);
            return;
        }
        String query = ctx.queryString();
        login.start(ctx, ctx.path() + (query == null ? "" : "?" + query));
    }

    private static boolean csrfValid(Context ctx, AdminConsoleSession session) {
        String presented = ctx.formParam(FormCsrf.FIELD);
        return presented != null && Secrets.constantTimeEquals(session.csrf(), presented);
    }

    private static byte[] resource(String path) {
        try (InputStream in = ConsoleRoutes.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + path);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new IllegalStateException("cannot read resource " + path, e);
        }
    }
}
