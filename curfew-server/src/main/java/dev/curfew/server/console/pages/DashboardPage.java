package dev.curfew.server.console.pages;

import com.fasterxml.jackson.databind.JsonNode;
import dev.curfew.server.console.ConsoleRequest;
import dev.curfew.server.console.view.BarChart;
import dev.curfew.server.console.view.Times;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A realm's dashboard: sessions active now, per client, active and started over the last 24 hours, and
 * recent sign-outs. Each part is shown only to an administrator whose privileges open the API call behind it.
 */
public final class DashboardPage {
    /** The 24-hour chart reads at most this many sessions (newest first); beyond, it says so. */
    static final int CHART_LIMIT = 5000;

    private static final int PAGE = 1000;
    private static final DateTimeFormatter HOUR =
            DateTimeFormatter.ofPattern("HH:00").withZone(ZoneOffset.UTC);

    /** A sign-out in the recent list. */
    public record RecentSignOut(String id, String at, String scope, String reason, long affected, String actor) {}

    public void show(ConsoleRequest r) {
        var access = r.access();
        Map<String, Object> model = new HashMap<>();
        JsonNode realm = r.get(r.api(""));
        model.put("displayName", realm.path("displayName").asText(r.realm()));
        model.put("active", -1L);
        model.put("perClient", null);
        model.put("perHour", null);
        model.put("chartNote", "");
        model.put("activeShown", false);
        model.put("activeOverTime", null);
        model.put("signOuts", null);
        model.put("signOutsTotal", 0L);
        if (access.searchSessions()) {
            model.put(
                    "active", r.get(r.api("/sessions") + "?max=1").path("total").asLong());
            perHour(r, model);
            activeOverTime(r, model);
        }
        if (access.sessionStats()) {
            JsonNode stats = r.get(r.api("/client-session-stats"));
            List<String> names = new ArrayList<>();
            List<Long> counts = new ArrayList<>();
            stats.forEach(s -> {
                names.add(s.path("clientId").asText());
                counts.add(s.path("active").asLong());
            });
            model.put(
                    "perClient",
                    BarChart.rows(
                            "chart-clients",
                            "Active sessions per client",
                            names.isEmpty()
                                    ? "No client has active sessions."
                                    : names.size() + " clients with sessions; the most has "
                                            + counts.stream()
                                                    .mapToLong(Long::longValue)
                                                    .max()
                                                    .orElse(0) + ".",
                            names,
                            counts));
        }
        if (access.history()) {
            List<RecentSignOut> recent = new ArrayList<>();
            JsonNode history = r.get(r.api("/sign-outs") + "?max=8");
            model.put("signOutsTotal", history.path("total").asLong());
            for (JsonNode s : history.path("signOuts")) {
                recent.add(new RecentSignOut(
                        s.path("id").asText(),
                        Times.iso(s.path("createdAt").asText()),
                        SignOutPages.describeScope(s.path("scope")),
                        s.path("reason").asText(),
                        s.path("affectedSessions").asLong(),
                        s.path("actor").path("username").asText()));
            }
            model.put("signOuts", recent);
        }
        r.render("console/dashboard.jte", r.frame("Dashboard", "dashboard"), model);
    }

    /**
     * Active sessions over the last 24 hours, from the samples housekeeping records every minute: each
     * hour's column is the highest count recorded in it. Null (the page explains) with fewer than 2 samples.
     */
    private static void activeOverTime(ConsoleRequest r, Map<String, Object> model) {
        model.put("activeShown", true);
        JsonNode samples = r.get(r.api("/session-stats") + "?hours=24").path("samples");
        if (samples.size() < 2) {
            return;
        }
        Instant now = r.console().clock().instant();
        Instant firstHour = now.truncatedTo(ChronoUnit.HOURS).minus(Duration.ofHours(23));
        long[] peaks = new long[24];
        long highest = 0;
        for (JsonNode sample : samples) {
            long active = sample.path("active").asLong();
            int hour = (int)
                    Duration.between(firstHour, Instant.parse(sample.path("at").asText()))
                            .toHours();
            if (hour >= 0 && hour < 24) {
                peaks[hour] = Math.max(peaks[hour], active);
            }
            highest = Math.max(highest, active);
        }
        List<String> labels = new ArrayList<>();
        List<Long> values = new ArrayList<>();
        for (int i = 0; i < 24; i++) {
            labels.add(HOUR.format(firstHour.plus(Duration.ofHours(i))));
            values.add(peaks[i]);
        }
        long latest = samples.get(samples.size() - 1).path("active").asLong();
        model.put(
                "activeOverTime",
                BarChart.columns(
                        "chart-active",
                        "Active sessions, highest each hour, last 24 hours (UTC)",
                        samples.size() + " samples recorded: " + latest + " active sessions at the latest, " + highest
                                + " at the most.",
                        labels,
                        values,
                        3));
    }

    /** Sessions started in each of the last 24 hours, bucketed from the session search API. */
    private static void perHour(ConsoleRequest r, Map<String, Object> model) {
        Instant now = r.console().clock().instant();
        Instant firstHour = now.truncatedTo(ChronoUnit.HOURS).minus(Duration.ofHours(23));
        long[] buckets = new long[24];
        long total = 0;
        int read = 0;
        while (read < CHART_LIMIT) {
            JsonNode page =
                    r.get(r.api("/sessions") + "?max=" + PAGE + "&first=" + read + "&createdAfter=" + firstHour);
            total = page.path("total").asLong();
            for (JsonNode s : page.path("sessions")) {
                int hour = (int) Duration.between(
                                firstHour, Instant.ofEpochMilli(s.path("start").asLong()))
                        .toHours();
                if (hour >= 0 && hour < 24) {
                    buckets[hour]++;
                }
            }
            read += PAGE;
            if (read >= total) {
                break;
            }
        }
        List<String> labels = new ArrayList<>();
        List<Long> values = new ArrayList<>();
        long sum = 0;
        for (int i = 0; i < 24; i++) {
            labels.add(HOUR.format(firstHour.plus(Duration.ofHours(i))));
            values.add(buckets[i]);
            sum += buckets[i];
        }
        model.put(
                "perHour",
                BarChart.columns(
                        "chart-hours",
                        "Sessions started per hour, last 24 hours (UTC)",
                        sum + " sessions still active were started in the last 24 hours.",
                        labels,
                        values,
                        3));
        if (total > CHART_LIMIT) {
            model.put("chartNote", "The chart counts the newest " + CHART_LIMIT + " of " + total + " sessions.");
        }
    }
}
