package dev.curfew.store;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Which database a JDBC URL names, and the URL to actually open: for H2, the given URL plus the settings
 * that make it accept the same SQL as PostgreSQL.
 */
record DatabaseUrl(Kind kind, String effectiveUrl) {

    enum Kind {
        H2_FILE,
        H2_MEMORY,
        POSTGRESQL
    }

    static final String SUPPORTED =
            "use jdbc:h2:file:<path>, jdbc:h2:mem:<name> or jdbc:postgresql://<host>:<port>/<database>";

    /**
     * One schema and one set of queries serve both databases, so H2 runs in PostgreSQL mode, folds
     * unquoted names to lower case as PostgreSQL does, and sorts NULLs last as PostgreSQL does in
     * ascending order. Settings the URL already has win: an operator may know better.
     */
    private static final List<Map.Entry<String, String>> H2_COMPATIBILITY = List.of(
            Map.entry("MODE", "PostgreSQL"),
            Map.entry("DATABASE_TO_LOWER", "TRUE"),
            Map.entry("DEFAULT_NULL_ORDERING", "HIGH"));

    /** Without it H2 drops an in-memory database when the pool closes its last idle connection. */
    private static final Map.Entry<String, String> KEEP_IN_MEMORY = Map.entry("DB_CLOSE_DELAY", "-1");

    private static final Pattern SECRET_PARAMETER = Pattern.compile("(?i)(password=)[^;&]*");
    private static final Pattern USER_INFO = Pattern.compile("(//[^/:@]*:)[^/@]*@");

    static DatabaseUrl parse(String url) {
        if (url.startsWith("jdbc:postgresql:")) {
            return new DatabaseUrl(Kind.POSTGRESQL, url);
        }
        if (url.startsWith("jdbc:h2:file:")) {
            return new DatabaseUrl(Kind.H2_FILE, withSettings(url, H2_COMPATIBILITY));
        }
        if (url.startsWith("jdbc:h2:mem:")) {
            String name = url.substring("jdbc:h2:mem:".length()).split(";", 2)[0];
            if (name.isBlank()) {
                // An unnamed in-memory database is private to one connection: every pooled connection
                // would see a different, empty database.
                throw new DatabaseException("the in-memory database URL '" + redact(url)
                        + "' has no name: use jdbc:h2:mem:<name> so that all connections share one database");
            }
            List<Map.Entry<String, String>> settings = new ArrayList<>(H2_COMPATIBILITY);
            settings.add(KEEP_IN_MEMORY);
            return new DatabaseUrl(Kind.H2_MEMORY, withSettings(url, settings));
        }
        throw new DatabaseException("unsupported database URL '" + redact(url) + "': " + SUPPORTED);
    }

    boolean isH2() {
        return kind != Kind.POSTGRESQL;
    }

    /** The URL with any password in it replaced by {@code ***}, fit for messages and logs. */
    static String redact(String url) {
        String withoutParameter = SECRET_PARAMETER.matcher(url).replaceAll("$1***");
        return USER_INFO.matcher(withoutParameter).replaceAll("$1***@");
    }

    private static String withSettings(String url, List<Map.Entry<String, String>> wanted) {
        List<String> present = new ArrayList<>();
        String[] parts = url.split(";");
        for (int i = 1; i < parts.length; i++) {
            present.add(parts[i].split("=", 2)[0].strip().toUpperCase(Locale.ROOT));
        }
        StringBuilder result = new StringBuilder(url);
        for (Map.Entry<String, String> setting : wanted) {
            if (!present.contains(setting.getKey())) {
                if (result.charAt(result.length() - 1) != ';') {
                    result.append(';');
                }
                result.append(setting.getKey()).append('=').append(setting.getValue());
            }
        }
        return result.toString();
    }
}
