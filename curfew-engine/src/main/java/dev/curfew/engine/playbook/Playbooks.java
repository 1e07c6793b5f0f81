package dev.curfew.engine.playbook;

import dev.curfew.core.group.Group;
import dev.curfew.core.group.GroupLifetimes;
import dev.curfew.core.realm.Realm;
import dev.curfew.core.realm.TwoFactorPolicy;
import dev.curfew.core.session.IpRange;
import dev.curfew.core.session.Page;
import dev.curfew.core.session.SessionFilter;
import dev.curfew.core.session.SessionQuery;
import dev.curfew.core.session.UserSession;
import dev.curfew.core.signout.Recurrence;
import dev.curfew.core.signout.SignOut;
import dev.curfew.core.signout.SignOutSchedule;
import dev.curfew.core.signout.SignOutScope;
import dev.curfew.core.store.Store;
import dev.curfew.core.user.RequiredAction;
import dev.curfew.core.user.User;
import dev.curfew.engine.audit.AuditLog;
import dev.curfew.engine.keys.KeyRotation;
import dev.curfew.engine.realm.Maintenance;
import dev.curfew.engine.realm.RealmAdministrators;
import dev.curfew.engine.realm.RealmService;
import dev.curfew.engine.signout.SignOutSchedules;
import dev.curfew.engine.signout.SignOutService;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The situations in which administrators sign sessions out, each as one guided action that chains the steps it
 * needs. A playbook only composes what the engine already does — every step goes through the same code as the
 * single call would, with its own audit entry — and adds a preview of the whole ({@code dryRun}: nothing changes)
 * and one audit entry for the run. Steps run in order and each commits on its own; a step that fails stops the
 * playbook, and what the steps before it did stays in force (the answer and the audit log say which).
 */
public final class Playbooks {
    /** The audit action of a playbook run. */
    public static final String AUDIT_ACTION = "playbook";

    private final Store store;
    private final SignOutService signOuts;
    private final KeyRotation keyRotation;
    private final RealmService realms;
    private final Maintenance maintenance;
    private final SignOutSchedules schedules;
    private final AuditLog audit;
    private final Clock clock;

    public Playbooks(
            Store store,
            SignOutService signOuts,
            SignOutSchedules schedules,
            KeyRotation keyRotation,
            RealmService realms,
            Maintenance maintenance,
            AuditLog audit,
            Clock clock) {
        this.store = store;
        this.signOuts = signOuts;
        this.schedules = schedules;
        this.clock = clock;
        this.keyRotation = keyRotation;
        this.realms = realms;
        this.maintenance = maintenance;
        this.audit = audit;
    }

    /** A maintenance window a playbook opens: until {@code end} (until cleared without one), with the message. */
    public record Pause(Optional<Instant> end, String message) {}

    /** What to do with the realm's signing keys in an incident. */
    public enum KeyChoice {
        /** Leave the keys alone. */
        KEEP,
        /** A new active key; the old ones verify until the tokens they signed expire. */
        ROTATE,
        /** A new active key; the old ones are retired at once, so every token they signed is refused. */
        ROTATE_AND_RETIRE
    }

    /**
     * Incident response: when asked, a maintenance window first (no new sign-in but the administrators' while the
     * incident is handled); the whole realm signed out (every session, refresh and access token); and, when asked,
     * the signing key rotated — retiring the old key also stops the tokens resource servers verify on their own.
     */
    public PlaybookRun incidentResponse(
            Realm realm, KeyChoice keys, Optional<Pause> pause, String reason, AuditLog.Actor actor, boolean dryRun) {
        Steps steps = new Steps("incident-response", realm, reason, actor, dryRun);
        pause.ifPresent(p -> {
            Map<String, Object> detail = ordered(
                    "message",
                    p.message(),
                    "end",
                    p.end().map(Instant::toString).orElse("until cleared"));
            steps.run("start-maintenance", detail, () -> {
                maintenance.set(realm, Optional.empty(), p.end(), p.message(), reason, actor);
                return new PlaybookStep("start-maintenance", PlaybookStep.DONE, detail);
            });
        });
        steps.signOut(new SignOutScope.Realm());
        if (keys != KeyChoice.KEEP) {
            boolean retire = keys == KeyChoice.ROTATE_AND_RETIRE;
            steps.run("rotate-key", Map.of("retireOld", retire), () -> {
                KeyRotation.Rotated rotated = keyRotation.rotate(realm, retire, reason, actor);
                Map<String, Object> detail = new LinkedHashMap<>();
                detail.put("retireOld", retire);
                detail.put("kid", rotated.key().kid());
                rotated.oldKeysVerifyUntil().ifPresent(until -> detail.put("oldKeysVerifyUntil", until.toString()));
                return new PlaybookStep("rotate-key", PlaybookStep.DONE, detail);
            });
        }
        return steps.finish();
    }

    /**
     * A migration or platform change: a maintenance window (no new sign-in but the administrators', with the
     * message), the whole realm signed out, so that every session is established again on the new platform, and the
     * realm's export taken in that quiet state: the step {@code export} says where to read it (Keycloak's
     * {@code partial-export} with users; it holds no secret) and what it holds now.
     */
    public PlaybookRun migration(Realm realm, Pause pause, String reason, AuditLog.Actor actor, boolean dryRun) {
        Steps steps = new Steps("migration", realm, reason, actor, dryRun);
        Map<String, Object> window = ordered(
                "message",
                pause.message(),
                "end",
                pause.end().map(Instant::toString).orElse("until cleared"));
        steps.run("start-maintenance", window, () -> {
            maintenance.set(realm, Optional.empty(), pause.end(), pause.message(), reason, actor);
            return new PlaybookStep("start-maintenance", PlaybookStep.DONE, window);
        });
        steps.signOut(new SignOutScope.Realm());
        Map<String, Object> export = ordered(
                "method",
                "POST",
                "path",
                "/admin/realms/" + realm.name()
                        + "/partial-export?exportClients=true&exportGroupsAndRoles=true&exportUsers=true");
        export.put("users", store.users().count(dev.curfew.core.store.UserQuery.all(realm.id(), Page.DEFAULT)));
        export.put("groups", store.groups().count(realm.id(), Optional.empty()));
        steps.add(new PlaybookStep("export", dryRun ? PlaybookStep.WOULD_RUN : PlaybookStep.DONE, export));
        return steps.finish();
    }

    /**
     * A high-risk period for a group (a phishing campaign against a department, an executive travelling): the
     * members' tokens made short-lived until {@code until} — after which the realm's lifetimes apply again by
     * themselves — and every session of the members signed out, so that all of them sign in again and get only
     * the short tokens.
     */
    public PlaybookRun highRiskPeriod(
            Realm realm,
            Group group,
            Duration accessTokenLifespan,
            Duration refreshTokenLifespan,
            Instant until,
            String reason,
            AuditLog.Actor actor,
            boolean dryRun) {
        Steps steps = new Steps("high-risk-period", realm, reason, actor, dryRun);
        Map<String, Object> shorter = ordered("group", group.name(), "groupId", group.id());
        shorter.put("accessTokenLifespan", accessTokenLifespan.toSeconds());
        shorter.put("refreshTokenLifespan", refreshTokenLifespan.toSeconds());
        shorter.put("until", until.toString());
        steps.run("shorten-token-lifetimes", shorter, () -> {
            store.groups()
                    .setLifetimes(new GroupLifetimes(
                            group.id(), accessTokenLifespan, refreshTokenLifespan, until, clock.instant()));
            return new PlaybookStep("shorten-token-lifetimes", PlaybookStep.DONE, shorter);
        });
        steps.signOut(new SignOutScope.Filter(SessionFilter.ALL.withGroupIds(Set.of(group.id()))));
        return steps.finish();
    }

    /**
     * Offboarding or suspension: each user disabled — so no new sign-in works — and signed out everywhere, which
     * tells every relying party (back-channel logout) and Shared Signals receiver.
     */
    public PlaybookRun offboarding(Realm realm, List<User> users, String reason, AuditLog.Actor actor, boolean dryRun) {
        Steps steps = new Steps("offboarding", realm, reason, actor, dryRun);
        for (User user : users) {
            Map<String, Object> who = ordered("username", user.username(), "userId", user.id());
            if (!user.enabled()) {
                steps.add(new PlaybookStep("disable-user", PlaybookStep.UNCHANGED, who));
            } else {
                steps.run("disable-user", who, () -> {
                    store.users().update(user.withEnabled(false));
                    return new PlaybookStep("disable-user", PlaybookStep.DONE, who);
                });
            }
            steps.signOut(new SignOutScope.User(user.id()));
        }
        return steps.finish();
    }

    /**
     * A lost or stolen device: the sessions that match what is known of it (the user, and its user agent or
     * network), ended; the user's other devices keep working.
     */
    public PlaybookRun lostDevice(
            Realm realm, SessionFilter device, String reason, AuditLog.Actor actor, boolean dryRun) {
        Steps steps = new Steps("lost-device", realm, reason, actor, dryRun);
        steps.signOut(new SignOutScope.Filter(device));
        return steps.finish();
    }

    /**
     * Enforcing two-factor authentication: the realm's policy set to {@code who}, then every session of a covered
     * user that was signed in without a code ({@code otp}) ended, so that each signs in again with one.
     */
    public PlaybookRun enforceTwoFactor(
            Realm realm, TwoFactorPolicy who, String reason, AuditLog.Actor actor, boolean dryRun) {
        Steps steps = new Steps("enforce-two-factor", realm, reason, actor, dryRun);
        TwoFactorPolicy before = realm.settings().twoFactorRequired();
        Map<String, Object> change = ordered("from", before.wireName(), "to", who.wireName());
        if (before == who) {
            steps.add(new PlaybookStep("set-two-factor-policy", PlaybookStep.UNCHANGED, change));
        } else {
            steps.run("set-two-factor-policy", change, () -> {
                realms.update(realm, realm.withSettings(realm.settings().withTwoFactorRequired(who)));
                return new PlaybookStep("set-two-factor-policy", PlaybookStep.DONE, change);
            });
        }
        SessionFilter withoutCode = SessionFilter.ALL.withAuthMethods(Set.of(), Set.of("otp"));
        switch (who) {
            case OFF -> {}
            case EVERYONE -> steps.signOut(new SignOutScope.Filter(withoutCode));
            case ADMINISTRATORS -> {
                Set<String> administrators = Set.copyOf(administratorsOf(realm));
                if (administrators.isEmpty()) {
                    steps.add(new PlaybookStep("sign-out", PlaybookStep.UNCHANGED, Map.of("affectedSessions", 0)));
                } else {
                    steps.signOut(new SignOutScope.Filter(withoutCode.withUserIds(administrators)));
                }
            }
        }
        return steps.finish();
    }

    /**
     * A system update: the sign-out planned for the maintenance window ({@code at}), of one application or of the
     * whole realm, so that everyone signs in again to the new version.
     */
    public PlaybookRun systemUpdate(
            Realm realm, SignOutScope scope, Instant at, String reason, AuditLog.Actor actor, boolean dryRun) {
        Steps steps = new Steps("system-update", realm, reason, actor, dryRun);
        Map<String, Object> detail = ordered("scope", scope.type(), "at", at.toString());
        steps.run("plan-sign-out", detail, () -> {
            SignOut planned = signOuts.schedule(realm, scope, reason, actor, Optional.empty(), at);
            Map<String, Object> done = new LinkedHashMap<>(detail);
            done.put("signOutId", planned.id());
            return new PlaybookStep("plan-sign-out", PlaybookStep.PLANNED, done);
        });
        return steps.finish();
    }

    /**
     * A password compromise: the users named by id (every user of the realm when none is named) must choose a new
     * password at their next sign-in ({@link RequiredAction#UPDATE_PASSWORD}), and their sessions end now, so that
     * whoever knows the old password is out and cannot come back with it.
     */
    public PlaybookRun passwordCompromise(
            Realm realm, Set<String> userIds, String reason, AuditLog.Actor actor, boolean dryRun) {
        Steps steps = new Steps("password-compromise", realm, reason, actor, dryRun);
        steps.requirePasswordChange(userIds);
        steps.signOut(
                userIds.isEmpty()
                        ? new SignOutScope.Realm()
                        : new SignOutScope.Filter(SessionFilter.ALL.withUserIds(userIds)));
        return steps.finish();
    }

    /**
     * Credential sharing: the user's sessions as they are, kept as evidence in the run's audit entry; those from
     * {@code from} (or all of them) signed out; and a new password required at the user's next sign-in.
     */
    public PlaybookRun credentialSharing(
            Realm realm, User user, Optional<IpRange> from, String reason, AuditLog.Actor actor, boolean dryRun) {
        Steps steps = new Steps("credential-sharing", realm, reason, actor, dryRun);
        List<Map<String, Object>> evidence = new ArrayList<>();
        for (UserSession s :
                store.sessions().find(SessionQuery.ofUser(realm.id(), user.id(), new Page(0, EVIDENCE_SESSIONS)))) {
            Map<String, Object> seen = new LinkedHashMap<>();
            seen.put("sessionId", s.id());
            seen.put("ipAddress", s.ipAddress());
            seen.put("userAgent", s.userAgent());
            seen.put("createdAt", s.createdAt().toString());
            seen.put("lastActiveAt", s.lastActiveAt().toString());
            evidence.add(seen);
        }
        steps.add(new PlaybookStep(
                "record-evidence",
                dryRun ? PlaybookStep.WOULD_RUN : PlaybookStep.DONE,
                ordered("username", user.username(), "sessions", evidence)));
        steps.signOut(new SignOutScope.Filter(
                SessionFilter.ALL.withUserIds(Set.of(user.id())).withIpRange(from)));
        steps.requirePasswordChange(Set.of(user.id()));
        return steps.finish();
    }

    /**
     * Compliance: a sign-out of {@code scope} on a schedule (every day or every week at a time, so that no session
     * outlives the period the policy allows), and a report of the sessions as they are at the run — how many, and
     * where to read them as CSV and as JSON (the session report, of the sessions that existed then).
     */
    public PlaybookRun compliance(
            Realm realm,
            SignOutScope scope,
            Recurrence recurrence,
            String reason,
            AuditLog.Actor actor,
            boolean dryRun) {
        Steps steps = new Steps("compliance", realm, reason, actor, dryRun);
        Instant now = clock.instant();
        Map<String, Object> plan = ordered("scope", scope.type(), "frequency", recurrence.frequency());
        recurrence.dayOfWeek().ifPresent(day -> plan.put("dayOfWeek", day.name()));
        plan.put("time", recurrence.time().toString());
        plan.put("nextRunAt", recurrence.next(now).toString());
        steps.run("schedule-sign-out", plan, () -> {
            SignOutSchedule created = schedules.create(realm, scope, reason, actor, recurrence);
            Map<String, Object> done = new LinkedHashMap<>(plan);
            done.put("scheduleId", created.id());
            done.put("nextRunAt", created.nextRunAt().toString());
            return new PlaybookStep("schedule-sign-out", PlaybookStep.PLANNED, done);
        });
        long sessions = store.sessions()
                .count(new SessionQuery(
                        realm.id(), SessionFilter.ALL.withCreatedBefore(Optional.of(now)), Page.DEFAULT));
        // The session report's own address, of the sessions that existed at this run: what an auditor downloads.
        String report = "/admin/realms/" + realm.name() + "/sessions/report?createdBefore=" + now.toEpochMilli();
        Map<String, Object> detail = ordered("sessions", sessions, "asOf", now.toString());
        detail.put("csv", report + "&format=csv");
        detail.put("json", report + "&format=json");
        steps.add(new PlaybookStep("sessions-report", dryRun ? PlaybookStep.WOULD_RUN : PlaybookStep.DONE, detail));
        return steps.finish();
    }

    /** How many of the user's sessions a credential-sharing run keeps as evidence, newest first. */
    static final int EVIDENCE_SESSIONS = 100;

    /**
     * The realm's users who hold a privilege that covers it: privileges are held by master-realm users, so in
     * {@code master} any grant counts, elsewhere a grant for that realm or for all realms (as the two-factor policy
     * reads it).
     */
    private List<String> administratorsOf(Realm realm) {
        return store.privileges().holders().stream()
                .filter(id -> store.users().findById(realm.id(), id).isPresent())
                .filter(id -> RealmAdministrators.isAdministrator(store, realm, id))
                .toList();
    }

    private static Map<String, Object> ordered(String k1, Object v1, String k2, Object v2) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put(k1, v1);
        map.put(k2, v2);
        return map;
    }

    /** The steps of one run as they happen, and its audit entry at the end. */
    private final class Steps {
        private final String playbook;
        private final Realm realm;
        private final String reason;
        private final AuditLog.Actor actor;
        private final boolean dryRun;
        private final List<PlaybookStep> done = new ArrayList<>();

        Steps(String playbook, Realm realm, String reason, AuditLog.Actor actor, boolean dryRun) {
            this.playbook = playbook;
            this.realm = realm;
            this.reason = reason;
            this.actor = actor;
            this.dryRun = dryRun;
        }

        void add(PlaybookStep step) {
            done.add(step);
        }

        /** Runs the step, or in a dry run records what it would do with {@code preview} as its detail. */
        void run(String action, Map<String, Object> preview, java.util.function.Supplier<PlaybookStep> step) {
            if (dryRun) {
                done.add(new PlaybookStep(action, PlaybookStep.WOULD_RUN, preview));
                return;
            }
            try {
                done.add(step.get());
            } catch (RuntimeException e) {
                recordRun(Optional.of(action + " failed: " + e.getClass().getSimpleName()));
                throw e;
            }
        }

        /** {@link RequiredAction#UPDATE_PASSWORD} for the users (every user of the realm when none is named). */
        void requirePasswordChange(Set<String> userIds) {
            Object users = userIds.isEmpty() ? "all" : userIds.size();
            run(
                    "require-password-change",
                    ordered("users", users, "action", RequiredAction.UPDATE_PASSWORD.name()),
                    () -> {
                        int added =
                                store.users().addRequiredAction(realm.id(), userIds, RequiredAction.UPDATE_PASSWORD);
                        Map<String, Object> detail =
                                ordered("users", users, "action", RequiredAction.UPDATE_PASSWORD.name());
                        detail.put("added", added);
                        return new PlaybookStep("require-password-change", PlaybookStep.DONE, detail);
                    });
        }

        /** A sign-out of the scope now; in a dry run, how many sessions it would end. */
        void signOut(SignOutScope scope) {
            SignOutService.Preview preview = signOuts.preview(realm, scope);
            Map<String, Object> previewed =
                    ordered("scope", scope.type(), "affectedSessions", preview.affectedSessions());
            run("sign-out", previewed, () -> {
                SignOut s = signOuts.signOut(realm, scope, reason, actor, Optional.empty(), n -> {});
                Map<String, Object> detail = new LinkedHashMap<>();
                detail.put("scope", scope.type());
                detail.put("signOutId", s.id());
                detail.put("status", s.status().name());
                // A realm, client or user sign-out is one cut-off: its sessions are counted as its clean-up
                // removes them, after the answer. What the scope held when it ran is known now.
                detail.put("sessionsInScope", preview.affectedSessions());
                detail.put("affectedSessions", s.affectedSessions());
                return new PlaybookStep("sign-out", PlaybookStep.DONE, detail);
            });
        }

        PlaybookRun finish() {
            if (!dryRun) {
                recordRun(Optional.empty());
            }
            return new PlaybookRun(playbook, dryRun, reason, done);
        }

        private void recordRun(Optional<String> failure) {
            Map<String, Object> detail = new LinkedHashMap<>();
            detail.put("playbook", playbook);
            detail.put("steps", done);
            failure.ifPresent(f -> detail.put("failure", f));
            store.inTransaction(tx -> audit.record(tx, realm.id(), actor, AUDIT_ACTION, reason, detail, done.size()));
        }
    }
}
