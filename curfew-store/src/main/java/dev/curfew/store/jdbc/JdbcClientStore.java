package dev.curfew.store.jdbc;

import dev.curfew.core.client.Client;
import dev.curfew.core.session.Page;
import dev.curfew.core.store.ClientStore;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.Query;
import org.jdbi.v3.core.statement.Update;

final class JdbcClientStore implements ClientStore {
    private static final String SELECT = """
            SELECT id, realm_id, client_id, name, enabled, public_client, secret_hash, redirect_uris,
                post_logout_redirect_uris, standard_flow, direct_access_grants, service_accounts,
                access_token_lifespan, not_before, created_at, backchannel_logout_uri,
                backchannel_logout_session_required, ssf_receiver
            FROM clients
            """;

    private static final String INSERT = """
            INSERT INTO clients (id, realm_id, client_id, name, enabled, public_client, secret_hash, redirect_uris,
                post_logout_redirect_uris, standard_flow, direct_access_grants, service_accounts,
                access_token_lifespan, not_before, created_at, backchannel_logout_uri,
                backchannel_logout_session_required, ssf_receiver)
            VALUES (:id, :realmId, :clientId, :name, :enabled, :publicClient, :secretHash, :redirectUris,
                :postLogoutRedirectUris, :standardFlow, :directAccessGrants, :serviceAccounts,
                :accessTokenLifespan, :notBefore, :createdAt, :backchannelLogoutUri, :backchannelLogoutSessionRequired,
                :ssfReceiver)
            """;

    /** Never moves the cut-off back ({@link NotBefore}), even when the record was read before a sign-out. */
    private static final String UPDATE = """
            UPDATE clients SET client_id = :clientId, name = :name, enabled = :enabled, public_client = :publicClient,
                secret_hash = :secretHash, redirect_uris = :redirectUris,
                post_logout_redirect_uris = :postLogoutRedirectUris, standard_flow = :standardFlow,
                direct_access_grants = :directAccessGrants, service_accounts = :serviceAccounts,
                access_token_lifespan = :accessTokenLifespan, backchannel_logout_uri = :backchannelLogoutUri,
                backchannel_logout_session_required = :backchannelLogoutSessionRequired, ssf_receiver = :ssfReceiver,
                not_before = CASE WHEN not_before IS NULL OR not_before < :notBefore THEN :notBefore ELSE not_before END
            WHERE realm_id = :realmId AND id = :id
            """;

    private static final RowMapper<Client> CLIENT = (rs, ctx) -> new Client(
            rs.getString("id"),
            rs.getString("realm_id"),
            rs.getString("client_id"),
            rs.getString("name"),
            rs.getBoolean("enabled"),
            rs.getBoolean("public_client"),
            Columns.optionalString(rs, "secret_hash"),
            Columns.lines(rs, "redirect_uris"),
            Columns.lines(rs, "post_logout_redirect_uris"),
            rs.getBoolean("standard_flow"),
            rs.getBoolean("direct_access_grants"),
            rs.getBoolean("service_accounts"),
            Columns.optionalDuration(rs, "access_token_lifespan"),
            Columns.optionalInstant(rs, "not_before"),
            Columns.instant(rs, "created_at"),
            Columns.optionalString(rs, "backchannel_logout_uri"),
            rs.getBoolean("backchannel_logout_session_required"),
            rs.getBoolean("ssf_receiver"));

    private final Handles handles;

    JdbcClientStore(Handles handles) {
        this.handles = handles;
    }

    @Override
    public void create(Client client) {
        Duplicates.translate(
                () -> handles.withHandle(h -> bind(h.createUpdate(INSERT), client)
                        .bind("createdAt", Columns.millis(client.createdAt()))
                        .execute()),
                alreadyExists(client));
    }

    @Override
    public Optional<Client> findById(String realmId, String id) {
        return handles.withHandle(h -> h.createQuery(SELECT + " WHERE realm_id = :realmId AND id = :id")
                .bind("realmId", realmId)
                .bind("id", id)
                .map(CLIENT)
                .findOne());
    }

    @Override
    public Optional<Client> findByClientId(String realmId, String clientId) {
        return handles.withHandle(h -> h.createQuery(SELECT + " WHERE realm_id = :realmId AND client_id = :clientId")
                .bind("realmId", realmId)
                .bind("clientId", clientId)
                .map(CLIENT)
                .findOne());
    }

    @Override
    public List<Client> list(String realmId, Optional<String> clientIdFilter, Page page) {
        String where = " WHERE realm_id = :realmId" + (clientIdFilter.isPresent() ? " AND client_id = :clientId" : "");
        return handles.withHandle(h -> {
            Query query = h.createQuery(SELECT + where + " ORDER BY client_id LIMIT :max OFFSET :first")
                    .bind("realmId", realmId)
                    .bind("max", page.max())
                    .bind("first", page.first());
            clientIdFilter.ifPresent(clientId -> query.bind("clientId", clientId));
            return query.map(CLIENT).list();
        });
    }

    @Override
    public boolean update(Client client) {
        return Duplicates.translate(
                        () -> handles.withHandle(
                                h -> bind(h.createUpdate(UPDATE), client).execute()),
                        alreadyExists(client))
                > 0;
    }

    /** Cascades to the client's client sessions, codes and refresh tokens. */
    @Override
    public boolean delete(String realmId, String id) {
        return handles.withHandle(h -> h.createUpdate("DELETE FROM clients WHERE realm_id = :realmId AND id = :id")
                        .bind("realmId", realmId)
                        .bind("id", id)
                        .execute())
                > 0;
    }

    /** Only moves the cut-off forward ({@link NotBefore}). */
    @Override
    public void setNotBefore(String realmId, String id, Instant cutOff) {
        handles.useHandle(h -> NotBefore.update(h, "clients", "realm_id = :realmId AND id = :id", cutOff)
                .bind("realmId", realmId)
                .bind("id", id)
                .execute());
    }

    private static Update bind(Update update, Client client) {
        return update.bind("id", client.id())
                .bind("realmId", client.realmId())
                .bind("clientId", client.clientId())
                .bind("name", client.name())
                .bind("enabled", client.enabled())
                .bind("publicClient", client.publicClient())
                .bind("secretHash", client.secretHash().orElse(null))
                .bind("redirectUris", Columns.lines(client.redirectUris()))
                .bind("postLogoutRedirectUris", Columns.lines(client.postLogoutRedirectUris()))
                .bind("standardFlow", client.standardFlow())
                .bind("directAccessGrants", client.directAccessGrants())
                .bind("serviceAccounts", client.serviceAccounts())
                .bind("accessTokenLifespan", Columns.seconds(client.accessTokenLifespan()))
                .bind("notBefore", Columns.millis(client.notBefore()))
                .bind("backchannelLogoutUri", client.backchannelLogoutUri().orElse(null))
                .bind("backchannelLogoutSessionRequired", client.backchannelLogoutSessionRequired())
                .bind("ssfReceiver", client.ssfReceiver());
    }

    private static String alreadyExists(Client client) {
        return "the realm already has a client with clientId '" + client.clientId() + "'";
    }
}
