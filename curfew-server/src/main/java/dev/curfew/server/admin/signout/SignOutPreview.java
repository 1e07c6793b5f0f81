package dev.curfew.server.admin.signout;

import com.fasterxml.jackson.databind.JsonNode;
import dev.curfew.server.admin.sessions.UserSessionRepresentation;
import java.util.List;

/** The answer to a dry run: nothing changed; this many sessions would be signed out, and some of them. */
public record SignOutPreview(
        boolean dryRun, String realm, JsonNode scope, long affectedSessions, List<UserSessionRepresentation> sample) {}
