package dev.curfew.server.admin.users;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.curfew.core.user.RequiredAction;
import dev.curfew.core.user.User;
import java.util.List;
import java.util.Set;

/**
 * A user as Keycloak's admin API shows it (the fields Curfew has). {@code requiredActions} ({@code UPDATE_PASSWORD},
 * {@code CONFIGURE_TOTP}) is shown by a single user's GET, not in lists. In requests every field is optional,
 * and on updates an absent field is left unchanged. {@code credentials} is accepted on create and update,
 * never returned. {@code createdTimestamp} is epoch milliseconds; {@code notBefore} epoch seconds, 0 when
 * no cut-off is set.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record UserRepresentation(
        String id,
        String username,
        String email,
        String firstName,
        String lastName,
        Boolean enabled,
        Long createdTimestamp,
        Long notBefore,
        List<CredentialRepresentation> credentials,
        List<String> requiredActions) {

    /** The user without their required actions (lists: they are read per user). */
    public static UserRepresentation of(User user) {
        return new UserRepresentation(
                user.id(),
                user.username(),
                user.email().orElse(null),
                user.firstName().orElse(null),
                user.lastName().orElse(null),
                user.enabled(),
                user.createdAt().toEpochMilli(),
                user.notBefore().map(i -> i.getEpochSecond()).orElse(0L),
                null,
                null);
    }

    /** The user with their required actions, as a single user's GET shows them. */
    public static UserRepresentation of(User user, Set<RequiredAction> requiredActions) {
        UserRepresentation u = of(user);
        return new UserRepresentation(
                u.id(),
                u.username(),
                u.email(),
                u.firstName(),
                u.lastName(),
                u.enabled(),
                u.createdTimestamp(),
                u.notBefore(),
                null,
                requiredActions.stream().sorted().map(Enum::name).toList());
    }
}
