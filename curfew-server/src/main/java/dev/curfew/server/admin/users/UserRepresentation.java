package dev.curfew.server.admin.users;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.curfew.core.user.User;
import java.util.List;

/**
 * A user as Keycloak's admin API shows it (the fields Curfew has). In requests every field is optional,
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
        List<CredentialRepresentation> credentials) {

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
                null);
    }
}
