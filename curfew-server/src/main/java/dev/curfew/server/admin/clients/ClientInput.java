package dev.curfew.server.admin.clients;

import dev.curfew.core.client.BackChannelLogoutUris;
import dev.curfew.core.client.Client;
import dev.curfew.core.client.ClientIds;
import dev.curfew.core.client.RedirectUris;
import dev.curfew.core.util.Secrets;
import dev.curfew.engine.outbound.OutboundPolicy;
import dev.curfew.server.admin.FieldProblems;
import dev.curfew.server.http.Problem;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Lays a {@link ClientRepresentation} over a client: absent fields keep their value. Checks every field
 * and reports all bad ones at once. Secrets: a given one must have at least {@value #MIN_SECRET_LENGTH}
 * characters (the strength of the 256-bit secrets Curfew generates is what makes storing a plain SHA-256
 * safe); only its hash is kept.
 */
final class ClientInput {
    static final int MIN_SECRET_LENGTH = 32;

    /**
     * On {@code CREATE}, an absent {@code publicClient} means confidential (Keycloak's default) and a
     * confidential client without a secret gets a generated one. On {@code UPDATE}, turning a public client
     * confidential needs the secret in the request, since an update's answer carries no body.
     */
    enum Mode {
        CREATE,
        UPDATE
    }

    /** The client to save, and the secret Curfew generated for it, if it did. */
    record Result(Client client, Optional<String> generatedSecret) {}

    private ClientInput() {}

    /**
     * @param outbound the rules a back-channel logout URI must also meet, as a destination of notifications
     * @throws Problem naming each invalid field
     */
    static Result apply(Client base, ClientRepresentation rep, Mode mode, OutboundPolicy outbound) {
        FieldProblems problems = new FieldProblems();
        String clientId = or(rep.clientId(), base.clientId());
        if (!ClientIds.isValid(clientId)) {
            problems.add("clientId", "must be 1-255 letters, digits or . _ : / @ -");
        }
        boolean publicClient = or(rep.publicClient(), mode == Mode.UPDATE && base.publicClient());
        boolean serviceAccounts = or(rep.serviceAccountsEnabled(), base.serviceAccounts());
        if (publicClient && serviceAccounts) {
            problems.add("serviceAccountsEnabled", "a public client cannot use the client credentials grant");
        }
        List<String> redirectUris = rep.redirectUris() == null ? base.redirectUris() : redirectUris(rep, problems);
        List<String> postLogout = ClientAttributes.postLogoutRedirectUris(rep.attributes(), problems)
                .orElse(base.postLogoutRedirectUris());
        Optional<Duration> lifespan =
                ClientAttributes.accessTokenLifespan(rep.attributes(), problems).orElse(base.accessTokenLifespan());
        Optional<String> backchannelUri = ClientAttributes.backchannelLogoutUri(rep.attributes(), outbound, problems)
                .orElse(base.backchannelLogoutUri());
        if (publicClient) {
            backchannelUri
                    .flatMap(BackChannelLogoutUris::problemForPublicClient)
                    .ifPresent(p -> problems.add("attributes." + ClientAttributes.BACKCHANNEL_LOGOUT_URL, p));
        }
        boolean sessionRequired = ClientAttributes.backchannelLogoutSessionRequired(rep.attributes(), problems)
                .orElse(base.backchannelLogoutSessionRequired());
        boolean ssfReceiver =
                ClientAttributes.ssfReceiver(rep.attributes(), problems).orElse(base.ssfReceiver());
        if (ssfReceiver && publicClient) {
            problems.add(
                    "attributes." + ClientAttributes.SSF_RECEIVER,
                    "a Shared Signals receiver must be a confidential client");
        }

        Secret secret = secret(base, rep, publicClient, mode, problems);
        problems.throwIfAny();

        String name = name(base, rep, mode);
        try {
            Client client = base.toBuilder()
                    .clientId(clientId)
                    .name(name)
                    .enabled(or(rep.enabled(), base.enabled()))
                    .publicClient(publicClient)
                    .secretHash(secret.hash())
                    .redirectUris(redirectUris)
                    .postLogoutRedirectUris(postLogout)
                    .standardFlow(or(rep.standardFlowEnabled(), base.standardFlow()))
                    .directAccessGrants(or(rep.directAccessGrantsEnabled(), base.directAccessGrants()))
                    .serviceAccounts(serviceAccounts)
                    .accessTokenLifespan(lifespan)
                    .backchannelLogoutUri(backchannelUri)
                    .backchannelLogoutSessionRequired(sessionRequired)
                    .ssfReceiver(ssfReceiver)
                    .build();
            return new Result(client, secret.generated());
        } catch (IllegalArgumentException e) {
            throw Problem.badRequest(e.getMessage());
        }
    }

    /** The hash to store and, when Curfew made the secret up, the secret itself. */
    private record Secret(Optional<String> hash, Optional<String> generated) {}

    private static Secret secret(
            Client base, ClientRepresentation rep, boolean publicClient, Mode mode, FieldProblems problems) {
        if (publicClient) {
            if (rep.secret() != null) {
                problems.add("secret", "a public client has no secret");
            }
            return new Secret(Optional.empty(), Optional.empty());
        }
        if (rep.secret() != null) {
            if (rep.secret().length() < MIN_SECRET_LENGTH) {
                problems.add("secret", "must be at least " + MIN_SECRET_LENGTH + " characters");
            }
            return new Secret(Optional.of(Secrets.sha256(rep.secret())), Optional.empty());
        }
        if (!base.publicClient() && base.secretHash().isPresent()) {
            return new Secret(base.secretHash(), Optional.empty());
        }
        if (mode == Mode.CREATE) {
            String generated = Secrets.newSecret();
            return new Secret(Optional.of(Secrets.sha256(generated)), Optional.of(generated));
        }
        problems.add(
                "secret",
                "a confidential client needs a secret: send one of at least " + MIN_SECRET_LENGTH + " characters");
        return new Secret(Optional.empty(), Optional.empty());
    }

    /**
     * The name is optional, as in Keycloak: a client created without one has none ({@code ""}), and an empty one
     * removes it. Pages that list clients show the {@code clientId} then.
     */
    private static String name(Client base, ClientRepresentation rep, Mode mode) {
        if (rep.name() != null) {
            return rep.name().strip();
        }
        return mode == Mode.CREATE ? "" : base.name();
    }

    private static List<String> redirectUris(ClientRepresentation rep, FieldProblems problems) {
        List<String> uris = new ArrayList<>();
        for (int i = 0; i < rep.redirectUris().size(); i++) {
            String uri = rep.redirectUris().get(i);
            int index = i;
            RedirectUris.problem(uri)
                    .ifPresentOrElse(p -> problems.add("redirectUris[" + index + "]", p), () -> uris.add(uri));
        }
        return uris;
    }

    private static <T> T or(T value, T fallback) {
        return value == null ? fallback : value;
    }
}
