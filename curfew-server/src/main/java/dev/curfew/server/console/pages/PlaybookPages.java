package dev.curfew.server.console.pages;

import com.fasterxml.jackson.databind.JsonNode;
import dev.curfew.server.console.ConsoleRequest;
import dev.curfew.server.console.api.ApiException;
import dev.curfew.server.console.view.ConsoleAccess;
import dev.curfew.server.console.view.FieldErrors;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/**
 * The realm's playbooks ({@code docs/playbooks.md}): one form each, with the fields the playbook takes, a mandatory
 * reason, Preview (the API's dry run, which changes nothing) and Run (after a tick to confirm). The answer's steps
 * are shown on the same page. The API checks the privilege; the page only leaves out what the administrator may
 * not run.
 */
public final class PlaybookPages {

    /** One field of a playbook's form; {@code options} make it a choice, the first being the default. */
    public record Field(String name, String label, String hint, List<String> options) {
        static Field text(String name, String label, String hint) {
            return new Field(name, label, hint, List.of());
        }

        static Field choice(String name, String label, String hint, String... options) {
            return new Field(name, label, hint, List.of(options));
        }

        public boolean isChoice() {
            return !options.isEmpty();
        }

        /** The part of the element id after the playbook's name: the field's name with {@code -} for {@code .}. */
        public String id() {
            return name.replace('.', '-');
        }
    }

    /** A playbook as the page offers it. */
    public record Playbook(
            String name, String title, String situation, List<Field> fields, Predicate<ConsoleAccess> allowed) {}

    /** What the form held when it was sent, and what came of it. */
    public record Sent(String playbook, Map<String, String> values, FieldErrors errors, Optional<JsonNode> run) {
        public String value(String field) {
            return values.getOrDefault(field, "");
        }

        /** The value shown for a field of {@code name}'s form: what was sent, when it was that form. */
        public String valueFor(String name, String field) {
            return playbook.equals(name) ? value(field) : "";
        }

        public FieldErrors errorsFor(String name) {
            return playbook.equals(name) ? errors : FieldErrors.NONE;
        }
    }

    static final List<Playbook> PLAYBOOKS = List.of(
            new Playbook(
                    "incident-response",
                    "Incident response",
                    "A breach or suspicious activity: sign out every session of the realm, and rotate the signing key"
                            + " if it may have leaked.",
                    List.of(Field.choice(
                            "rotateKey",
                            "Signing key",
                            "retire-old: every token the old key signed is refused at once, also by resource servers",
                            "no",
                            "keep-old",
                            "retire-old")),
                    ConsoleAccess::editRealm),
            new Playbook(
                    "offboarding",
                    "Offboarding or suspension",
                    "An employee leaves or an account is suspended: disable each user and sign them out everywhere.",
                    List.of(Field.text("usernames", "Usernames", "Separated by spaces or commas")),
                    ConsoleAccess::editUsers),
            new Playbook(
                    "lost-device",
                    "Lost or stolen device",
                    "Sign out one user's sessions on that device; their other devices keep working.",
                    List.of(
                            Field.text("username", "Username", ""),
                            Field.text("userAgent", "User agent contains", "e.g. iPhone"),
                            Field.text("ip", "IP address or network", "e.g. 203.0.113.7 or 203.0.113.0/24")),
                    ConsoleAccess::signOut),
            new Playbook(
                    "enforce-two-factor",
                    "Enforce two-factor authentication",
                    "Require a code at sign-in and sign out every session that was signed in without one.",
                    List.of(Field.choice("who", "Who must use two-factor", "", "everyone", "administrators")),
                    ConsoleAccess::editRealm),
            new Playbook(
                    "system-update",
                    "System or application update",
                    "Plan a sign-out for the maintenance window, of one application or of the whole realm.",
                    List.of(
                            Field.text("at", "Window starts (UTC)", "RFC 3339, e.g. 2026-12-24T02:00:00Z"),
                            Field.text("clientId", "Application (clientId)", "Empty: the whole realm")),
                    ConsoleAccess::signOut),
            new Playbook(
                    "password-compromise",
                    "Password compromise",
                    "Passwords leaked: the users must choose a new password at their next sign-in, and are signed out"
                            + " now.",
                    List.of(Field.text("usernames", "Usernames", "Separated by spaces or commas")),
                    ConsoleAccess::editRealm),
            new Playbook(
                    "credential-sharing",
                    "Credential sharing",
                    "One account used by several people: keep its sessions as evidence, sign out those from the"
                            + " unexpected network, and require a new password.",
                    List.of(
                            Field.text("username", "Username", ""),
                            Field.text("ip", "Network to sign out", "e.g. 198.51.100.0/24; empty: every session")),
                    ConsoleAccess::editRealm),
            new Playbook(
                    "compliance",
                    "Audits and compliance",
                    "A policy limits how long sessions live: sign out on a schedule, and report the sessions of this"
                            + " moment for the record.",
                    List.of(
                            Field.choice("recurrence.frequency", "How often", "", "weekly", "daily"),
                            Field.choice(
                                    "recurrence.dayOfWeek",
                                    "Day (weekly)",
                                    "",
                                    "SUNDAY",
                                    "MONDAY",
                                    "TUESDAY",
                                    "WEDNESDAY",
                                    "THURSDAY",
                                    "FRIDAY",
                                    "SATURDAY"),
                            Field.text("recurrence.time", "Time of day (UTC)", "HH:MM, e.g. 02:00"),
                            Field.text("scope.clientId", "Application (clientId)", "Empty: the whole realm")),
                    ConsoleAccess::signOut),
            new Playbook(
                    "migration",
                    "Migration or platform change",
                    "Pause sign-ins with a message, sign out the whole realm, then download its export (no secrets)"
                            + " to set up the new platform.",
                    List.of(
                            Field.text("maintenance.message", "Message for users", "e.g. Moving to the new platform"),
                            Field.text(
                                    "maintenance.end",
                                    "Sign-ins resume at (UTC)",
                                    "RFC 3339, e.g. 2026-12-24T06:00:00Z; empty: until you end it")),
                    ConsoleAccess::editRealm),
            new Playbook(
                    "high-risk-period",
                    "High-risk period for a group",
                    "A phishing campaign against a department, a trip: sign out the group and give its members"
                            + " short-lived tokens until the end; then the realm's lifetimes apply again by themselves.",
                    List.of(
                            Field.text("group", "Group", "Its name, e.g. Finance"),
                            Field.text("until", "Ends at (UTC)", "RFC 3339, e.g. 2026-12-31T00:00:00Z"),
                            Field.text("accessTokenLifespan", "Access tokens live (seconds)", "Empty: 60"),
                            Field.text("refreshTokenLifespan", "Refresh tokens live (seconds)", "Empty: 900")),
                    ConsoleAccess::editRealm));

    /** GET {@code .../playbooks}. */
    public void show(ConsoleRequest r) {
        render(r, 200, new Sent("", Map.of(), FieldErrors.NONE, Optional.empty()));
    }

    /** POST {@code .../playbooks/{name}}: Preview (a dry run) or Run, then the page again with the steps. */
    public void run(ConsoleRequest r) {
        String name = r.ctx().pathParam("name");
        Playbook playbook = PLAYBOOKS.stream()
                .filter(p -> p.name().equals(name))
                .findFirst()
                .orElseThrow(() -> new ApiException(404, "Not found", "No playbook named " + name, List.of()));
        Map<String, String> values = new LinkedHashMap<>();
        values.put("reason", r.form("reason"));
        playbook.fields().forEach(f -> values.put(f.name(), r.form(f.name())));
        boolean preview = !r.form("action").equals("run");
        FieldErrors errors = FieldErrors.NONE;
        if (values.get("reason").isBlank()) {
            errors = errors.with("reason", "Give a reason: it is recorded in the audit log.");
        }
        if (!preview && !r.form("confirm").equals("yes")) {
            errors = errors.with("confirm", "Tick the confirmation to run the playbook.");
        }
        if (errors.any()) {
            render(r, 400, new Sent(name, values, errors, Optional.empty()));
            return;
        }
        try {
            JsonNode run = r.post(r.api("/playbooks/" + name), body(playbook, values, preview));
            render(r, 200, new Sent(name, values, FieldErrors.NONE, Optional.of(run)));
        } catch (ApiException e) {
            if (e.status() != 400) {
                throw e;
            }
            render(r, 400, new Sent(name, values, FieldErrors.refused(e, formField()), Optional.empty()));
        }
    }

    /**
     * POST {@code .../export}: the realm's export (clients, groups, users; no secret) as a file to save, after a
     * migration run or at any time. The admin API checks the privilege and audits it.
     */
    public void export(ConsoleRequest r) {
        JsonNode export = r.post(
                r.api("/partial-export?exportClients=true&exportGroupsAndRoles=true&exportUsers=true&reason="
                        + java.net.URLEncoder.encode(
                                "Downloaded from the admin console", java.nio.charset.StandardCharsets.UTF_8)),
                Map.of());
        r.ctx().header("Content-Disposition", "attachment; filename=\"realm-" + r.realm() + ".json\"");
        r.ctx().contentType("application/json");
        // Bytes, not a string, which Javalin would encode in the response's charset: JSON is UTF-8 (RFC 8259 §8.1).
        r.ctx().result(export.toPrettyString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /** The API's field names are the form's, except the list of usernames. */
    private static UnaryOperator<String> formField() {
        return field -> field.startsWith("usernames") ? "usernames" : field;
    }

    private static Map<String, Object> body(Playbook playbook, Map<String, String> values, boolean dryRun) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("reason", values.get("reason"));
        body.put("dryRun", dryRun);
        for (Field f : playbook.fields()) {
            String value = values.get(f.name()).strip();
            if (value.isEmpty()) {
                continue;
            }
            int dot = f.name().indexOf('.');
            if (dot > 0) {
                // A field of an object: recurrence.time, scope.clientId.
                @SuppressWarnings("unchecked")
                Map<String, Object> object = (Map<String, Object>)
                        body.computeIfAbsent(f.name().substring(0, dot), k -> new LinkedHashMap<String, Object>());
                object.put(f.name().substring(dot + 1), value);
            } else if (f.name().equals("usernames")) {
                body.put(
                        "usernames",
                        Arrays.stream(value.split("[\\s,]+"))
                                .filter(s -> !s.isBlank())
                                .toList());
            } else {
                body.put(f.name(), value);
            }
        }
        // A daily recurrence has no day; a scope named by its application is a client scope.
        if (body.get("recurrence") instanceof Map<?, ?> recurrence && "daily".equals(recurrence.get("frequency"))) {
            recurrence.remove("dayOfWeek");
        }
        if (body.get("scope") instanceof Map<?, ?> scope) {
            @SuppressWarnings("unchecked")
            Map<String, Object> client = (Map<String, Object>) scope;
            client.put("type", "client");
        }
        return body;
    }

    /** A step's detail as one line: {@code scope realm, affectedSessions 6}. */
    public static String describe(JsonNode detail) {
        List<String> parts = new ArrayList<>();
        detail.properties()
                .forEach(e -> parts.add(e.getKey() + " " + e.getValue().asText()));
        return String.join(", ", parts);
    }

    private static void render(ConsoleRequest r, int status, Sent sent) {
        List<Playbook> allowed = new ArrayList<>();
        for (Playbook p : PLAYBOOKS) {
            if (p.allowed().test(r.access())) {
                allowed.add(p);
            }
        }
        Map<String, Object> model = new HashMap<>();
        model.put("playbooks", allowed);
        model.put("sent", sent);
        r.render(status, "console/playbooks.jte", r.frame("Playbooks", "playbooks"), model);
    }
}
