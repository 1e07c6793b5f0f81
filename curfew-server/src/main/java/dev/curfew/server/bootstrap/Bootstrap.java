package dev.curfew.server.bootstrap;

import dev.curfew.core.client.Client;
import dev.curfew.core.client.ClientIds;
import dev.curfew.core.privilege.Privilege;
import dev.curfew.core.privilege.PrivilegeGrant;
import dev.curfew.core.realm.Realm;
import dev.curfew.core.realm.RealmSettings;
import dev.curfew.core.user.User;
import dev.curfew.core.util.Secrets;
import dev.curfew.server.Services;
import java.util.Optional;

/**
 * First start: the master realm, the bootstrap administrator (holding {@code SYSTEM_ADMINISTRATOR} for
 * all realms) and the {@code admin-cli} public client, whose password grant exists for command-line
 * administration only. With {@code --demo}, also the demo realm. Runs at every start and creates only
 * what is missing.
 */
public final class Bootstrap {
    private final Services services;

    public Bootstrap(Services services) {
        this.services = services;
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

    public Result run() {
        boolean created = false;
        Optional<String> generated = Optional.empty();
        String adminUser = services.config().adminUser();
        Optional<Realm> existing = services.realms().find(Realm.MASTER);
        if (existing.isEmpty()) {
            Realm master =
                    services.realms().create(Realm.MASTER, "Curfew administration", true, RealmSettings.DEFAULTS);
            String password = services.config().adminPassword().orElseGet(Secrets::newSecret);
            if (services.config().adminPassword().isEmpty()) {
                generated = Optional.of(password);
            }
            User admin = services.users()
                    .create(
                            master,
                            adminUser,
                            Optional.empty(),
                            Optional.empty(),
                            Optional.empty(),
                            true,
                            Optional.of(password));
            services.store()
                    .privileges()
                    .grant(new PrivilegeGrant(admin.id(), Privilege.SYSTEM_ADMINISTRATOR, PrivilegeGrant.ALL_REALMS));
            Client adminCli = Client.create(
                            Secrets.newId(),
                            master.id(),
                            ClientIds.ADMIN_CLI,
                            true,
                            Optional.empty(),
                            services.clock().instant())
                    .toBuilder()
                    .name("Curfew command line")
                    .standardFlow(false)
                    .directAccessGrants(true)
                    .build();
            services.store().clients().create(adminCli);
            created = true;
        }
        Optional<DemoRealm.State> demo = Optional.empty();
        if (services.config().demo()) {
            demo = Optional.of(new DemoRealm(services).createOrDescribe());
        }
        return new Result(created, adminUser, generated, demo);
    }
}
