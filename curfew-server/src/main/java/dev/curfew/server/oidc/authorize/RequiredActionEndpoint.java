package dev.curfew.server.oidc.authorize;

import dev.curfew.core.realm.Realm;
import dev.curfew.core.store.Store;
import dev.curfew.core.user.RequiredAction;
import dev.curfew.core.user.User;
import dev.curfew.engine.audit.AuditLog;
import dev.curfew.engine.otp.OtpService;
import dev.curfew.engine.ssf.Initiator;
import dev.curfew.engine.token.AuthMethods;
import dev.curfew.engine.user.UserService;
import dev.curfew.server.http.OAuthError;
import dev.curfew.server.http.Pages;
import dev.curfew.server.http.RequestInfo;
import dev.curfew.server.oidc.Params;
import dev.curfew.server.oidc.RealmResolver;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Receives the pages of a login's required actions ({@link RequiredActions}): a new password, or the first code of
 * the authenticator being set up, or "continue" after its recovery codes. Each action done is removed from the
 * user's required actions and audited ({@code required-action}, in the user's own name); the login then goes on to
 * the next action, or completes.
 */
public final class RequiredActionEndpoint implements Handler {
    /** The audit action of a required action the user did. */
    public static final String AUDIT_ACTION = "required-action";

    private final RealmResolver realms;
    private final AuthorizationRequestParser parser;
    private final AuthorizationResponder responder;
    private final Store store;
    private final UserService users;
    private final OtpService otp;
    private final AuditLog audit;
    private final RequiredActions actions;
    private final LoginForm loginForm;
    private final Pages pages;
    private final RequestInfo requestInfo;

    public RequiredActionEndpoint(
            RealmResolver realms,
            AuthorizationRequestParser parser,
            AuthorizationResponder responder,
            Store store,
            UserService users,
            OtpService otp,
            AuditLog audit,
            RequiredActions actions,
            LoginForm loginForm,
            Pages pages,
            RequestInfo requestInfo) {
        this.realms = realms;
        this.parser = parser;
        this.responder = responder;
        this.store = store;
        this.users = users;
        this.otp = otp;
        this.audit = audit;
        this.actions = actions;
        this.loginForm = loginForm;
        this.pages = pages;
        this.requestInfo = requestInfo;
    }

    /** What the audit log records of a required action done. */
    record Done(String action) {}

    @Override
    public void handle(Context ctx) {
        Optional<Realm> found = realms.requireForPage(ctx);
        if (found.isEmpty()) {
            return;
        }
        Realm realm = found.get();
        Optional<RequiredActions.Pending> waiting =
                LoginForm.csrfValid(ctx) ? actions.take(ctx, realm) : Optional.empty();
        Optional<User> user = waiting.flatMap(
                p -> store.users().findById(realm.id(), p.userId()).filter(User::enabled));
        if (user.isEmpty()) {
            actions.clear(ctx, realm);
            pages.error(
                    ctx,
                    400,
                    "Sign-in expired",
                    "The sign-in expired or came from another site. Go back to the application and start again.");
            return;
        }
        String issuer = requestInfo.issuer(ctx, realm.name());
        AuthorizationRequest request;
        try {
            request = parser.parse(realm, new Params(waiting.get().authParams()));
        } catch (AuthorizationErrors.Untrusted | OAuthError e) {
            actions.clear(ctx, realm);
            pages.error(ctx, 400, "Cannot sign in", e.getMessage());
            return;
        } catch (AuthorizationErrors.Redirectable e) {
            actions.clear(ctx, realm);
            responder.redirectWithError(ctx, e.redirectUri(), e.state(), e.error(), e.getMessage(), issuer);
            return;
        }
        RequiredActions.Pending pending = waiting.get();
        var due = actions.due(realm, user.get());
        if (due.isEmpty() || ctx.formParam(RequiredActionForm.CONTINUE) != null) {
            actions.next(ctx, realm, request, user.get(), pending, issuer);
            return;
        }
        switch (due.first()) {
            case UPDATE_PASSWORD -> updatePassword(ctx, realm, request, user.get(), pending, issuer);
            case CONFIGURE_TOTP -> configureTotp(ctx, realm, request, user.get(), pending);
        }
    }

    private void updatePassword(
            Context ctx,
            Realm realm,
            AuthorizationRequest request,
            User user,
            RequiredActions.Pending pending,
            String issuer) {
        String chosen = Optional.ofNullable(ctx.formParam(RequiredActionForm.NEW_PASSWORD))
                .orElse("");
        String again = Optional.ofNullable(ctx.formParam(RequiredActionForm.CONFIRM_PASSWORD))
                .orElse("");
        Optional<String> problem = Optional.empty();
        if (chosen.isEmpty()) {
            problem = Optional.of("Enter a new password.");
        } else if (!chosen.equals(again)) {
            problem = Optional.of("The two passwords are not the same.");
        } else if (users.isCurrentPassword(user, chosen)) {
            problem = Optional.of("Choose a password different from your current one.");
        } else {
            try {
                users.setPassword(user, chosen, Initiator.USER);
            } catch (IllegalArgumentException e) {
                // The policy's reasons start with "password …": a sentence of their own.
                String reason = e.getMessage();
                problem = Optional.of(Character.toUpperCase(reason.charAt(0)) + reason.substring(1) + ".");
            }
        }
        if (problem.isPresent()) {
            actions.show(ctx, realm, user, pending, false, 400, problem);
            return;
        }
        done(ctx, realm, user, RequiredAction.UPDATE_PASSWORD);
        actions.next(ctx, realm, request, user, pending, issuer);
    }

    private void configureTotp(
            Context ctx, Realm realm, AuthorizationRequest request, User user, RequiredActions.Pending pending) {
        String code =
                Optional.ofNullable(ctx.formParam(RequiredActionForm.CODE)).orElse("");
        Optional<List<String>> recoveryCodes =
                pending.totpSecret().isEmpty() ? Optional.empty() : otp.confirm(user, pending.totpSecret(), code);
        if (recoveryCodes.isPresent()) {
            done(ctx, realm, user, RequiredAction.CONFIGURE_TOTP);
            Set<String> methods = new TreeSet<>(pending.authMethods());
            methods.add(AuthMethods.OTP);
            actions.showRecoveryCodes(ctx, realm, pending.withAuthMethods(methods), recoveryCodes.get());
            return;
        }
        RequiredActions.Pending counted = pending.withWrongCode();
        if (counted.wrongCodes() < RequiredActions.MAX_WRONG_CODES) {
            actions.show(ctx, realm, user, counted, false, 401, Optional.of("Invalid code. Try the app's next code."));
            return;
        }
        actions.clear(ctx, realm);
        loginForm.show(
                ctx,
                realm,
                request.raw(),
                401,
                Optional.of("Too many invalid codes. Sign in again."),
                user.username(),
                requestInfo.secure(ctx));
    }

    /** The action is off the user's list, and in the audit log in their own name. */
    private void done(Context ctx, Realm realm, User user, RequiredAction action) {
        AuditLog.Actor self = new AuditLog.Actor(
                user.id(), user.username(), AuditLog.Actor.SELF, RequestInfo.requestId(ctx), requestInfo.clientIp(ctx));
        store.inTransaction(tx -> {
            EnumSet<RequiredAction> left = EnumSet.noneOf(RequiredAction.class);
            left.addAll(tx.users().requiredActions(user.id()));
            left.remove(action);
            tx.users().setRequiredActions(user.id(), left);
            audit.record(tx, realm.id(), self, AUDIT_ACTION, action.name(), new Done(action.name()), 0);
            return null;
        });
    }
}
