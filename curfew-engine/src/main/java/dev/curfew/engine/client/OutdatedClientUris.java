package dev.curfew.engine.client;

import dev.curfew.core.client.BackChannelLogoutUris;
import dev.curfew.core.client.Client;
import dev.curfew.core.client.RedirectUris;
import dev.curfew.core.realm.Realm;
import dev.curfew.core.session.Page;
import dev.curfew.core.store.Store;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stored client URIs that registration refuses today: redirect and post-logout URIs registered before the scheme
 * rules of {@link RedirectUris} (RFC 8252 §7.1 and §8.3), and http back-channel logout URIs of public clients. They
 * keep working, so that an upgrade never breaks an application's sign-in; the next change of that list through the
 * admin API must replace them. At start, each one is logged as a warning so the operator can fix it first.
 */
public final class OutdatedClientUris {
    private static final Logger LOG = LoggerFactory.getLogger(OutdatedClientUris.class);

    /** One URI of one client, and why registration would refuse it now. */
    public record Finding(String realm, String clientId, String field, String problem) {}

    private final Store store;

    public OutdatedClientUris(Store store) {
        this.store = store;
    }

    /** Every such URI of every realm's clients. */
    public List<Finding> find() {
        List<Finding> findings = new ArrayList<>();
        for (Realm realm : store.realms().list()) {
            for (int first = 0; ; first += Page.MAX_PAGE_SIZE) {
                List<Client> clients =
                        store.clients().list(realm.id(), Optional.empty(), new Page(first, Page.MAX_PAGE_SIZE));
                clients.forEach(c -> check(realm, c, findings));
                if (clients.size() < Page.MAX_PAGE_SIZE) {
                    break;
                }
            }
        }
        return findings;
    }

    /** Logs each finding as a warning. */
    public void warn() {
        for (Finding f : find()) {
            LOG.warn(
                    "Client '{}' of realm '{}' has a {} that registration refuses now ({}); it keeps working, and the"
                            + " next change of that list through the admin API must replace it",
                    f.clientId(),
                    f.realm(),
                    f.field(),
                    f.problem());
        }
    }

    private static void check(Realm realm, Client client, List<Finding> findings) {
        for (String uri : client.redirectUris()) {
            RedirectUris.problem(uri)
                    .ifPresent(p -> findings.add(new Finding(realm.name(), client.clientId(), "redirect URI", p)));
        }
        for (String uri : client.postLogoutRedirectUris()) {
            RedirectUris.problem(uri)
                    .ifPresent(p ->
                            findings.add(new Finding(realm.name(), client.clientId(), "post-logout redirect URI", p)));
        }
        client.backchannelLogoutUri()
                .filter(u -> client.publicClient())
                .flatMap(BackChannelLogoutUris::problemForPublicClient)
                .ifPresent(
                        p -> findings.add(new Finding(realm.name(), client.clientId(), "back-channel logout URI", p)));
    }
}
