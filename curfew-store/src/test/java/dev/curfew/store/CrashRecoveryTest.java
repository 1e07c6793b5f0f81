package dev.curfew.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.curfew.core.realm.Realm;
import dev.curfew.core.realm.RealmSettings;
import dev.curfew.core.store.Store;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("Acknowledged writes lost on a crash: a commit is in the H2 file, where the next open finds it, the moment"
        + " it returns")
class CrashRecoveryTest {
    private static final int COMMITS = 60;

    @TempDir
    Path dir;

    /**
     * A copy of the file taken right after a commit returns holds what a process killed at that moment leaves
     * behind. The realms created and deleted in between free space that later commits reuse, so commits also
     * land mid-file, where only the store header leads to them (H2 2.5.252 pointed it one commit behind).
     */
    @Test
    @DisplayName("after each of 60 commits, a copy of the file opens with that commit in it")
    void everyCommitIsInACopyOfTheFileTakenWhenItReturns() throws IOException, SQLException {
        Path live = dir.resolve("live");
        // No retention time: H2 reuses freed space at once instead of after 45 s.
        DatabaseConfig config =
                DatabaseConfig.of("jdbc:h2:file:" + live.resolve("curfew") + ";RETENTION_TIME=0", "", "");
        try (Database database = Database.open(config)) {
            Store store = database.store();
            for (int i = 0; i < COMMITS; i++) {
                store.realms().create(realm("churn-" + i));
                store.realms().delete("churn-" + i);
                store.realms().create(realm("kept-" + i));

                Path crashed = Files.createDirectories(dir.resolve("crashed-" + i));
                Files.copy(live.resolve("curfew.mv.db"), crashed.resolve("curfew.mv.db"));
                assertThat(realmsNamed(crashed, "kept-" + i))
                        .as("realm kept-%d in the file as a crash right after its commit leaves it", i)
                        .isEqualTo(1);
                Files.delete(crashed.resolve("curfew.mv.db"));
            }
        }
    }

    private static Realm realm(String name) {
        return new Realm(name, name, name, true, RealmSettings.DEFAULTS, Optional.empty(), Instant.EPOCH);
    }

    private static int realmsNamed(Path crashed, String name) throws SQLException {
        String url = "jdbc:h2:file:" + crashed.resolve("curfew") + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE";
        try (Connection connection = DriverManager.getConnection(url, "", "");
                PreparedStatement query = connection.prepareStatement("SELECT COUNT(*) FROM realms WHERE name = ?")) {
            query.setString(1, name);
            try (ResultSet result = query.executeQuery()) {
                result.next();
                return result.getInt(1);
            }
        }
    }
}
