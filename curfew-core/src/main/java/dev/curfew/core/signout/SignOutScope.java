package dev.curfew.core.signout;

import dev.curfew.core.session.SessionFilter;
import java.util.List;
import java.util.Objects;

/** What an administrator signs out. Realm, client and user scopes write one cut-off; the others end sessions one by one. */
public sealed interface SignOutScope {
    /** The wire and storage name of the scope type. */
    String type();

    /** One or more sessions by public id. */
    record Sessions(List<String> sessionIds) implements SignOutScope {
        public Sessions {
            sessionIds = List.copyOf(sessionIds);
            if (sessionIds.isEmpty()) {
                throw new IllegalArgumentException("a session scope needs at least one session id");
            }
        }

        @Override
        public String type() {
            return "session";
        }
    }

    /** Every session and token of one user account. */
    record User(String userId) implements SignOutScope {
        public User {
            Objects.requireNonNull(userId, "userId");
        }

        @Override
        public String type() {
            return "user";
        }
    }

    /**
     * Every token issued to one client (service), in every session: its refresh and access tokens die;
     * the users' SSO sessions and their other clients are untouched.
     *
     * @param clientId the client's internal id
     */
    record Client(String clientId) implements SignOutScope {
        public Client {
            Objects.requireNonNull(clientId, "clientId");
        }

        @Override
        public String type() {
            return "client";
        }
    }

    /** Every session and token of the realm. */
    record Realm() implements SignOutScope {
        @Override
        public String type() {
            return "realm";
        }
    }

    /** Every session matching a non-empty filter. */
    record Filter(SessionFilter filter) implements SignOutScope {
        public Filter {
            if (filter.isEmpty()) {
                throw new IllegalArgumentException(
                        "a filter scope needs at least one condition (to sign out everyone, use the realm scope)");
            }
        }

        @Override
        public String type() {
            return "filter";
        }
    }

    /** True for scopes enforced by writing a cut-off (O(1) whatever the number of sessions). */
    default boolean writesCutOff() {
        return this instanceof User || this instanceof Client || this instanceof Realm;
    }
}
