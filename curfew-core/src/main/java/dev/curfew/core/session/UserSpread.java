package dev.curfew.core.session;

import java.util.Collection;
import java.util.HashSet;
import java.util.Set;

/**
 * How widely one user's sessions in a realm are spread at a moment: how many there are, and from how many networks
 * ({@link Networks}). Many sessions at once, or sessions from several networks at once, are the signs of one account
 * shared by several people.
 *
 * @param sessions the user's sessions
 * @param networks the distinct networks they come from
 */
public record UserSpread(int sessions, int networks) {

    public static final UserSpread NONE = new UserSpread(0, 0);

    /** The spread of the given sessions (all of one user). */
    public static UserSpread of(Collection<UserSession> sessions) {
        Set<String> networks = new HashSet<>();
        for (UserSession s : sessions) {
            networks.add(Networks.of(s.ipAddress()));
        }
        return new UserSpread(sessions.size(), networks.size());
    }
}
