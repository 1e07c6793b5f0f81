package dev.curfew.store.jdbc;

import static dev.curfew.store.jdbc.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.curfew.core.realm.Realm;
import dev.curfew.core.realm.RealmSettings;
import dev.curfew.core.session.IpRange;
import dev.curfew.core.session.Page;
import dev.curfew.core.session.SessionFilter;
import dev.curfew.core.session.SessionQuery;
import dev.curfew.core.session.UserSession;
import dev.curfew.core.store.Store;
import dev.curfew.core.user.User;
import dev.curfew.store.Database;
import dev.curfew.store.DatabaseConfig;
import java.util.Optional;
import java.util.Set;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

@DisplayName("Migration 12: client addresses stored before version 12 are rewritten in canonical text")
class CanonicalIpMigrationTest {

    @ParameterizedTest
    @EnumSource(Backend.class)
    @DisplayName("regression: an IPv6 session stored as [0:0:0:0:0:0:0:1] matched no IP filter")
    void storedAddressesBecomeCanonicalAndFilterable(Backend backend) {
        DatabaseConfig config = compatible(backend.newDatabase());
        Flyway.configure(getClass().getClassLoader())
                .dataSource(config.jdbcUrl(), config.username(), config.password())
                .locations("classpath:db/migration")
                .target("11")
                .load()
                .migrate();
        // Rows as version 11 wrote them, through its own store code (the bracketed address gets an empty key).
        Jdbi jdbi = Jdbi.create(config.jdbcUrl(), config.username(), config.password());
        Store before = new JdbcStore(jdbi);
        Fixtures given = new Fixtures(before);
        Realm realm = Fixtures.newRealm("acme");
        insertRealm(jdbi, realm);
        User alice = given.user(realm, "alice");
        UserSession loopback = session(before, alice, "[0:0:0:0:0:0:0:1]");
        UserSession mapped = session(before, alice, "::FFFF:192.0.2.1");
        UserSession proxied = session(before, alice, "2001:0DB8:0:0:0:0:0:1");
        UserSession unknown = session(before, alice, "unknown");
        UserSession v4 = session(before, alice, "198.51.100.7");
        insertSignOut(jdbi, realm, "[0:0:0:0:0:0:0:1]");

        try (Database database = Database.open(config)) {
            Store store = database.store();

            assertThat(address(store, loopback)).isEqualTo("::1");
            assertThat(address(store, mapped)).isEqualTo("192.0.2.1");
            assertThat(address(store, proxied)).isEqualTo("2001:db8::1");
            assertThat(address(store, unknown)).isEqualTo("unknown");
            assertThat(address(store, v4)).isEqualTo("198.51.100.7");
            assertThat(store.signOuts().find(realm.id(), "so-1").orElseThrow().sourceIp())
                    .isEqualTo("::1");

            assertThat(count(store, realm, "::1")).isEqualTo(1);
            assertThat(count(store, realm, "::1/128")).isEqualTo(1);
            assertThat(count(store, realm, "2001:db8::/32")).isEqualTo(1);
            assertThat(count(store, realm, "192.0.2.0/24")).isEqualTo(1);
            // IPv4 addresses are IPv4-mapped IPv6 addresses, inside ::/0 too; "unknown" is no address.
            assertThat(count(store, realm, "::/0")).isEqualTo(4);
        }
    }

    /** The URL {@link Database#open} would use: H2 in its PostgreSQL mode, kept while connections close. */
    private static DatabaseConfig compatible(DatabaseConfig config) {
        if (!config.jdbcUrl().startsWith("jdbc:h2:")) {
            return config;
        }
        return DatabaseConfig.of(
                config.jdbcUrl() + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH",
                config.username(),
                config.password());
    }

    private static UserSession session(Store store, User user, String ip) {
        UserSession session = Fixtures.newSession(user, T0, T0, ip, "Mozilla/5.0", Set.of("pwd"));
        store.sessions().create(session);
        return session;
    }

    private static String address(Store store, UserSession session) {
        return store.sessions().findById(session.id()).orElseThrow().ipAddress();
    }

    private static long count(Store store, Realm realm, String range) {
        SessionFilter filter = SessionFilter.ALL.withIpRange(Optional.of(IpRange.parse(range)));
        return store.sessions().count(new SessionQuery(realm.id(), filter, Page.DEFAULT));
    }

    /** A realm row in version 11's columns (those version 11 added have defaults): today's store code writes more. */
    private static void insertRealm(Jdbi jdbi, Realm realm) {
        RealmSettings settings = realm.settings();
        jdbi.useHandle(h -> h.createUpdate("""
                        INSERT INTO realms (id, name, display_name, enabled, access_token_lifespan,
                            sso_session_idle_timeout, sso_session_max_lifespan, authorization_code_lifespan,
                            signing_algorithm, created_at)
                        VALUES (:id, :name, :displayName, TRUE, :accessTokenLifespan, :ssoSessionIdleTimeout,
                            :ssoSessionMaxLifespan, :authorizationCodeLifespan, :signingAlgorithm, :at)
                        """)
                .bind("id", realm.id())
                .bind("name", realm.name())
                .bind("displayName", realm.displayName())
                .bind("accessTokenLifespan", settings.accessTokenLifespan().toSeconds())
                .bind("ssoSessionIdleTimeout", settings.ssoSessionIdleTimeout().toSeconds())
                .bind("ssoSessionMaxLifespan", settings.ssoSessionMaxLifespan().toSeconds())
                .bind(
                        "authorizationCodeLifespan",
                        settings.authorizationCodeLifespan().toSeconds())
                .bind("signingAlgorithm", settings.signingAlgorithm())
                .bind("at", T0.toEpochMilli())
                .execute());
    }

    /** A sign-out row in version 11's columns: today's store code writes columns added later. */
    private static void insertSignOut(Jdbi jdbi, Realm realm, String sourceIp) {
        jdbi.useHandle(h -> h.createUpdate("""
                        INSERT INTO sign_outs (id, realm_id, scope_type, scope_detail, reason, actor_id,
                            actor_username, privilege, request_id, source_ip, affected_sessions, status, created_at,
                            completed_at)
                        VALUES ('so-1', :realmId, 'session', '{}', 'incident 7', 'admin-id', 'admin',
                            'AUTH_ADMINISTRATOR', 'req-1', :sourceIp, 0, 'COMPLETED', :at, :at)
                        """)
                .bind("realmId", realm.id())
                .bind("sourceIp", sourceIp)
                .bind("at", T0.toEpochMilli())
                .execute());
    }
}
