package dev.curfew.bench.durability;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * What writing every commit to the file before it returns costs H2: one thread commits an insert and an update
 * alternately into a fresh H2 file database (the compatibility settings Curfew adds to every H2 URL), first with
 * H2's default write delay (500 ms: a background thread writes commits later), then with {@code WRITE_DELAY=0}
 * (what Curfew runs), twice each, interleaved. Reports microseconds per commit.
 *
 * <p>Usage: {@code CommitCostBench [commits-per-round]} (default 4,000; at most 100,000). Only a temporary
 * directory is written, and removed.
 */
public final class CommitCostBench {
    private static final String COMPATIBILITY = ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH";

    private CommitCostBench() {}

    public static void main(String[] args) throws Exception {
        int commits = args.length > 0 ? Integer.parseInt(args[0]) : 4000;
        if (commits < 2 || commits > 100_000) {
            throw new IllegalArgumentException("commits-per-round must be 2-100000");
        }
        for (String setting : List.of("", ";WRITE_DELAY=0", "", ";WRITE_DELAY=0")) {
            Path dir = Files.createTempDirectory("curfew-commit-cost-");
            try {
                double micros = round(dir.resolve("db"), setting, commits);
                System.out.printf(
                        "%-24s %,d commits: %7.1f µs per commit (%,.0f commits/s)%n",
                        setting.isEmpty() ? "default WRITE_DELAY=500" : setting.substring(1),
                        commits,
                        micros,
                        1_000_000 / micros);
            } finally {
                try (Stream<Path> files = Files.walk(dir)) {
                    files.sorted(Comparator.reverseOrder())
                            .forEach(p -> p.toFile().delete());
                }
            }
        }
    }

    /** A warm-up round, then the measured one: microseconds per commit. */
    private static double round(Path db, String setting, int commits) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:h2:file:" + db + COMPATIBILITY + setting, "sa", "")) {
            c.createStatement().execute("CREATE TABLE t (i BIGINT PRIMARY KEY, v BIGINT, pad VARCHAR(300))");
            PreparedStatement insert = c.prepareStatement("INSERT INTO t VALUES (?, 0, ?)");
            PreparedStatement update = c.prepareStatement("UPDATE t SET v = v + 1 WHERE i = ?");
            double micros = 0;
            for (int pass = 0; pass < 2; pass++) {
                long base = pass * 1_000_000L;
                long start = System.nanoTime();
                for (int i = 0; i < commits / 2; i++) {
                    insert.setLong(1, base + i);
                    insert.setString(2, "x".repeat(200));
                    insert.executeUpdate();
                    update.setLong(1, base + i / 2);
                    update.executeUpdate();
                }
                micros = (System.nanoTime() - start) / 1000.0 / (commits / 2 * 2);
            }
            return micros;
        }
    }
}
