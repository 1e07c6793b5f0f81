package dev.curfew.server.oidc.authorize;

import dev.curfew.core.realm.Realm;
import dev.curfew.core.user.User;
import dev.curfew.engine.session.SessionService;
import dev.curfew.server.http.RequestInfo;
import dev.curfew.server.session.SessionCookie;
import io.javalin.http.Context;
import java.util.Set;

/**
 * The end of a login, once every factor was checked: starts a new SSO session recording how the user authenticated
 * (RFC 8176 {@code amr} values), ending the browser's previous one, and answers the authorization request with a
 * code.
 */
public final class SignInCompletion {
    private final SessionService sessions;
    private final AuthorizationResponder responder;
    private final RequestInfo requestInfo;

    public SignInCompletion(SessionService sessions, AuthorizationResponder responder, RequestInfo requestInfo) {
        this.sessions = sessions;
        this.responder = responder;
        this.requestInfo = requestInfo;
    }

    public void complete(
            Context ctx, Realm realm, AuthorizationRequest request, User user, Set<String> authMethods, String issuer) {
        SessionCookie.read(ctx)
                .flatMap(secret -> sessions.fromCookie(realm, secret))
                .ifPresent(previous -> sessions.end(realm, previous.session().id()));
        SessionService.Started started = sessions.start(
                realm,
                user,
                request.client().id(),
                requestInfo.signInAttempt(ctx),
                ctx.userAgent(),
                authMethods,
                issuer);
        SessionCookie.set(ctx, realm.name(), started.cookieSecret(), requestInfo.secure(ctx));
        responder.redirectWithCode(ctx, realm, request, started.session(), issuer);
    }
}
