package dev.curfew.server.console.pages;

import com.fasterxml.jackson.databind.JsonNode;
import dev.curfew.server.console.ConsoleRequest;
import dev.curfew.server.console.view.When;
import java.util.ArrayList;
import java.util.List;

/**
 * The sessions page's list of accounts that look shared, when the realm detects sharing ({@code sharingDetection}):
 * what {@code GET /admin/realms/{realm}/sessions/sharing} answers with the realm's thresholds, and a search per
 * threshold that shows those accounts' sessions (ready to sign out as a filter).
 *
 * @param enabled whether the realm detects sharing; when not, the page shows no panel
 * @param thresholds the thresholds in words, e.g. {@code 3 sessions or 2 networks}
 */
public record SharingPanel(
        boolean enabled, String thresholds, List<Suspect> suspects, boolean truncated, List<Search> searches) {

    /** Shown where the realm does not detect sharing, or the administrator may not read the realm's settings. */
    public static final SharingPanel OFF = new SharingPanel(false, "", List.of(), false, List.of());

    /** Suspects shown at most; the rest are a search away. */
    static final int SHOWN = 10;

    /** One suspected account; {@code lastActive} as the console shows times, in UTC. */
    public record Suspect(String username, int sessions, int networks, String lastActive) {}

    /** A link to the session search of one threshold. */
    public record Search(String label, String query) {}

    static SharingPanel load(ConsoleRequest r) {
        JsonNode realm = r.get(r.api(""));
        JsonNode detection = realm.path("sharingDetection");
        int sessions = detection.path("concurrentSessions").asInt();
        int networks = detection.path("distinctNetworks").asInt();
        if (sessions == 0 && networks == 0) {
            return OFF;
        }
        JsonNode found = r.get(r.api("/sessions/sharing") + "?max=" + SHOWN);
        List<Suspect> suspects = new ArrayList<>();
        for (JsonNode s : found.path("suspects")) {
            suspects.add(new Suspect(
                    s.path("username").asText(),
                    s.path("sessions").asInt(),
                    s.path("networks").asInt(),
                    When.millis(s.path("lastAccess").asLong()).shown()));
        }
        List<String> words = new ArrayList<>();
        List<Search> searches = new ArrayList<>();
        if (sessions > 0) {
            words.add(sessions + " sessions");
            searches.add(new Search(
                    "Sessions of accounts with " + sessions + "+ sessions", "concurrentSessionsAtLeast=" + sessions));
        }
        if (networks > 0) {
            words.add(networks + " networks");
            searches.add(new Search(
                    "Sessions of accounts on " + networks + "+ networks", "distinctNetworksAtLeast=" + networks));
        }
        return new SharingPanel(
                true,
                String.join(" or ", words),
                suspects,
                found.path("truncated").asBoolean(),
                searches);
    }
}
