package dev.curfew.store.jdbc;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.statement.Query;

/** A WHERE clause assembled from the filters a query has, with its parameters; shared by a list and its count. */
final class Where {
    private final List<String> conditions = new ArrayList<>();
    private final Map<String, String> parameters = new LinkedHashMap<>();

    /** Adds {@code condition}, which refers to the parameter {@code :name}. */
    Where and(String condition, String name, String value) {
        conditions.add(condition);
        parameters.put(name, value);
        return this;
    }

    String sql() {
        return " WHERE " + String.join(" AND ", conditions);
    }

    Query bind(Query query) {
        parameters.forEach(query::bind);
        return query;
    }

    /**
     * The text to match literally in a {@code LIKE ... ESCAPE '!'} pattern, where {@code %} and {@code _}
     * are wildcards. The escape character is '!' rather than a backslash, which JDBI's SQL parser and the
     * two databases' string literal rules would each treat differently.
     */
    static String escapeLike(String text) {
        return text.replace("!", "!!").replace("%", "!%").replace("_", "!_");
    }
}
