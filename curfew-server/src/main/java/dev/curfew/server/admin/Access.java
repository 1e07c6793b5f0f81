package dev.curfew.server.admin;

import dev.curfew.core.privilege.Privilege;
import io.javalin.http.Context;
import java.util.List;

/**
 * What an admin call needs of its caller, stated once per route in {@link AdminRoutes} and checked server-side
 * before the realm named in the path is looked up (so an unprivileged caller cannot learn which realms exist).
 * {@link #describe()} is the wording of the privilege table in {@code docs/api-reference.md}, which a test holds
 * to this one.
 */
public sealed interface Access {
    /** The caller when they may make the call for {@code realmName}; otherwise a 401 or 403 problem. */
    AdminPrincipal check(AdminAuth auth, Context ctx, String realmName);

    /** The requirement in the words of {@code docs/api-reference.md}. */
    String describe();

    /** {@code privilege} for the realm in the path. */
    static Access of(Privilege privilege) {
        return new Granted(privilege);
    }

    /** At least one of {@code privileges} for the realm in the path. */
    static Access anyOf(Privilege... privileges) {
        return new AnyOf(List.of(privileges));
    }

    /** {@code privilege} for every realm. */
    static Access everywhere(Privilege privilege) {
        return new Everywhere(privilege);
    }

    /** Any privilege at all for the realm in the path. */
    static Access anyPrivilege() {
        return new AnyPrivilege();
    }

    /** A valid admin token, whatever it grants: the call itself shows only what the caller holds privileges for. */
    static Access administrator() {
        return new Administrator();
    }

    record Granted(Privilege privilege) implements Access {
        @Override
        public AdminPrincipal check(AdminAuth auth, Context ctx, String realmName) {
            return auth.require(ctx, privilege, realmName);
        }

        @Override
        public String describe() {
            return "`" + privilege + "`";
        }
    }

    record AnyOf(List<Privilege> privileges) implements Access {
        public AnyOf {
            if (privileges.size() < 2) {
                throw new IllegalArgumentException("one of several privileges, not " + privileges);
            }
            privileges = List.copyOf(privileges);
        }

        @Override
        public AdminPrincipal check(AdminAuth auth, Context ctx, String realmName) {
            return auth.requireAnyOf(ctx, realmName, privileges.toArray(Privilege[]::new));
        }

        @Override
        public String describe() {
            List<String> names = privileges.stream().map(p -> "`" + p + "`").toList();
            return String.join(", ", names.subList(0, names.size() - 1)) + " or " + names.getLast();
        }
    }

    record Everywhere(Privilege privilege) implements Access {
        @Override
        public AdminPrincipal check(AdminAuth auth, Context ctx, String realmName) {
            return auth.requireEverywhere(ctx, privilege);
        }

        @Override
        public String describe() {
            return "`" + privilege + "` for all realms";
        }
    }

    record AnyPrivilege() implements Access {
        @Override
        public AdminPrincipal check(AdminAuth auth, Context ctx, String realmName) {
            return auth.requireAnyPrivilege(ctx, realmName);
        }

        @Override
        public String describe() {
            return "any privilege for that realm";
        }
    }

    record Administrator() implements Access {
        @Override
        public AdminPrincipal check(AdminAuth auth, Context ctx, String realmName) {
            return auth.authenticate(ctx);
        }

        @Override
        public String describe() {
            return "an admin token; lists only what it holds privileges for";
        }
    }
}
