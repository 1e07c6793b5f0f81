package dev.curfew.server.admin;

import io.javalin.http.Handler;
import io.javalin.http.HandlerType;

/**
 * One line of the admin route table: the method and path, what the caller needs, and the handler, which checks
 * {@code access} (and, for paths under a realm, looks the realm up) before the endpoint runs.
 */
public record AdminRoute(HandlerType method, String path, Access access, Handler handler) {}
