package dev.curfew.store;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * What a PostgreSQL server's settings would let a crash take of Curfew's acknowledged writes. Curfew answers
 * once its commit returns; PostgreSQL makes that commit durable only with {@code synchronous_commit} other
 * than {@code off} (the WAL record is flushed before the commit returns) and {@code fsync} on (the flush
 * reaches the disk). Curfew never changes either; it tells the operator when one is off.
 */
final class PostgresDurability {
    private PostgresDurability() {}

    /** One message per setting that loses acknowledged writes, empty when both are safe. */
    static List<String> warnings(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement();
                ResultSet settings = statement.executeQuery(
                        "SELECT current_setting('synchronous_commit'), current_setting('fsync')")) {
            settings.next();
            return warnings(settings.getString(1), settings.getString(2));
        } catch (SQLException e) {
            throw new DatabaseException("cannot read the database's durability settings: " + e.getMessage(), e);
        }
    }

    static List<String> warnings(String synchronousCommit, String fsync) {
        List<String> warnings = new ArrayList<>();
        if (synchronousCommit.equalsIgnoreCase("off")) {
            warnings.add("PostgreSQL's synchronous_commit is off: a commit returns before its WAL record is"
                    + " flushed, so a PostgreSQL crash, an operating system crash or a power loss can lose sign-outs"
                    + " and other changes Curfew has already acknowledged. Set synchronous_commit = on"
                    + " (for this database: ALTER DATABASE ... SET synchronous_commit = on).");
        }
        if (fsync.equalsIgnoreCase("off")) {
            warnings.add("PostgreSQL's fsync is off: an operating system crash or a power loss can lose changes"
                    + " Curfew has already acknowledged, or corrupt the database. Set fsync = on.");
        }
        return warnings;
    }
}
