package db.migration;

import dev.curfew.core.session.IpAddresses;
import dev.curfew.core.session.IpRange;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * Curfew schema, version 12: client addresses in canonical text. Sessions from IPv6 clients were stored as the
 * socket reported them ({@code [0:0:0:0:0:0:0:1]}), with an empty {@code ip_key}, so no IP filter found them;
 * addresses from {@code X-Forwarded-For} kept whatever spelling the proxy used. Every session address and sign-out
 * source address with a colon or a bracket is rewritten in the canonical text the server now writes ({@link
 * IpAddresses#canonical}: RFC 5952, IPv4-mapped as IPv4) with its key. Text that is no IP address is left as it is.
 * The audit log keeps what it recorded: its entries are hash-chained, and rewriting them would break the chain.
 */
public class V12__canonical_ip_addresses extends BaseJavaMigration {
    private static final int BATCH = 1000;

    @Override
    public void migrate(Context context) throws SQLException {
        Connection connection = context.getConnection();
        rewrite(connection, "user_sessions", "ip_address", true);
        rewrite(connection, "sign_outs", "source_ip", false);
    }

    /** In pages of {@value #BATCH} by primary key, so a large table is never read at once. */
    private static void rewrite(Connection connection, String table, String column, boolean withKey)
            throws SQLException {
        String select = "SELECT id, " + column + " FROM " + table + " WHERE (" + column + " LIKE '%:%' OR " + column
                + " LIKE '[%') AND id > ? ORDER BY id LIMIT " + BATCH;
        String update =
                "UPDATE " + table + " SET " + column + " = ?" + (withKey ? ", ip_key = ?" : "") + " WHERE id = ?";
        String after = "";
        while (true) {
            List<String[]> rows = new ArrayList<>();
            try (PreparedStatement query = connection.prepareStatement(select)) {
                query.setString(1, after);
                try (ResultSet rs = query.executeQuery()) {
                    while (rs.next()) {
                        rows.add(new String[] {rs.getString(1), rs.getString(2)});
                    }
                }
            }
            if (rows.isEmpty()) {
                return;
            }
            try (PreparedStatement change = connection.prepareStatement(update)) {
                for (String[] row : rows) {
                    String canonical = IpAddresses.canonical(row[1]).orElse(row[1]);
                    if (!canonical.equals(row[1])) {
                        change.setString(1, canonical);
                        if (withKey) {
                            change.setString(2, IpRange.key(canonical));
                        }
                        change.setString(withKey ? 3 : 2, row[0]);
                        change.addBatch();
                    }
                }
                change.executeBatch();
            }
            after = rows.get(rows.size() - 1)[0];
        }
    }
}
