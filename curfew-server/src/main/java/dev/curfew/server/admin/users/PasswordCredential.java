package dev.curfew.server.admin.users;

import dev.curfew.core.password.PasswordPolicy;
import dev.curfew.core.realm.Realm;
import dev.curfew.core.user.User;
import dev.curfew.engine.user.UserService;
import dev.curfew.server.admin.FieldProblems;
import java.util.List;
import java.util.Optional;

/**
 * The password in a credential, checked against {@link PasswordPolicy} and then the realm's policy. A temporary one ({@code "temporary": true})
 * must be changed at the user's next browser sign-in: it sets the required action {@code UPDATE_PASSWORD}.
 */
final class PasswordCredential {
    static final String PASSWORD = "password";

    private PasswordCredential() {}

    /** A password given by an administrator, and whether the user must change it at their next sign-in. */
    record Given(String value, boolean temporary) {}

    /** The password of a single credential; {@code prefix} is the field path before its fields. */
    static Optional<Given> from(CredentialRepresentation credential, String prefix, FieldProblems problems) {
        boolean ok = true;
        if (credential.type() != null && !credential.type().equals(PASSWORD)) {
            problems.add(prefix + "type", "only 'password' credentials are supported");
            ok = false;
        }
        Optional<String> policy = PasswordPolicy.check(credential.value());
        if (policy.isPresent()) {
            problems.add(prefix + "value", policy.get());
            ok = false;
        }
        return ok
                ? Optional.of(new Given(credential.value(), Boolean.TRUE.equals(credential.temporary())))
                : Optional.empty();
    }

    /**
     * The realm's password policy on a password given for {@code user} (its history too); a refusal is added to
     * {@code problems} under {@code field}, so nothing changes when the password cannot be used.
     */
    static void checkPolicy(
            UserService users, Realm realm, User user, Optional<Given> given, String field, FieldProblems problems) {
        given.flatMap(g -> users.newPasswordProblem(realm.settings().passwordRules(), user, g.value()))
                .ifPresent(problem -> problems.add(field, problem));
    }

    /** The one password in a user representation's {@code credentials}, if it has one. */
    static Optional<Given> fromList(List<CredentialRepresentation> credentials, FieldProblems problems) {
        if (credentials == null || credentials.isEmpty()) {
            return Optional.empty();
        }
        if (credentials.size() > 1) {
            problems.add("credentials", "at most one password can be given");
            return Optional.empty();
        }
        if (credentials.get(0) == null) {
            problems.add("credentials[0]", "must be a credential object");
            return Optional.empty();
        }
        return from(credentials.get(0), "credentials[0].", problems);
    }
}
