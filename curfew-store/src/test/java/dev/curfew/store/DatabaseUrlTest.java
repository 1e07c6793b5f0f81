package dev.curfew.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class DatabaseUrlTest {

    @Test
    void h2FileUrlGetsThePostgresCompatibilitySettings() {
        DatabaseUrl url = DatabaseUrl.parse("jdbc:h2:file:/var/lib/curfew/curfew");

        assertThat(url.kind()).isEqualTo(DatabaseUrl.Kind.H2_FILE);
        assertThat(url.effectiveUrl())
                .isEqualTo("jdbc:h2:file:/var/lib/curfew/curfew;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;"
                        + "DEFAULT_NULL_ORDERING=HIGH;QUERY_CACHE_SIZE=64;WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE");
    }

    @Test
    @DisplayName("a stopping server logged \"Database is already closed\": H2 leaves closing the file to Curfew")
    void h2FileIsClosedByCurfewNotByH2sShutdownHook() {
        assertThat(DatabaseUrl.parse("jdbc:h2:file:/data/curfew").effectiveUrl())
                .contains(";DB_CLOSE_ON_EXIT=FALSE");
    }

    @Test
    @DisplayName("acknowledged sign-outs lost on a crash: an H2 file writes every commit before it returns")
    void h2FileWritesEveryCommitBeforeItReturns() {
        assertThat(DatabaseUrl.parse("jdbc:h2:file:/data/curfew").effectiveUrl())
                .contains(";WRITE_DELAY=0");
        assertThat(DatabaseUrl.parse("jdbc:h2:file:/data/curfew;write_delay=0").effectiveUrl())
                .isEqualTo("jdbc:h2:file:/data/curfew;write_delay=0;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;"
                        + "DEFAULT_NULL_ORDERING=HIGH;QUERY_CACHE_SIZE=64;DB_CLOSE_ON_EXIT=FALSE");
    }

    @Test
    @DisplayName("a URL asking H2 to delay writing commits is refused, with the setting named")
    void writeDelayOtherThanZeroIsRefused() {
        assertThatThrownBy(() -> DatabaseUrl.parse("jdbc:h2:file:/data/curfew;WRITE_DELAY=500;PASSWORD=s3cret"))
                .isInstanceOf(DatabaseException.class)
                .hasMessageContaining("sets WRITE_DELAY=500")
                .hasMessageContaining("remove the setting from the URL")
                .message()
                .doesNotContain("s3cret");
    }

    @Test
    void settingsTheUrlAlreadyHasAreKeptWhateverTheirCase() {
        DatabaseUrl url = DatabaseUrl.parse("jdbc:h2:mem:test;mode=PostgreSQL;DB_CLOSE_DELAY=10;");

        assertThat(url.kind()).isEqualTo(DatabaseUrl.Kind.H2_MEMORY);
        assertThat(url.effectiveUrl())
                .isEqualTo("jdbc:h2:mem:test;mode=PostgreSQL;DB_CLOSE_DELAY=10;DATABASE_TO_LOWER=TRUE;"
                        + "DEFAULT_NULL_ORDERING=HIGH;QUERY_CACHE_SIZE=64");
    }

    @Test
    @DisplayName("H2 parsed most statements of a password grant again: each connection keeps 64 parsed, not 8")
    void h2KeepsEnoughParsedStatementsUnlessTheUrlSaysOtherwise() {
        assertThat(DatabaseUrl.parse("jdbc:h2:file:/data/curfew").effectiveUrl())
                .contains(";QUERY_CACHE_SIZE=64");
        assertThat(DatabaseUrl.parse("jdbc:h2:mem:test").effectiveUrl()).contains(";QUERY_CACHE_SIZE=64");
        assertThat(DatabaseUrl.parse("jdbc:h2:file:/data/curfew;QUERY_CACHE_SIZE=16")
                        .effectiveUrl())
                .contains(";QUERY_CACHE_SIZE=16")
                .doesNotContain("QUERY_CACHE_SIZE=64");
    }

    @Test
    void inMemoryUrlIsKeptAliveWhileThePoolIsIdle() {
        assertThat(DatabaseUrl.parse("jdbc:h2:mem:test").effectiveUrl()).contains(";DB_CLOSE_DELAY=-1");
    }

    @Test
    void postgresUrlIsUsedAsGiven() {
        String given = "jdbc:postgresql://db.example.com:5432/curfew?sslmode=require";

        DatabaseUrl url = DatabaseUrl.parse(given);

        assertThat(url.kind()).isEqualTo(DatabaseUrl.Kind.POSTGRESQL);
        assertThat(url.effectiveUrl()).isEqualTo(given);
    }

    @Test
    void redactHidesPasswordsInParametersAndUserInfo() {
        assertThat(DatabaseUrl.redact("jdbc:postgresql://db/curfew?user=c&password=s3cret&ssl=true"))
                .isEqualTo("jdbc:postgresql://db/curfew?user=c&password=***&ssl=true");
        assertThat(DatabaseUrl.redact("jdbc:h2:file:/data/curfew;PASSWORD=s3cret;MODE=PostgreSQL"))
                .isEqualTo("jdbc:h2:file:/data/curfew;PASSWORD=***;MODE=PostgreSQL");
        assertThat(DatabaseUrl.redact("jdbc:other://curfew:s3cret@db/curfew"))
                .isEqualTo("jdbc:other://curfew:***@db/curfew");
    }

    @Test
    @DisplayName("the schema template stands only for an H2 file named by its absolute path alone")
    void plainH2FileIsAnAbsolutePathWithoutSettings() {
        assertThat(DatabaseUrl.plainH2File("jdbc:h2:file:/data/curfew"))
                .contains(java.nio.file.Path.of("/data/curfew.mv.db"));
        assertThat(DatabaseUrl.plainH2File("jdbc:h2:file:/data/curfew;CIPHER=AES"))
                .isEmpty();
        assertThat(DatabaseUrl.plainH2File("jdbc:h2:file:./data/curfew")).isEmpty();
        assertThat(DatabaseUrl.plainH2File("jdbc:h2:mem:curfew")).isEmpty();
        assertThat(DatabaseUrl.plainH2File("jdbc:postgresql://localhost/curfew"))
                .isEmpty();
        assertThat(DatabaseUrl.h2File("jdbc:h2:file:/data/curfew;CIPHER=AES"))
                .contains(java.nio.file.Path.of("/data/curfew.mv.db"));
        assertThat(DatabaseUrl.h2File("jdbc:h2:file:~/curfew"))
                .contains(java.nio.file.Path.of(System.getProperty("user.home"), "curfew.mv.db"));
    }
}
