package dev.curfew.store.jdbc;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.statement.SqlStatement;

/** A WHERE clause assembled from the filters a query has, with its parameters; shared by a list and its count. */
final class Where {
    private final List<String> conditions = new ArrayList<>();
    private final Map<String, Object> parameters = new LinkedHashMap<>();
    private final Map<String, List<?>> lists = new LinkedHashMap<>();

    /** Adds {@code condition}, which refers to the parameter {@code :name}. */
    Where and(String condition, String name, Object value) {
        conditions.add(condition);
        parameters.put(name, value);
        return this;
    }

    /** Adds {@code condition}, which refers to the list {@code <name>}, e.g. {@code user_id IN (<userIds>)}. */
    Where andIn(String condition, String name, Collection<?> values) {
        conditions.add(condition);
        lists.put(name, List.copyOf(values));
        return this;
    }

    /** Adds a condition that refers to parameters bound with {@link #with}. */
    Where and(String condition) {
        conditions.add(condition);
        return this;
    }

    /** Binds a parameter used by more than one condition, or by the statement around the clause. */
    Where with(String name, Object value) {
        parameters.put(name, value);
        return this;
    }

    String sql() {
        return " WHERE " + String.join(" AND ", conditions);
    }

    <S extends SqlStatement<S>> S bind(S statement) {
        parameters.forEach(statement::bind);
        lists.forEach(statement::bindList);
        return statement;
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
