package dev.curfew.server.console.view;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** A session as a table row: who, from where, on what, since when. */
public record SessionRow(
        String id,
        String username,
        String userId,
        String ip,
        When started,
        When lastActive,
        List<String> clients,
        String device,
        String userAgent,
        String authMethods) {

    public static SessionRow of(JsonNode s) {
        List<String> clients = new ArrayList<>();
        s.path("clients").forEach(c -> clients.add(c.asText()));
        List<String> methods = new ArrayList<>();
        s.path("authMethods").forEach(m -> methods.add(m.asText()));
        String ua = s.path("userAgent").asText("");
        return new SessionRow(
                s.path("id").asText(),
                s.path("username").asText(),
                s.path("userId").asText(),
                s.path("ipAddress").asText(""),
                When.millis(s.path("start").asLong()),
                When.millis(s.path("lastAccess").asLong()),
                List.copyOf(clients),
                device(ua),
                ua,
                String.join(", ", methods));
    }

    public static List<SessionRow> all(JsonNode sessions) {
        List<SessionRow> rows = new ArrayList<>();
        sessions.forEach(s -> rows.add(of(s)));
        return rows;
    }

    /** A short name for the browser and system in a user agent; the full string is shown beside it. */
    static String device(String ua) {
        if (ua.isBlank()) {
            return "Unknown device";
        }
        String browser = ua.contains("Edg/")
                ? "Edge"
                : ua.contains("Firefox/")
                        ? "Firefox"
                        : ua.contains("Chrome/") || ua.contains("Chromium/")
                                ? "Chrome"
                                : ua.contains("Safari/") ? "Safari" : ua.contains("curl/") ? "curl" : "";
        String system = ua.contains("Android")
                ? "Android"
                : ua.contains("iPhone") || ua.contains("iPad")
                        ? "iOS"
                        : ua.contains("Windows")
                                ? "Windows"
                                : ua.contains("Mac OS") ? "macOS" : ua.contains("Linux") ? "Linux" : "";
        if (browser.isEmpty() && system.isEmpty()) {
            return ua;
        }
        return browser.isEmpty() ? system : system.isEmpty() ? browser : browser + " on " + system;
    }
}
