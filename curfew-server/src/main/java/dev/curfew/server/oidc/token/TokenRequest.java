package dev.curfew.server.oidc.token;

import dev.curfew.core.client.Client;
import dev.curfew.core.realm.Realm;
import dev.curfew.server.oidc.Params;
import io.javalin.http.Context;

/** A token request whose client is already authenticated. */
public record TokenRequest(Context ctx, Realm realm, Client client, Params params, String issuer) {}
