package dev.curfew.server.bootstrap;

import dev.curfew.core.client.Client;
import dev.curfew.core.client.ClientIds;
import dev.curfew.core.privilege.Privilege;
import dev.curfew.core.privilege.PrivilegeGrant;
import dev.curfew.core.realm.Realm;
import dev.curfew.core.realm.RealmSettings;
import dev.curfew.core.store.Store;
import dev.curfew.core.user.User;
import dev.curfew.core.util.Secrets;
import dev.curfew.engine.realm.RealmService;
import dev.curfew.engine.user.UserService;
import dev.curfew.server.config.CurfewConfig;
import java.time.Clock;
import java.util.Optional;

/**
 * First start: the master realm, the bootstrap administrator (holding {@code SYSTEM_ADMINISTRATOR} for
 * all realms) and the {@code admin-cli} public client, whose password grant exists for command-line
 * administration only. With {@code --demo}, also the demo realm. Runs at every start and creates only
 * what is missing.
 */
public final class Bootstrap {
    private final CurfewConfig config;
    private final Store store;
    private final Clock clock;
    private final RealmService realms;
    private final UserService users;

    public Bootstrap(CurfewConfig config, Store store, Clock clock, RealmService realms, UserService users) {
        this.config = config;
        this.store = store;
        this.clock = clock;
        this.realms = realms;
        this.users = users;
    }

    /**
     * What the first start created. {@code generatedPassword} is present only when Curfew made up the
     * administrator's password: it is shown once and stored only as a hash. {@code demo} is present with
     * {@code --demo}: the realm just created, or the one an earlier start created.
     */
    public record Result(
            boolean createdMaster,
            String adminUser,
            Optional<String> generatedPassword,
            Optional<DemoRealm.State> demo) {}

    /**
     * How many realms a first start creates, each with a new signing key: the master realm, and the demo realm with
     * {@code --demo}. A start asks before its database opens, to have their keys generated meanwhile.
     */
    public static int realmsOfAFirstStart(CurfewConfig config) {
        return config.demo() ? 2 : 1;
    }

    /** Creates what is missing, with {@code passwords} for the users it creates. */
    public Result run(FirstStartPasswords passwords) {
        boolean created = false;
        Optional<String> generated = Optional.empty();
        String adminUser = config.adminUser();
        Optional<Realm> existing = realms.find(Realm.MASTER);
        if (existing.isEmpty()) {
            Realm master = realms.create(Realm.MASTER, "Curfew administration", true, RealmSettings.DEFAULTS);
            String password = passwords.admin();
            if (passwords.adminGenerated()) {
                generated = Optional.of(password);
            }
            User admin = users.create(
                    master,
                    adminUser,
                    Optional.empty(),
                    Optional.empty(),
                    Optional.empty(),
                    true,
                    Optional.of(password),
                    passwords.hashOf(password));
            store.privileges()
                    .grant(new PrivilegeGrant(admin.id(), Privilege.SYSTEM_ADMINISTRATOR, PrivilegeGrant.ALL_REALMS));
            Client adminCli = Client.create(
                            Secrets.newId(), master.id(), ClientIds.ADMIN_CLI, true, Optional.empty(), clock.instant())
                    .toBuilder()
                    .name("Curfew command line")
                    .standardFlow(false)
                    .directAccessGrants(true)
                    .build();
            store.clients().create(adminCli);
            created = true;
        }
        Optional<DemoRealm.State> demo = Optional.empty();
        if (config.demo()) {
            demo = Optional.of(new DemoRealm(store, clock, realms, users).createOrDescribe(passwords));
        }
        return new Result(created, adminUser, generated, demo);
    }
}
