package dev.curfew.server.oidc;

import dev.curfew.server.Services;
import dev.curfew.server.oidc.authorize.AuthorizationEndpoint;
import dev.curfew.server.oidc.authorize.AuthorizationRequestParser;
import dev.curfew.server.oidc.authorize.AuthorizationResponder;
import dev.curfew.server.oidc.authorize.LoginEndpoint;
import dev.curfew.server.oidc.authorize.LoginForm;
import dev.curfew.server.oidc.authorize.OtpEndpoint;
import dev.curfew.server.oidc.authorize.OtpForm;
import dev.curfew.server.oidc.authorize.PendingSecondFactors;
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
import java.util.List;

/** The protocol endpoints of every realm, at Keycloak's paths. */
public final class OidcRoutes {
    private final Services s;

    public OidcRoutes(Services services) {
        this.s = services;
    }

    public void register(RoutesConfig routes) {
        RealmResolver realms = new RealmResolver(s.store(), s.pages());
        ClientAuthenticator clientAuth = new ClientAuthenticator(s.store());
        AuthorizationRequestParser parser = new AuthorizationRequestParser(s.store());
        AuthorizationResponder responder = new AuthorizationResponder(s.store(), s.clock());
        LoginForm loginForm = new LoginForm(s.pages());
        OtpForm otpForm = new OtpForm(s.pages());
        PendingSecondFactors pendingSecondFactors = new PendingSecondFactors(s.store(), s.clock());
        SignInCompletion completion = new SignInCompletion(s.sessions(), responder, s.requestInfo());

        routes.get(Endpoints.DISCOVERY, new DiscoveryEndpoint(realms, s.requestInfo()));
        routes.get(Endpoints.CERTS, new JwksEndpoint(realms, s.keys()));

        AuthorizationEndpoint authorize = new AuthorizationEndpoint(
                realms, parser, responder, s.sessions(), loginForm, s.pages(), s.requestInfo(), s.clock());
        routes.get(Endpoints.AUTH, authorize);
        routes.post(Endpoints.AUTH, authorize);
        routes.post(
                Endpoints.LOGIN,
                new LoginEndpoint(
                        realms,
                        parser,
                        responder,
                        s.users(),
                        s.otp(),
                        pendingSecondFactors,
                        completion,
                        loginForm,
                        otpForm,
                        s.pages(),
                        s.requestInfo()));
        routes.post(
                Endpoints.LOGIN_OTP,
                new OtpEndpoint(
                        realms,
                        parser,
                        responder,
                        s.store(),
                        s.otp(),
                        pendingSecondFactors,
                        completion,
                        loginForm,
                        otpForm,
                        s.pages(),
                        s.requestInfo()));

        routes.post(
                Endpoints.TOKEN,
                new TokenEndpoint(
                        realms,
                        clientAuth,
                        s.requestInfo(),
                        List.of(
                                new AuthorizationCodeGrant(s.store(), s.sessions(), s.tokenIssuer(), s.clock()),
                                new RefreshTokenGrant(s.store(), s.sessions(), s.tokenIssuer(), s.clock()),
                                new ClientCredentialsGrant(s.tokenIssuer()),
                                new PasswordGrant(
                                        s.users(), s.otp(), s.sessions(), s.tokenIssuer(), s.requestInfo()))));

        UserinfoEndpoint userinfo = new UserinfoEndpoint(realms, s.tokenVerifier());
        routes.get(Endpoints.USERINFO, userinfo);
        routes.post(Endpoints.USERINFO, userinfo);
        routes.post(
                Endpoints.INTROSPECT,
                new IntrospectionEndpoint(realms, clientAuth, s.tokenVerifier(), s.store(), s.sessions(), s.clock()));
        routes.post(
                Endpoints.REVOKE,
                new RevocationEndpoint(realms, clientAuth, s.tokenVerifier(), s.accessTokenRevocation(), s.store()));

        EndSessionEndpoint logout =
                new EndSessionEndpoint(realms, s.tokenVerifier(), s.sessions(), s.store(), s.pages(), s.requestInfo());
        RefreshTokenLogoutEndpoint refreshTokenLogout =
                new RefreshTokenLogoutEndpoint(realms, clientAuth, s.store(), s.sessions());
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
