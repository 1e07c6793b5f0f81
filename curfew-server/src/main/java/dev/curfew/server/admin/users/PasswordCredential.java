package dev.curfew.server.admin.users;

import dev.curfew.core.password.PasswordPolicy;
import dev.curfew.server.admin.FieldProblems;
import java.util.List;
import java.util.Optional;

/**
 * The password in a credential, checked against {@link PasswordPolicy}. Temporary passwords are refused
 * rather than silently stored as permanent: Curfew has no "update password at next login" step to enforce
 * them.
 */
final class PasswordCredential {
    static final String PASSWORD = "password";

    private PasswordCredential() {}

    /** The password of a single credential; {@code prefix} is the field path before its fields. */
    static Optional<String> from(CredentialRepresentation credential, String prefix, FieldProblems problems) {
        boolean ok = true;
        if (credential.type() != null && !credential.type().equals(PASSWORD)) {
            problems.add(prefix + "type", "only 'password' credentials are supported");
            ok = false;
        }
        if (Boolean.TRUE.equals(credential.temporary())) {
            problems.add(
                    prefix + "temporary",
                    "temporary passwords are not supported (Curfew cannot require a change at next login)");
            ok = false;
        }
        Optional<String> policy = PasswordPolicy.check(credential.value());
        if (policy.isPresent()) {
            problems.add(prefix + "value", policy.get());
            ok = false;
        }
        return ok ? Optional.of(credential.value()) : Optional.empty();
    }

    /** The one password in a user representation's {@code credentials}, if it has one. */
    static Optional<String> fromList(List<CredentialRepresentation> credentials, FieldProblems problems) {
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
