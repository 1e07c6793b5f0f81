package dev.curfew.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class DatabaseConfigTest {

    @Test
    void h2FileNamesTheCurfewFilesInTheDataDirectory() {
        DatabaseConfig config = DatabaseConfig.h2File(Path.of("/var/lib/curfew/data"));

        assertThat(config.jdbcUrl()).isEqualTo("jdbc:h2:file:/var/lib/curfew/data/curfew");
        assertThat(config.maxPoolSize()).isEqualTo(DatabaseConfig.DEFAULT_MAX_POOL_SIZE);
    }

    @Test
    void h2FileMakesARelativeDirectoryAbsolute() {
        assertThat(DatabaseConfig.h2File(Path.of("data")).jdbcUrl())
                .isEqualTo("jdbc:h2:file:" + Path.of("data").toAbsolutePath().resolve("curfew"));
    }

    @Test
    void h2InMemoryKeepsTheDatabaseWhileTheJvmRuns() {
        assertThat(DatabaseConfig.h2InMemory("test").jdbcUrl()).isEqualTo("jdbc:h2:mem:test;DB_CLOSE_DELAY=-1");
    }

    @Test
    void toStringHidesThePassword() {
        DatabaseConfig config = new DatabaseConfig("jdbc:postgresql://db/curfew?password=inurl", "curfew", "s3cret", 4);

        assertThat(config.toString())
                .doesNotContain("s3cret")
                .doesNotContain("inurl")
                .contains("curfew");
    }

    @Test
    void poolNeedsAtLeastOneConnection() {
        assertThatThrownBy(() -> new DatabaseConfig("jdbc:h2:mem:x", "", "", 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("maxPoolSize");
    }
}
