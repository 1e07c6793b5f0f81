package dev.curfew.server.console.pages;

import com.fasterxml.jackson.databind.JsonNode;
import dev.curfew.server.console.ConsoleRequest;
import dev.curfew.server.console.api.AdminApiClient;
import dev.curfew.server.console.view.BarChart;
import dev.curfew.server.console.view.ConsoleAccess;
import dev.curfew.server.console.view.When;
import dev.curfew.server.console.view.Words;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A realm's dashboard: dead notifications as an alert, sessions active now, per client, active and started
 * over the last 24 hours, and recent sign-outs. Each part is shown only to an administrator whose privileges
 * open the API call behind it.
 */
public final class DashboardPage {
    /** The dead-letter list is read up to this many rows; beyond, the alert says "or more". */
    static final int DEAD_LISTED = 200;

    private static final int HOURS = 24;
    /** Every third hour is labelled, counted back from the current one, which is always labelled. */
    private static final int LABEL_EVERY = 3;

    private static final DateTimeFormatter HOUR =
            DateTimeFormatter.ofPattern("HH:00").withZone(ZoneOffset.UTC);

    /** A sign-out in the recent list. */
    public record RecentSignOut(String id, When at, String scope, String reason, long affected, String actor) {}

    /** Dead notifications to one receiver; {@code clientPageId} blank when its page cannot be linked. */
    public record DeadReceiver(String name, String clientPageId, long dead) {}

    /** The alert for notifications that will not be sent again unless an administrator retries them. */
    public record DeadAlert(long total, boolean more, List<DeadReceiver> receivers) {
        static final DeadAlert NONE = new DeadAlert(0, false, List.of());

        public String count() {
            return Words.count(total, "notification", "notifications") + (more ? " or more" : "");
        }
    }

    public void show(ConsoleRequest r) {
        ConsoleAccess access = r.access();
        Map<String, Object> model = new HashMap<>();
        JsonNode realm = r.get(r.api(""));
        model.put("displayName", realm.path("displayName").asText(r.realm()));
        model.put("active", -1L);
        model.put("perClient", null);
        model.put("perHour", null);
        model.put("activeShown", false);
        model.put("activeOverTime", null);
        model.put("signOuts", null);
        model.put("signOutsTotal", 0L);
        model.put("dead", access.deliveries() ? deadAlert(r, access) : DeadAlert.NONE);
        if (access.searchSessions()) {
            model.put(
                    "active", r.get(r.api("/sessions") + "?max=1").path("total").asLong());
            JsonNode stats = r.get(r.api("/session-stats") + "?hours=" + HOURS);
            Instant firstHour =
                    r.console().clock().instant().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofHours(HOURS - 1));
            model.put("perHour", startedPerHour(stats.path("starts"), firstHour));
            model.put("activeShown", true);
            model.put("activeOverTime", activeOverTime(stats.path("samples"), firstHour));
        }
        if (access.sessionStats()) {
            model.put("perClient", perClient(r.get(r.api("/client-session-stats"))));
        }
        if (access.history()) {
            List<RecentSignOut> recent = new ArrayList<>();
            JsonNode history = r.get(r.api("/sign-outs") + "?max=8");
            model.put("signOutsTotal", history.path("total").asLong());
            for (JsonNode s : history.path("signOuts")) {
                recent.add(new RecentSignOut(
                        s.path("id").asText(),
                        When.iso(s.path("createdAt").asText()),
                        SignOutPages.describeScope(s.path("scope")),
                        s.path("reason").asText(),
                        s.path("affectedSessions").asLong(),
                        s.path("actor").path("username").asText()));
            }
            model.put("signOuts", recent);
        }
        r.render("console/dashboard.jte", r.frame("Dashboard", "dashboard"), model);
    }

    /** The realm's dead notifications, per receiver, with a link to each client's page (where Retry is). */
    private static DeadAlert deadAlert(ConsoleRequest r, ConsoleAccess access) {
        JsonNode dead = r.get(AdminApiClient.withQuery(
                r.api("/deliveries"), Map.of("status", "DEAD", "max", Integer.toString(DEAD_LISTED))));
        Map<String, Long> perReceiver = new LinkedHashMap<>();
        for (JsonNode d : dead) {
            perReceiver.merge(d.path("clientId").asText(""), 1L, Long::sum);
        }
        List<DeadReceiver> receivers = new ArrayList<>();
        perReceiver.forEach((clientId, n) -> receivers.add(new DeadReceiver(
                clientId.isEmpty() ? "Shared Signals streams" : clientId,
                clientId.isEmpty() || !access.viewClients()
                        ? ""
                        : ClientPages.internalId(r, clientId).orElse(""),
                n)));
        return new DeadAlert(dead.size(), dead.size() >= DEAD_LISTED, receivers);
    }

    /** Sessions started in each hour, from the counts kept as sessions start (signed-out ones included). */
    private static BarChart startedPerHour(JsonNode starts, Instant firstHour) {
        long[] perHour = new long[HOURS];
        for (JsonNode h : starts) {
            int hour = (int)
                    Duration.between(firstHour, Instant.parse(h.path("hour").asText()))
                            .toHours();
            if (hour >= 0 && hour < HOURS) {
                perHour[hour] += h.path("started").asLong();
            }
        }
        long sum = 0;
        for (long n : perHour) {
            sum += n;
        }
        return BarChart.columns(
                "chart-hours",
                "Sessions started per hour, last 24 hours (UTC)",
                Words.count(sum, "session", "sessions") + " started in these 24 hours, signed-out and expired ones"
                        + " included.",
                hourLabels(firstHour),
                values(perHour),
                LABEL_EVERY);
    }

    /**
     * Active sessions over the last 24 hours, from the samples housekeeping records every minute: each hour's
     * column is the highest count recorded in it. Null (the page explains) with fewer than 2 samples.
     */
    private static BarChart activeOverTime(JsonNode samples, Instant firstHour) {
        if (samples.size() < 2) {
            return null;
        }
        long[] peaks = new long[HOURS];
        long highest = 0;
        for (JsonNode sample : samples) {
            long active = sample.path("active").asLong();
            int hour = (int)
                    Duration.between(firstHour, Instant.parse(sample.path("at").asText()))
                            .toHours();
            if (hour >= 0 && hour < HOURS) {
                peaks[hour] = Math.max(peaks[hour], active);
            }
            highest = Math.max(highest, active);
        }
        long latest = samples.get(samples.size() - 1).path("active").asLong();
        return BarChart.columns(
                "chart-active",
                "Active sessions, highest each hour, last 24 hours (UTC)",
                Words.count(samples.size(), "sample", "samples") + " recorded: "
                        + Words.count(latest, "active session", "active sessions") + " at the latest, " + highest
                        + " at the most.",
                hourLabels(firstHour),
                values(peaks),
                LABEL_EVERY);
    }

    private static BarChart perClient(JsonNode stats) {
        List<String> names = new ArrayList<>();
        List<Long> counts = new ArrayList<>();
        stats.forEach(s -> {
            names.add(s.path("clientId").asText());
            counts.add(s.path("active").asLong());
        });
        long most = counts.stream().mapToLong(Long::longValue).max().orElse(0);
        return BarChart.rows(
                "chart-clients",
                "Active sessions per client",
                names.isEmpty()
                        ? "No client has active sessions."
                        : Words.count(names.size(), "client", "clients") + " with active sessions; the most has " + most
                                + ".",
                names,
                counts);
    }

    private static List<String> hourLabels(Instant firstHour) {
        List<String> labels = new ArrayList<>();
        for (int i = 0; i < HOURS; i++) {
            labels.add(HOUR.format(firstHour.plus(Duration.ofHours(i))));
        }
        return labels;
    }

    private static List<Long> values(long[] counts) {
        List<Long> values = new ArrayList<>();
        for (long n : counts) {
            values.add(n);
        }
        return values;
    }
}
