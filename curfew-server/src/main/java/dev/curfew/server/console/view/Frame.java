package dev.curfew.server.console.view;

import java.util.List;
import java.util.Optional;

/**
 * What every console page's layout shows: the administrator, the realm switcher, the navigation (only
 * the pages their privileges open), the CSRF token for the layout's own forms, and a one-shot message.
 *
 * @param nav the active navigation entry: dashboard, sessions, users, clients, settings, audit, history
 */
public record Frame(
        String title,
        String admin,
        String csrf,
        List<String> realms,
        String realm,
        String nav,
        ConsoleAccess access,
        Optional<String> flash) {

    /** The console path of a page of the current realm, e.g. {@code path("/sessions")}. */
    public String path(String suffix) {
        return Paths.realm(realm) + suffix;
    }

    public String current(String entry) {
        return entry.equals(nav) ? "page" : null;
    }
}
