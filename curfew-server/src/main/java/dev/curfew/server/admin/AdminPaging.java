package dev.curfew.server.admin;

import dev.curfew.core.session.Page;
import dev.curfew.core.util.AsciiNumbers;
import io.javalin.http.Context;

/** The {@code first} and {@code max} query parameters of Keycloak's list calls: defaults 0 and 100. */
public final class AdminPaging {
    private AdminPaging() {}

    /** @throws dev.curfew.server.http.Problem naming {@code first} or {@code max} when out of range */
    public static Page from(Context ctx) {
        FieldProblems problems = new FieldProblems();
        Integer first = number(ctx, "first", Page.DEFAULT.first(), problems);
        Integer max = number(ctx, "max", Page.DEFAULT.max(), problems);
        if (first != null && first < 0) {
            problems.add("first", "must be 0 or more");
        }
        if (max != null && (max < 1 || max > Page.MAX_PAGE_SIZE)) {
            problems.add("max", "must be between 1 and " + Page.MAX_PAGE_SIZE);
        }
        problems.throwIfAny();
        return new Page(first, max);
    }

    /** The parameter's value, its default when absent, or null (and a problem) when it is not a number. */
    private static Integer number(Context ctx, String name, int fallback, FieldProblems problems) {
        String value = ctx.queryParam(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return AsciiNumbers.parseInt(value.strip());
        } catch (NumberFormatException e) {
            problems.add(name, "must be a whole number");
            return null;
        }
    }
}
