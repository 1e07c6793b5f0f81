package dev.curfew.server.admin;

import io.javalin.http.Context;

/** An admin endpoint outside any one realm ({@code /admin/realms}), called once the caller's privilege is known. */
@FunctionalInterface
public interface AdminHandler {
    void handle(Context ctx, AdminPrincipal admin) throws Exception;
}
