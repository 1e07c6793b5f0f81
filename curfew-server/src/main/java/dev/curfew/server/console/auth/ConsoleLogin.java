package dev.curfew.server.console.auth;

import dev.curfew.core.util.Secrets;
import dev.curfew.server.bootstrap.ConsoleClient;
import dev.curfew.server.console.Console;
import dev.curfew.server.console.ConsoleErrors;
import dev.curfew.server.console.view.Paths;
import dev.curfew.server.oidc.Endpoints;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The console signs administrators in as any OIDC relying party would: the authorization code flow with
 * PKCE S256 against the master realm (OIDC Core §3.1, RFC 7636), and out with RP-initiated logout
 * (OpenID Connect RP-Initiated Logout 1.0 §2), which ends their SSO session and so every token of it.
 */
public final class ConsoleLogin {
    private final Console console;

    public ConsoleLogin(Console console) {
        this.console = console;
    }

    /** Starts a login in a fresh console session, coming back to {@code returnTo} afterwards. */
    public void start(Context ctx, String returnTo) {
        String base = console.requestInfo().baseUrl(ctx);
        if (!registeredBase(ctx, base)) {
            ConsoleErrors.page(
                    console,
                    ctx,
                    400,
                    "Open the console at its registered address",
                    "The console signs in through Curfew and may only come back to an address registered for the "
                            + ConsoleClient.CLIENT_ID + " client. Open it at http://localhost:"
                            + ctx.req().getLocalPort() + Paths.HOME
                            + ", or set Curfew's public URL (--public-url) to the address you use.");
            return;
        }
        AdminConsoleSession session =
                console.sessions().start(ctx, console.requestInfo().secure(ctx));
        String verifier = Secrets.newSecret();
        String state = Secrets.newSecret();
        String redirectUri = base + ConsoleClient.CALLBACK_PATH;
        session.pending(new AdminConsoleSession.Pending(state, verifier, redirectUri, safeReturn(returnTo)));
        Map<String, String> params = new LinkedHashMap<>();
        params.put("response_type", "code");
        params.put("client_id", ConsoleClient.CLIENT_ID);
        params.put("redirect_uri", redirectUri);
        params.put("scope", "openid profile");
        params.put("state", state);
        params.put("code_challenge", challenge(verifier));
        params.put("code_challenge_method", "S256");
        redirect(ctx, Endpoints.url(base, Endpoints.AUTH, "master") + "?" + query(params));
    }

    /** The authorization response (RFC 6749 §4.1.2): checks the state, redeems the code, signs in. */
    public void callback(Context ctx) {
        Optional<AdminConsoleSession> found = console.sessions().find(ctx);
        Optional<AdminConsoleSession.Pending> pending = found.flatMap(AdminConsoleSession::pending);
        String state = Optional.ofNullable(ctx.queryParam("state")).orElse("");
        if (pending.isEmpty() || !Secrets.constantTimeEquals(pending.get().state(), state)) {
            ConsoleErrors.page(
                    console,
                    ctx,
                    400,
                    "Sign-in expired",
                    "This sign-in was not started here, or it expired. Open the console again to sign in.");
            return;
        }
        String error = ctx.queryParam("error");
        if (error != null) {
            ConsoleErrors.page(
                    console,
                    ctx,
                    400,
                    "Sign-in failed",
                    "Curfew answered " + error + ": "
                            + Optional.ofNullable(ctx.queryParam("error_description"))
                                    .orElse(""));
            return;
        }
        String code = Optional.ofNullable(ctx.queryParam("code")).orElse("");
        Optional<AdminConsoleSession.Tokens> tokens = console.tokens().exchange(ctx, code, pending.get());
        if (tokens.isEmpty()) {
            ConsoleErrors.page(
                    console, ctx, 400, "Sign-in failed", "The sign-in could not be completed. Open the console again.");
            return;
        }
        // A new session id once signed in, so an id known before the login is worth nothing after it.
        boolean secure = console.requestInfo().secure(ctx);
        console.sessions().end(ctx, found.get(), secure);
        AdminConsoleSession signedIn = console.sessions().start(ctx, secure);
        signedIn.tokens(tokens.get());
        redirect(ctx, pending.get().returnTo());
    }

    /** Ends the console session here and the administrator's SSO session at Curfew. */
    public void logout(Context ctx, AdminConsoleSession session) {
        String base = console.requestInfo().baseUrl(ctx);
        Optional<String> idToken = session.tokens().map(AdminConsoleSession.Tokens::idToken);
        console.sessions().end(ctx, session, console.requestInfo().secure(ctx));
        Map<String, String> params = new LinkedHashMap<>();
        idToken.filter(t -> !t.isBlank()).ifPresent(t -> params.put("id_token_hint", t));
        params.put("client_id", ConsoleClient.CLIENT_ID);
        params.put("post_logout_redirect_uri", base + ConsoleClient.SIGNED_OUT_PATH);
        redirect(ctx, Endpoints.url(base, Endpoints.LOGOUT, "master") + "?" + query(params));
    }

    private boolean registeredBase(Context ctx, String base) {
        return console.publicUrl().isPresent()
                || ConsoleClient.localBases(ctx.req().getLocalPort()).contains(base);
    }

    /** Only console pages: an open redirect through the login would send administrators anywhere. */
    static String safeReturn(String returnTo) {
        if (returnTo == null
                || !returnTo.startsWith(Paths.HOME)
                || returnTo.startsWith("//")
                || returnTo.contains("\\")
                || returnTo.startsWith(Paths.LOGIN)) {
            return Paths.HOME;
        }
        return returnTo;
    }

    private static String challenge(String verifier) {
        return Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(Secrets.sha256Bytes(verifier.getBytes(StandardCharsets.US_ASCII)));
    }

    private static String query(Map<String, String> params) {
        return params.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    private static void redirect(Context ctx, String location) {
        ctx.header("Cache-Control", "no-store").redirect(location, HttpStatus.FOUND);
    }
}
