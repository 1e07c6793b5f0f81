package dev.curfew.store.jdbc;

import dev.curfew.core.password.PasswordRules;
import dev.curfew.core.realm.BruteForceSettings;
import dev.curfew.core.realm.Realm;
import dev.curfew.core.realm.RealmSettings;
import dev.curfew.core.realm.SessionLimits;
import dev.curfew.core.realm.SharingDetection;
import dev.curfew.core.realm.TwoFactorPolicy;
import dev.curfew.core.store.RealmStore;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.Update;

final class JdbcRealmStore implements RealmStore {
    private static final String SELECT = """
            SELECT id, name, display_name, enabled, access_token_lifespan, sso_session_idle_timeout,
                sso_session_max_lifespan, authorization_code_lifespan, signing_algorithm, not_before, created_at,
                brute_force_protected, permanent_lockout, failure_factor, wait_increment, max_failure_wait,
                max_delta_time, quick_login_check_ms, minimum_quick_login_wait, two_factor_required,
                max_sessions_per_user, max_sessions_per_user_client, sessions_exceeded, sharing_sessions,
                sharing_networks, password_policy
            FROM realms
            """;

    private static final String INSERT = """
            INSERT INTO realms (id, name, display_name, enabled, access_token_lifespan, sso_session_idle_timeout,
                sso_session_max_lifespan, authorization_code_lifespan, signing_algorithm, not_before, created_at,
                brute_force_protected, permanent_lockout, failure_factor, wait_increment, max_failure_wait,
                max_delta_time, quick_login_check_ms, minimum_quick_login_wait, two_factor_required,
                max_sessions_per_user, max_sessions_per_user_client, sessions_exceeded, sharing_sessions,
                sharing_networks, password_policy)
            VALUES (:id, :name, :displayName, :enabled, :accessTokenLifespan, :ssoSessionIdleTimeout,
                :ssoSessionMaxLifespan, :authorizationCodeLifespan, :signingAlgorithm, :notBefore, :createdAt,
                :bruteForceProtected, :permanentLockout, :failureFactor, :waitIncrement, :maxFailureWait,
                :maxDeltaTime, :quickLoginCheck, :minimumQuickLoginWait, :twoFactorRequired,
                :maxSessionsPerUser, :maxSessionsPerUserClient, :sessionsExceeded, :sharingSessions, :sharingNetworks,
                :passwordPolicy)
            """;

    /** Never moves the cut-off back ({@link NotBefore}), even when the record was read before a sign-out. */
    private static final String UPDATE = """
            UPDATE realms SET name = :name, display_name = :displayName, enabled = :enabled,
                access_token_lifespan = :accessTokenLifespan, sso_session_idle_timeout = :ssoSessionIdleTimeout,
                sso_session_max_lifespan = :ssoSessionMaxLifespan,
                authorization_code_lifespan = :authorizationCodeLifespan, signing_algorithm = :signingAlgorithm,
                brute_force_protected = :bruteForceProtected, permanent_lockout = :permanentLockout,
                failure_factor = :failureFactor, wait_increment = :waitIncrement, max_failure_wait = :maxFailureWait,
                max_delta_time = :maxDeltaTime, quick_login_check_ms = :quickLoginCheck,
                minimum_quick_login_wait = :minimumQuickLoginWait, two_factor_required = :twoFactorRequired,
                max_sessions_per_user = :maxSessionsPerUser,
                max_sessions_per_user_client = :maxSessionsPerUserClient, sessions_exceeded = :sessionsExceeded,
                sharing_sessions = :sharingSessions, sharing_networks = :sharingNetworks,
                password_policy = :passwordPolicy,
                not_before = CASE WHEN not_before IS NULL OR not_before < :notBefore THEN :notBefore ELSE not_before END
            WHERE id = :id
            """;

    private static final RowMapper<Realm> REALM = (rs, ctx) -> new Realm(
            rs.getString("id"),
            rs.getString("name"),
            rs.getString("display_name"),
            rs.getBoolean("enabled"),
            new RealmSettings(
                    Columns.duration(rs, "access_token_lifespan"),
                    Columns.duration(rs, "sso_session_idle_timeout"),
                    Columns.duration(rs, "sso_session_max_lifespan"),
                    Columns.duration(rs, "authorization_code_lifespan"),
                    rs.getString("signing_algorithm"),
                    new BruteForceSettings(
                            rs.getBoolean("brute_force_protected"),
                            rs.getBoolean("permanent_lockout"),
                            rs.getInt("failure_factor"),
                            Columns.duration(rs, "wait_increment"),
                            Columns.duration(rs, "max_failure_wait"),
                            Columns.duration(rs, "max_delta_time"),
                            Duration.ofMillis(rs.getLong("quick_login_check_ms")),
                            Columns.duration(rs, "minimum_quick_login_wait")),
                    TwoFactorPolicy.fromWireName(rs.getString("two_factor_required"))
                            .orElseThrow(() -> new IllegalStateException("unknown two_factor_required value")),
                    new SessionLimits(
                            rs.getInt("max_sessions_per_user"),
                            rs.getInt("max_sessions_per_user_client"),
                            SessionLimits.WhenExceeded.fromWireName(rs.getString("sessions_exceeded"))
                                    .orElseThrow(() -> new IllegalStateException("unknown sessions_exceeded value"))),
                    new SharingDetection(rs.getInt("sharing_sessions"), rs.getInt("sharing_networks")),
                    PasswordRules.parse(rs.getString("password_policy"))),
            Columns.optionalInstant(rs, "not_before"),
            Columns.instant(rs, "created_at"));

    private final Handles handles;

    JdbcRealmStore(Handles handles) {
        this.handles = handles;
    }

    @Override
    public void create(Realm realm) {
        Duplicates.translate(
                () -> handles.withHandle(h -> bind(h.createUpdate(INSERT), realm)
                        .bind("createdAt", Columns.millis(realm.createdAt()))
                        .execute()),
                alreadyExists(realm));
    }

    @Override
    public Optional<Realm> findByName(String name) {
        return handles.withHandle(h -> h.createQuery(SELECT + " WHERE name = :name")
                .bind("name", name)
                .map(REALM)
                .findOne());
    }

    @Override
    public Optional<Realm> findById(String id) {
        return handles.withHandle(h -> findById(h, id));
    }

    @Override
    public List<Realm> list() {
        return handles.withHandle(
                h -> h.createQuery(SELECT + " ORDER BY name").map(REALM).list());
    }

    /**
     * Privilege grants name their realm ({@code docs/operator-guide.md}, "Privileges"), so a renamed realm takes its grants along:
     * its administrators keep it, and a new realm given the old name does not inherit them.
     */
    @Override
    public boolean update(Realm realm) {
        return Duplicates.translate(
                () -> handles.inTransaction(h -> {
                    Optional<Realm> before = findById(h, realm.id());
                    if (before.isEmpty()) {
                        return false;
                    }
                    bind(h.createUpdate(UPDATE), realm).execute();
                    String oldName = before.get().name();
                    if (!oldName.equals(realm.name())) {
                        h.createUpdate("UPDATE privilege_grants SET realm = :newName WHERE realm = :oldName")
                                .bind("newName", realm.name())
                                .bind("oldName", oldName)
                                .execute();
                    }
                    return true;
                }),
                alreadyExists(realm));
    }

    /** Cascades to everything in the realm (see V1__schema.sql); its privilege grants go too, as on rename. */
    @Override
    public boolean delete(String id) {
        return handles.inTransaction(h -> {
            Optional<Realm> realm = findById(h, id);
            if (realm.isEmpty()) {
                return false;
            }
            h.createUpdate("DELETE FROM privilege_grants WHERE realm = :name")
                    .bind("name", realm.get().name())
                    .execute();
            return h.createUpdate("DELETE FROM realms WHERE id = :id")
                            .bind("id", id)
                            .execute()
                    > 0;
        });
    }

    /** Only moves the cut-off forward ({@link NotBefore}). */
    @Override
    public void setNotBefore(String realmId, Instant cutOff) {
        handles.useHandle(h -> NotBefore.update(h, "realms", "id = :id", cutOff)
                .bind("id", realmId)
                .execute());
    }

    private static Optional<Realm> findById(Handle h, String id) {
        return h.createQuery(SELECT + " WHERE id = :id")
                .bind("id", id)
                .map(REALM)
                .findOne();
    }

    private static Update bind(Update update, Realm realm) {
        RealmSettings settings = realm.settings();
        return update.bind("id", realm.id())
                .bind("name", realm.name())
                .bind("displayName", realm.displayName())
                .bind("enabled", realm.enabled())
                .bind("accessTokenLifespan", settings.accessTokenLifespan().toSeconds())
                .bind("ssoSessionIdleTimeout", settings.ssoSessionIdleTimeout().toSeconds())
                .bind("ssoSessionMaxLifespan", settings.ssoSessionMaxLifespan().toSeconds())
                .bind(
                        "authorizationCodeLifespan",
                        settings.authorizationCodeLifespan().toSeconds())
                .bind("signingAlgorithm", settings.signingAlgorithm())
                .bind("bruteForceProtected", settings.bruteForce().enabled())
                .bind("permanentLockout", settings.bruteForce().permanentLockout())
                .bind("failureFactor", settings.bruteForce().failureFactor())
                .bind("waitIncrement", settings.bruteForce().waitIncrement().toSeconds())
                .bind("maxFailureWait", settings.bruteForce().maxFailureWait().toSeconds())
                .bind("maxDeltaTime", settings.bruteForce().maxDeltaTime().toSeconds())
                .bind("quickLoginCheck", settings.bruteForce().quickLoginCheck().toMillis())
                .bind(
                        "minimumQuickLoginWait",
                        settings.bruteForce().minimumQuickLoginWait().toSeconds())
                .bind("twoFactorRequired", settings.twoFactorRequired().wireName())
                .bind("maxSessionsPerUser", settings.sessionLimits().maxPerUser())
                .bind("maxSessionsPerUserClient", settings.sessionLimits().maxPerUserPerClient())
                .bind(
                        "sessionsExceeded",
                        settings.sessionLimits().whenExceeded().wireName())
                .bind("sharingSessions", settings.sharingDetection().concurrentSessions())
                .bind("sharingNetworks", settings.sharingDetection().distinctNetworks())
                .bind("passwordPolicy", settings.passwordRules().toString())
                .bind("notBefore", Columns.millis(realm.notBefore()));
    }

    private static String alreadyExists(Realm realm) {
        return "a realm named '" + realm.name() + "' already exists";
    }
}
