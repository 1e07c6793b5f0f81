package dev.curfew.engine.token;

import com.nimbusds.jwt.JWTClaimsSet;
import dev.curfew.core.client.Client;
import dev.curfew.core.session.UserSession;
import dev.curfew.core.user.User;
import java.util.Optional;

/** An access token that passed every check, with what it refers to. User and session are empty for client-credentials tokens. */
public record VerifiedAccessToken(
        JWTClaimsSet claims, Client client, Optional<User> user, Optional<UserSession> session) {}
