package dev.curfew.core.client;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An application (OAuth client / OIDC relying party) registered in a realm.
 *
 * @param id internal id, used by the admin API
 * @param clientId the public identifier sent in protocol messages
 * @param name what pages show for the client; {@code ""} when it has none (then they show the {@code clientId})
 * @param secretHash SHA-256 of the client secret (base64url), for confidential clients
 * @param redirectUris exact redirect URIs; matched by string comparison (RFC 9700 §2.1)
 * @param standardFlow authorization code flow allowed
 * @param directAccessGrants resource owner password grant allowed; off unless explicitly enabled
 * @param serviceAccounts client credentials grant allowed (confidential clients only)
 * @param accessTokenLifespan overrides the realm's access token lifespan when present
 * @param notBefore the client's cut-off: tokens issued to this client before it are invalid
 * @param backchannelLogoutUri where logout tokens are POSTed when a session of this client ends (OpenID Connect
 *     Back-Channel Logout 1.0 §2.2 {@code backchannel_logout_uri}): an absolute http(s) URI without fragment
 * @param backchannelLogoutSessionRequired the client wants {@code sid} in logout tokens (§2.2
 *     {@code backchannel_logout_session_required}); Curfew always sends it, so this is recorded for the admin API
 * @param ssfReceiver the client may create OpenID Shared Signals Framework streams and receive the realm's
 *     security events (set by a holder of {@code STREAM_ADMINISTRATOR})
 */
public record Client(
        String id,
        String realmId,
        String clientId,
        String name,
        boolean enabled,
        boolean publicClient,
        Optional<String> secretHash,
        List<String> redirectUris,
        List<String> postLogoutRedirectUris,
        boolean standardFlow,
        boolean directAccessGrants,
        boolean serviceAccounts,
        Optional<Duration> accessTokenLifespan,
        Optional<Instant> notBefore,
        Instant createdAt,
        Optional<String> backchannelLogoutUri,
        boolean backchannelLogoutSessionRequired,
        boolean ssfReceiver) {

    public Client {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(realmId, "realmId");
        ClientIds.validate(clientId);
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(secretHash, "secretHash");
        redirectUris = List.copyOf(redirectUris);
        postLogoutRedirectUris = List.copyOf(postLogoutRedirectUris);
        Objects.requireNonNull(accessTokenLifespan, "accessTokenLifespan");
        Objects.requireNonNull(notBefore, "notBefore");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(backchannelLogoutUri, "backchannelLogoutUri");
        if (publicClient && serviceAccounts) {
            throw new IllegalArgumentException("a public client cannot use the client credentials grant");
        }
        if (!publicClient && secretHash.isEmpty()) {
            throw new IllegalArgumentException("a confidential client needs a secret");
        }
    }

    public boolean confidential() {
        return !publicClient;
    }

    public Duration accessTokenLifespanOr(Duration realmDefault) {
        return accessTokenLifespan.orElse(realmDefault);
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Copy-and-change for updates: {@code client.toBuilder().enabled(false).build()}. */
    public static final class Builder {
        private String id;
        private String realmId;
        private String clientId;
        private String name;
        private boolean enabled;
        private boolean publicClient;
        private Optional<String> secretHash;
        private List<String> redirectUris;
        private List<String> postLogoutRedirectUris;
        private boolean standardFlow;
        private boolean directAccessGrants;
        private boolean serviceAccounts;
        private Optional<Duration> accessTokenLifespan;
        private Optional<Instant> notBefore;
        private Instant createdAt;
        private Optional<String> backchannelLogoutUri;
        private boolean backchannelLogoutSessionRequired;
        private boolean ssfReceiver;

        private Builder(Client c) {
            id = c.id;
            realmId = c.realmId;
            clientId = c.clientId;
            name = c.name;
            enabled = c.enabled;
            publicClient = c.publicClient;
            secretHash = c.secretHash;
            redirectUris = c.redirectUris;
            postLogoutRedirectUris = c.postLogoutRedirectUris;
            standardFlow = c.standardFlow;
            directAccessGrants = c.directAccessGrants;
            serviceAccounts = c.serviceAccounts;
            accessTokenLifespan = c.accessTokenLifespan;
            notBefore = c.notBefore;
            createdAt = c.createdAt;
            backchannelLogoutUri = c.backchannelLogoutUri;
            backchannelLogoutSessionRequired = c.backchannelLogoutSessionRequired;
            ssfReceiver = c.ssfReceiver;
        }

        public Builder clientId(String v) {
            clientId = v;
            return this;
        }

        public Builder name(String v) {
            name = v;
            return this;
        }

        public Builder enabled(boolean v) {
            enabled = v;
            return this;
        }

        public Builder publicClient(boolean v) {
            publicClient = v;
            return this;
        }

        public Builder secretHash(Optional<String> v) {
            secretHash = v;
            return this;
        }

        public Builder redirectUris(List<String> v) {
            redirectUris = v;
            return this;
        }

        public Builder postLogoutRedirectUris(List<String> v) {
            postLogoutRedirectUris = v;
            return this;
        }

        public Builder standardFlow(boolean v) {
            standardFlow = v;
            return this;
        }

        public Builder directAccessGrants(boolean v) {
            directAccessGrants = v;
            return this;
        }

        public Builder serviceAccounts(boolean v) {
            serviceAccounts = v;
            return this;
        }

        public Builder accessTokenLifespan(Optional<Duration> v) {
            accessTokenLifespan = v;
            return this;
        }

        public Builder notBefore(Optional<Instant> v) {
            notBefore = v;
            return this;
        }

        public Builder backchannelLogoutUri(Optional<String> v) {
            backchannelLogoutUri = v;
            return this;
        }

        public Builder backchannelLogoutSessionRequired(boolean v) {
            backchannelLogoutSessionRequired = v;
            return this;
        }

        public Builder ssfReceiver(boolean v) {
            ssfReceiver = v;
            return this;
        }

        public Client build() {
            return new Client(
                    id,
                    realmId,
                    clientId,
                    name,
                    enabled,
                    publicClient,
                    secretHash,
                    redirectUris,
                    postLogoutRedirectUris,
                    standardFlow,
                    directAccessGrants,
                    serviceAccounts,
                    accessTokenLifespan,
                    notBefore,
                    createdAt,
                    backchannelLogoutUri,
                    backchannelLogoutSessionRequired,
                    ssfReceiver);
        }
    }

    /** A new client with the given identity and every flag at its safe default. */
    public static Client create(
            String id,
            String realmId,
            String clientId,
            boolean publicClient,
            Optional<String> secretHash,
            Instant now) {
        return new Client(
                id,
                realmId,
                clientId,
                clientId,
                true,
                publicClient,
                secretHash,
                List.of(),
                List.of(),
                true,
                false,
                false,
                Optional.empty(),
                Optional.empty(),
                now,
                Optional.empty(),
                true,
                false);
    }
}
