package dev.curfew.server.console.pages;

import dev.curfew.core.util.AsciiNumbers;
import dev.curfew.server.console.ConsoleRequest;
import dev.curfew.server.console.api.AdminApiClient;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * ConsolePaging of a console list: {@code first} from the query, a fixed page size, and links to the previous and
 * next pages that keep the list's other parameters.
 */
public record ConsolePaging(int first, int max, long total, String previous, String next) {

    public static ConsolePaging from(ConsoleRequest r, int max) {
        int first = 0;
        try {
            first = Math.max(0, AsciiNumbers.parseInt(r.query("first").isEmpty() ? "0" : r.query("first")));
        } catch (NumberFormatException e) {
            first = 0;
        }
        return new ConsolePaging(first, max, 0, "", "");
    }

    /** With the total known: the links (blank when there is no such page). */
    public ConsolePaging withTotal(long total, Map<String, ?> params) {
        String prev = first > 0 ? link(params, Math.max(0, first - max)) : "";
        String nxt = first + max < total ? link(params, first + max) : "";
        return new ConsolePaging(first, max, total, prev, nxt);
    }

    public long last() {
        return Math.min(total, (long) first + max);
    }

    private static String link(Map<String, ?> params, int first) {
        Map<String, Object> all = new LinkedHashMap<>(params);
        all.put("first", Integer.toString(first));
        return AdminApiClient.withQuery("", all);
    }
}
