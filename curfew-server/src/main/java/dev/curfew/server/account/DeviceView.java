package dev.curfew.server.account;

import dev.curfew.core.session.UserSession;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/** One of the user's sessions as the devices page shows it. */
public record DeviceView(
        String sessionId,
        String device,
        String userAgent,
        String ip,
        String startedIso,
        String started,
        String lastActiveIso,
        String lastActive,
        List<String> applications,
        boolean thisDevice) {

    private static final DateTimeFormatter SHOWN =
            DateTimeFormatter.ofPattern("d MMM yyyy, HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    public static DeviceView of(UserSession s, List<String> applications, boolean thisDevice, Instant now) {
        return new DeviceView(
                s.id(),
                DeviceNames.of(s.userAgent()),
                s.userAgent(),
                s.ipAddress().isBlank() ? "unknown" : s.ipAddress(),
                s.createdAt().toString(),
                SHOWN.format(s.createdAt()),
                s.lastActiveAt().toString(),
                ago(s.lastActiveAt(), now) + " (" + SHOWN.format(s.lastActiveAt()) + ")",
                applications,
                thisDevice);
    }

    /** "just now", "5 minutes ago", "3 hours ago", "2 days ago". */
    static String ago(Instant then, Instant now) {
        Duration d = Duration.between(then, now);
        if (d.toMinutes() < 1) {
            return "just now";
        }
        if (d.toHours() < 1) {
            return plural(d.toMinutes(), "minute") + " ago";
        }
        if (d.toDays() < 1) {
            return plural(d.toHours(), "hour") + " ago";
        }
        return plural(d.toDays(), "day") + " ago";
    }

    private static String plural(long n, String unit) {
        return n + " " + unit + (n == 1 ? "" : "s");
    }
}
