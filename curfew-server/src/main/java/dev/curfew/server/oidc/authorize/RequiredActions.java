package dev.curfew.server.oidc.authorize;

import dev.curfew.core.console.StoredConsoleSession;
import dev.curfew.core.realm.Realm;
import dev.curfew.core.store.Store;
import dev.curfew.core.user.RequiredAction;
import dev.curfew.core.user.User;
import dev.curfew.engine.otp.OtpService;
import dev.curfew.server.http.RequestInfo;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The last gate of a login, after its factors: what the user must do first (Keycloak's required actions) — choose a
 * new password, set up an authenticator app — each on its own page ({@link RequiredActionForm},
 * {@link RequiredActionEndpoint}), before the login completes ({@link SignInCompletion}). Setting up an authenticator
 * is due when an administrator asked for it or when the realm's two-factor policy covers a user who has none. The
 * login waits as a {@link LoginState}, so each page may be posted to any node.
 */
public final class RequiredActions {
    public static final String COOKIE = "CURFEW_LOGIN_ACTIONS";
    static final Duration LIFETIME = Duration.ofMinutes(15);
    static final int MAX_WRONG_CODES = 5;

    private final Store store;
    private final OtpService otp;
    private final SignInCompletion completion;
    private final RequiredActionForm form;
    private final RequestInfo requestInfo;
    private final LoginState<Pending> state;

    public RequiredActions(
            Store store,
            OtpService otp,
            SignInCompletion completion,
            RequiredActionForm form,
            RequestInfo requestInfo,
            Clock clock) {
        this.store = store;
        this.otp = otp;
        this.completion = completion;
        this.form = form;
        this.requestInfo = requestInfo;
        this.state = new LoginState<>(
                store, clock, StoredConsoleSession.Kind.LOGIN_REQUIRED_ACTIONS, COOKIE, LIFETIME, Pending.class);
    }

    /**
     * A login waiting for its required actions.
     *
     * @param authParams the authorization request, validated again at each page
     * @param authMethods how the user authenticated so far (RFC 8176 {@code amr})
     * @param totpSecret the secret of the authenticator being set up; empty before its page was shown
     * @param wrongCodes wrong first codes for that authenticator
     */
    public record Pending(
            String userId,
            Map<String, String> authParams,
            List<String> authMethods,
            String totpSecret,
            int wrongCodes) {
        Pending withAuthMethods(Set<String> methods) {
            return new Pending(userId, authParams, List.copyOf(new TreeSet<>(methods)), "", 0);
        }

        Pending withTotpSecret(String secret) {
            return new Pending(userId, authParams, authMethods, secret, wrongCodes);
        }

        Pending withWrongCode() {
            return new Pending(userId, authParams, authMethods, totpSecret, wrongCodes + 1);
        }
    }

    /** What the user must still do, in order. */
    public SortedSet<RequiredAction> due(Realm realm, User user) {
        SortedSet<RequiredAction> due = new TreeSet<>(store.users().requiredActions(user.id()));
        if (otp.hasAuthenticator(user)) {
            due.remove(RequiredAction.CONFIGURE_TOTP);
        } else if (otp.mustEnrol(realm, user)) {
            due.add(RequiredAction.CONFIGURE_TOTP);
        }
        return due;
    }

    /** After the login's factors: completes it, or shows the first required action's page. */
    public void afterFactors(
            Context ctx, Realm realm, AuthorizationRequest request, User user, Set<String> authMethods, String issuer) {
        if (due(realm, user).isEmpty()) {
            completion.complete(ctx, realm, request, user, authMethods, issuer);
            return;
        }
        Pending pending = new Pending(
                user.id(),
                PendingSecondFactors.authParams(request.raw()),
                List.copyOf(new TreeSet<>(authMethods)),
                "",
                0);
        show(ctx, realm, user, pending, true, 200, Optional.empty());
    }

    /** After an action was done: the next one's page, or the login completed. */
    void next(Context ctx, Realm realm, AuthorizationRequest request, User user, Pending pending, String issuer) {
        if (due(realm, user).isEmpty()) {
            state.clear(ctx, realm, requestInfo.secure(ctx));
            completion.complete(ctx, realm, request, user, Set.copyOf(pending.authMethods()), issuer);
            return;
        }
        show(ctx, realm, user, pending, false, 200, Optional.empty());
    }

    /**
     * The page of the first action due, keeping the login for its answer; an authenticator's secret is drawn once
     * and kept, so a wrong first code shows the same QR code again.
     */
    void show(Context ctx, Realm realm, User user, Pending pending, boolean fresh, int status, Optional<String> error) {
        boolean secure = requestInfo.secure(ctx);
        Pending kept = pending;
        RequiredAction action = due(realm, user).first();
        if (action == RequiredAction.CONFIGURE_TOTP && pending.totpSecret().isEmpty()) {
            kept = pending.withTotpSecret(otp.begin(realm, user).secret());
        }
        if (fresh) {
            state.start(ctx, realm, kept, secure);
        } else if (!state.put(ctx, realm, kept)) {
            state.start(ctx, realm, kept, secure);
        }
        switch (action) {
            case UPDATE_PASSWORD -> form.updatePassword(ctx, realm, status, error, secure);
            case CONFIGURE_TOTP ->
                form.configureTotp(
                        ctx, realm, otp.again(realm, user, kept.totpSecret()).orElseThrow(), status, error, secure);
        }
    }

    /** The recovery codes of the authenticator just set up, shown once; the login waits for "continue". */
    void showRecoveryCodes(Context ctx, Realm realm, Pending pending, List<String> codes) {
        state.put(ctx, realm, pending);
        form.recoveryCodes(ctx, realm, codes, requestInfo.secure(ctx));
    }

    Optional<Pending> take(Context ctx, Realm realm) {
        return state.take(ctx, realm);
    }

    void clear(Context ctx, Realm realm) {
        state.clear(ctx, realm, requestInfo.secure(ctx));
    }
}
