package dev.curfew.server.oidc;

import dev.curfew.core.store.Store;
import dev.curfew.engine.audit.AuditLog;
import dev.curfew.engine.keys.RealmKeys;
import dev.curfew.engine.otp.OtpService;
import dev.curfew.engine.realm.Maintenance;
import dev.curfew.engine.session.SessionService;
import dev.curfew.engine.token.TokenIssuer;
import dev.curfew.engine.token.TokenVerifier;
import dev.curfew.engine.user.UserService;
import dev.curfew.engine.validity.AccessTokenRevocation;
import dev.curfew.server.http.Pages;
import dev.curfew.server.http.RequestInfo;
import dev.curfew.server.oidc.authorize.AuthorizationEndpoint;
import dev.curfew.server.oidc.authorize.AuthorizationRequestParser;
import dev.curfew.server.oidc.authorize.AuthorizationResponder;
import dev.curfew.server.oidc.authorize.LoginEndpoint;
import dev.curfew.server.oidc.authorize.LoginForm;
import dev.curfew.server.oidc.authorize.OtpEndpoint;
import dev.curfew.server.oidc.authorize.OtpForm;
import dev.curfew.server.oidc.authorize.PendingSecondFactors;
import dev.curfew.server.oidc.authorize.RequiredActionEndpoint;
import dev.curfew.server.oidc.authorize.RequiredActionForm;
import dev.curfew.server.oidc.authorize.RequiredActions;
import dev.curfew.server.oidc.authorize.SignInCompletion;
import dev.curfew.server.oidc.discovery.DiscoveryEndpoint;
import dev.curfew.server.oidc.discovery.JwksEndpoint;
import dev.curfew.server.oidc.introspect.IntrospectionEndpoint;
import dev.curfew.server.oidc.logout.EndSessionEndpoint;
import dev.curfew.server.oidc.logout.RefreshTokenLogoutEndpoint;
import dev.curfew.server.oidc.revoke.RevocationEndpoint;
import dev.curfew.server.oidc.token.TokenEndpoint;
import dev.curfew.server.oidc.token.grants.AuthorizationCodeGrant;
import dev.curfew.server.oidc.token.grants.ClientCredentialsGrant;
import dev.curfew.server.oidc.token.grants.PasswordGrant;
import dev.curfew.server.oidc.token.grants.RefreshTokenGrant;
import dev.curfew.server.oidc.userinfo.UserinfoEndpoint;
import io.javalin.config.RoutesConfig;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.util.List;

/** The protocol endpoints of every realm, at Keycloak's paths, given what they use. */
public record OidcRoutes(
        RealmResolver realms,
        Store store,
        Clock clock,
        RealmKeys keys,
        UserService users,
        OtpService otp,
        Maintenance maintenance,
        AuditLog audit,
        SessionService sessions,
        TokenIssuer tokenIssuer,
        TokenVerifier tokenVerifier,
        AccessTokenRevocation accessTokenRevocation,
        RequestInfo requestInfo,
        Pages pages) {

    public void register(RoutesConfig routes) {
        ClientAuthenticator clientAuth = new ClientAuthenticator(store);
        AuthorizationRequestParser parser = new AuthorizationRequestParser(store);
        AuthorizationResponder responder = new AuthorizationResponder(store, clock);
        LoginForm loginForm = new LoginForm(pages);
        OtpForm otpForm = new OtpForm(pages);
        PendingSecondFactors pendingSecondFactors = new PendingSecondFactors(store, clock);
        SignInCompletion completion = new SignInCompletion(sessions, responder, requestInfo);
        RequiredActions requiredActions =
                new RequiredActions(store, otp, completion, new RequiredActionForm(pages), requestInfo, clock);

        routes.get(Endpoints.DISCOVERY, new DiscoveryEndpoint(realms, requestInfo));
        routes.get(Endpoints.CERTS, new JwksEndpoint(realms, keys));

        AuthorizationEndpoint authorize = new AuthorizationEndpoint(
                realms, parser, responder, sessions, otp, maintenance, loginForm, pages, requestInfo, clock);
        routes.get(Endpoints.AUTH, authorize);
        routes.post(Endpoints.AUTH, authorize);
        routes.post(
                Endpoints.LOGIN,
                new LoginEndpoint(
                        realms,
                        parser,
                        responder,
                        users,
                        otp,
                        maintenance,
                        clock,
                        pendingSecondFactors,
                        requiredActions,
                        loginForm,
                        otpForm,
                        pages,
                        requestInfo));
        routes.post(
                Endpoints.LOGIN_OTP,
                new OtpEndpoint(
                        realms,
                        parser,
                        responder,
                        store,
                        otp,
                        pendingSecondFactors,
                        requiredActions,
                        loginForm,
                        otpForm,
                        pages,
                        requestInfo));

        routes.post(
                Endpoints.LOGIN_REQUIRED_ACTION,
                new RequiredActionEndpoint(
                        realms,
                        parser,
                        responder,
                        store,
                        users,
                        otp,
                        audit,
                        requiredActions,
                        loginForm,
                        pages,
                        requestInfo));

        routes.post(
                Endpoints.TOKEN,
                new TokenEndpoint(
                        realms,
                        clientAuth,
                        requestInfo,
                        List.of(
                                new AuthorizationCodeGrant(store, sessions, tokenIssuer, clock),
                                new RefreshTokenGrant(store, sessions, tokenIssuer, clock),
                                new ClientCredentialsGrant(tokenIssuer),
                                new PasswordGrant(
                                        users, otp, maintenance, sessions, tokenIssuer, requestInfo, clock))));

        UserinfoEndpoint userinfo = new UserinfoEndpoint(realms, tokenVerifier);
        routes.get(Endpoints.USERINFO, userinfo);
        routes.post(Endpoints.USERINFO, userinfo);
        routes.post(
                Endpoints.INTROSPECT,
                new IntrospectionEndpoint(realms, clientAuth, tokenVerifier, store, sessions, clock));
        routes.post(
                Endpoints.REVOKE,
                new RevocationEndpoint(realms, clientAuth, tokenVerifier, accessTokenRevocation, store));

        EndSessionEndpoint logout = new EndSessionEndpoint(realms, tokenVerifier, sessions, store, pages, requestInfo);
        RefreshTokenLogoutEndpoint refreshTokenLogout =
                new RefreshTokenLogoutEndpoint(realms, clientAuth, store, sessions);
        routes.get(Endpoints.LOGOUT, logout);
        routes.post(
                Endpoints.LOGOUT,
                ctx -> (ctx.formParam(RefreshTokenLogoutEndpoint.FIELD) != null ? refreshTokenLogout : logout)
                        .handle(ctx));

        byte[] css = resource("/static/curfew.css");
        routes.get(
                "/resources/curfew.css",
                ctx -> ctx.contentType("text/css")
                        .header("Cache-Control", "public, max-age=3600")
                        .result(css));
    }

    private static byte[] resource(String path) {
        try (InputStream in = OidcRoutes.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + path);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new IllegalStateException("cannot read resource " + path, e);
        }
    }
}
