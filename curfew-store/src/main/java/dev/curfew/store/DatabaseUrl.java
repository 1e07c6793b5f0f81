package dev.curfew.store;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Which database a JDBC URL names, and the URL to actually open: for H2, the given URL plus the settings
 * that make it accept the same SQL as PostgreSQL and, for a file, write every commit before it returns.
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

    /**
     * H2 keeps the statements each connection parsed last, 8 by default: fewer than one password grant makes, so a
     * busy server parsed most of its statements again at every use. 64 hold every statement of the protocol
     * endpoints; each connection keeps its own.
     */
    private static final Map.Entry<String, String> PARSED_STATEMENTS_KEPT = Map.entry("QUERY_CACHE_SIZE", "64");

    /** Without it H2 drops an in-memory database when the pool closes its last idle connection. */
    private static final Map.Entry<String, String> KEEP_IN_MEMORY = Map.entry("DB_CLOSE_DELAY", "-1");

    /**
     * H2's default write delay (500 ms) lets a background thread write commits to the file later, so a
     * process killed within that time loses writes the API has already acknowledged. With 0, H2 stops that
     * thread and every commit writes its changes to the file before it returns (MVStore {@code commit()},
     * no fsync: the operating system's cache holds them, which a process crash does not lose; a power loss
     * or an operating system crash can). This one is not the operator's to change: a URL asking for another
     * write delay is refused (docs/architecture.md, "Storage").
     */
    private static final Map.Entry<String, String> WRITE_EACH_COMMIT = Map.entry("WRITE_DELAY", "0");

    /**
     * H2 closes a file database from its own shutdown hook by default, in parallel with Curfew's, so the
     * dispatcher and housekeeping would find it closed while they finish ("Database is already closed").
     * Curfew closes the database itself, last, once they have stopped.
     */
    private static final Map.Entry<String, String> CLOSED_BY_CURFEW = Map.entry("DB_CLOSE_ON_EXIT", "FALSE");

    private static final Pattern SECRET_PARAMETER = Pattern.compile("(?i)(password=)[^;&]*");
    private static final Pattern USER_INFO = Pattern.compile("(//[^/:@]*:)[^/@]*@");

    static DatabaseUrl parse(String url) {
        if (url.startsWith("jdbc:postgresql:")) {
            return new DatabaseUrl(Kind.POSTGRESQL, url);
        }
        if (url.startsWith("jdbc:h2:file:")) {
            requireNoWriteDelay(url);
            List<Map.Entry<String, String>> settings = new ArrayList<>(H2_COMPATIBILITY);
            settings.add(PARSED_STATEMENTS_KEPT);
            settings.add(WRITE_EACH_COMMIT);
            settings.add(CLOSED_BY_CURFEW);
            return new DatabaseUrl(Kind.H2_FILE, withSettings(url, settings));
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
            settings.add(PARSED_STATEMENTS_KEPT);
            settings.add(KEEP_IN_MEMORY);
            return new DatabaseUrl(Kind.H2_MEMORY, withSettings(url, settings));
        }
        throw new DatabaseException("unsupported database URL '" + redact(url) + "': " + SUPPORTED);
    }

    /**
     * The {@code .mv.db} file of an H2 file database named by an absolute path alone ({@code jdbc:h2:file:/path}, no
     * {@code ;SETTING=value}); empty for any other URL.
     */
    static Optional<Path> plainH2File(String url) {
        return url.contains(";") ? Optional.empty() : h2File(url).filter(Path::isAbsolute);
    }

    /** The {@code .mv.db} file of an H2 file database URL, whatever its settings; empty for any other URL. */
    static Optional<Path> h2File(String url) {
        if (!url.startsWith("jdbc:h2:file:")) {
            return Optional.empty();
        }
        String base = url.substring("jdbc:h2:file:".length()).split(";", 2)[0];
        if (base.startsWith("~")) {
            base = System.getProperty("user.home") + base.substring(1);
        }
        try {
            return base.isEmpty() ? Optional.empty() : Optional.of(Path.of(base + ".mv.db"));
        } catch (InvalidPathException e) {
            return Optional.empty();
        }
    }

    boolean isH2() {
        return kind != Kind.POSTGRESQL;
    }

    /** The URL with any password in it replaced by {@code ***}, fit for messages and logs. */
    static String redact(String url) {
        String withoutParameter = SECRET_PARAMETER.matcher(url).replaceAll("$1***");
        return USER_INFO.matcher(withoutParameter).replaceAll("$1***@");
    }

    private static void requireNoWriteDelay(String url) {
        String delay = settingsOf(url).get(WRITE_EACH_COMMIT.getKey());
        if (delay != null && !delay.matches("[+]?0+")) {
            throw new DatabaseException("the database URL '" + redact(url) + "' sets WRITE_DELAY=" + delay
                    + ": Curfew answers only once a change is written, so it runs H2 with WRITE_DELAY=0;"
                    + " remove the setting from the URL");
        }
    }

    /** The URL's settings ({@code ;NAME=value}), names in upper case. */
    private static Map<String, String> settingsOf(String url) {
        Map<String, String> settings = new LinkedHashMap<>();
        String[] parts = url.split(";");
        for (int i = 1; i < parts.length; i++) {
            String[] nameAndValue = parts[i].split("=", 2);
            settings.put(
                    nameAndValue[0].strip().toUpperCase(Locale.ROOT),
                    nameAndValue.length == 2 ? nameAndValue[1].strip() : "");
        }
        return settings;
    }

    private static String withSettings(String url, List<Map.Entry<String, String>> wanted) {
        Set<String> present = settingsOf(url).keySet();
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
