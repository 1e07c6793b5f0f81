package dev.curfew.server.console;

import dev.curfew.server.console.view.Paths;
import io.javalin.http.Context;
import java.util.List;
import java.util.Map;

/** The console's error page: what failed, in the administrator's words, and the way back. */
public final class ConsoleErrors {
    private ConsoleErrors() {}

    public static void page(Console console, Context ctx, int status, String title, String message) {
        page(console, ctx, status, title, message, List.of());
    }

    public static void page(
            Console console, Context ctx, int status, String title, String message, List<String> details) {
        console.pages()
                .render(
                        ctx,
                        status,
                        "console/problem.jte",
                        Map.of(
                                "status", status,
                                "title", title,
                                "message", message,
                                "details", details,
                                "home", Paths.HOME));
    }
}
