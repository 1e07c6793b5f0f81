package dev.curfew.server.oidc.authorize;

import dev.curfew.core.console.StoredConsoleSession;
import dev.curfew.core.realm.Realm;
import dev.curfew.core.store.Store;
import dev.curfew.core.user.User;
import dev.curfew.server.http.FormCsrf;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Logins whose password was right and whose second factor is awaited, kept as a {@link LoginState} so that the code
 * may be posted to any node. Each post takes the login (once, whatever the node): concurrent guesses for one login do
 * not each get a try. After {@link #MAX_WRONG_CODES} wrong codes the login starts again from the password.
 */
public final class PendingSecondFactors {
    public static final String COOKIE = "CURFEW_LOGIN_OTP";
    static final Duration LIFETIME = Duration.ofMinutes(5);
    static final int MAX_WRONG_CODES = 5;

    private final LoginState<Pending> state;

    public PendingSecondFactors(Store store, Clock clock) {
        this.state = new LoginState<>(
                store, clock, StoredConsoleSession.Kind.LOGIN_SECOND_FACTOR, COOKIE, LIFETIME, Pending.class);
    }

    /**
     * A login waiting for its second factor.
     *
     * @param authParams the authorization request as the login form carried it, validated again when it completes
     * @param wrongCodes wrong codes posted so far
     */
    public record Pending(String userId, Map<String, String> authParams, int wrongCodes) {}

    /**
     * Remembers that {@code user} gave the right password for this authorization request, in this browser. The login
     * form's own fields are left out: the password is never stored, not even sealed.
     */
    public void start(Context ctx, Realm realm, User user, Map<String, String> formParams, boolean secure) {
        state.start(ctx, realm, new Pending(user.id(), authParams(formParams), 0), secure);
    }

    /** The authorization request's parameters of a login form's fields: without the password, the name or the token. */
    static Map<String, String> authParams(Map<String, String> formParams) {
        Map<String, String> authParams = new HashMap<>(formParams);
        authParams.keySet().removeAll(Set.of("username", "password", FormCsrf.FIELD));
        return Map.copyOf(authParams);
    }

    /** The login this browser has waiting, taken: nobody else can use it until {@link #retry} puts it back. */
    public Optional<Pending> take(Context ctx, Realm realm) {
        return state.take(ctx, realm);
    }

    /**
     * Puts a login back after a wrong code, unless that was one too many.
     *
     * @return whether the browser may try another code
     */
    public boolean retry(Context ctx, Realm realm, Pending pending) {
        int wrong = pending.wrongCodes() + 1;
        return wrong < MAX_WRONG_CODES
                && state.put(ctx, realm, new Pending(pending.userId(), pending.authParams(), wrong));
    }

    /** Forgets the cookie: the login finished, or starts again from the password. */
    public void clear(Context ctx, Realm realm, boolean secure) {
        state.clear(ctx, realm, secure);
    }
}
