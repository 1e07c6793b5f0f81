package dev.curfew.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A new H2 file database starts as a copy of the empty database this version's build migrated ({@value #RESOURCE}),
 * instead of running every migration at the first start. Run there, the migrations' SQL and H2's DDL are interpreted
 * before the JVM has compiled either, which took most of a first start's database phase (bench/README.md,
 * "Start-up"). The build makes the copy with {@link #main}, through {@link Database#open} and the same migrations, so
 * it is what a first start would have made, Flyway's history included.
 *
 * <p>Only a database the template can stand for is copied: an H2 file named by its path alone, with no setting of the
 * operator's in the URL (a cipher, another mode...), and the credentials the template was made with, those Curfew
 * uses for H2 unless told otherwise. Anything else is migrated as before. A copy whose history is behind the
 * migrations (a template from an older build) is brought up to date by Flyway like any database behind.
 */
public final class SchemaTemplate {
    private static final Logger LOG = LoggerFactory.getLogger(SchemaTemplate.class);

    static final String RESOURCE = "db/template/curfew.mv.db";

    /** The credentials the template is made with: Curfew's defaults for H2. */
    static final String USERNAME = "sa";

    static final String PASSWORD = "";

    private SchemaTemplate() {}

    /**
     * Copies the template to the database's file if the configured database is a new H2 file it can stand for.
     *
     * @return whether it did; false leaves the database to be created and migrated as without a template
     */
    static boolean copyIfNew(DatabaseConfig config, ClassLoader loader) {
        if (!config.username().equalsIgnoreCase(USERNAME) || !config.password().equals(PASSWORD)) {
            return false;
        }
        Optional<Path> file = DatabaseUrl.plainH2File(config.jdbcUrl());
        if (file.isEmpty() || Files.exists(file.get())) {
            return false;
        }
        try (InputStream template = loader.getResourceAsStream(RESOURCE)) {
            if (template == null) {
                return false;
            }
            return copy(template, file.get());
        } catch (IOException e) {
            LOG.debug("Not starting {} from the schema template: {}", file.get(), e.toString());
            return false;
        }
    }

    /**
     * Writes the copy beside the file, then links it in under the file's name: the file appears whole or not at all,
     * and never replaces one that another process created meanwhile (the link fails, and H2's lock then decides).
     */
    private static boolean copy(InputStream template, Path file) throws IOException {
        Path partial = file.resolveSibling(file.getFileName() + ".template");
        try {
            Files.copy(template, partial, StandardCopyOption.REPLACE_EXISTING);
            Files.createLink(file, partial);
            return true;
        } catch (FileAlreadyExistsException e) {
            return false;
        } catch (UnsupportedOperationException e) {
            // A file system without hard links: created and migrated as without a template.
            LOG.debug("Not starting {} from the schema template: {}", file, e.toString());
            return false;
        } finally {
            Files.deleteIfExists(partial);
        }
    }

    /**
     * Makes the template: an empty H2 file database migrated by {@link Database#open}, closed, copied to the path
     * given. The build runs it once the classes are compiled.
     */
    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            throw new IllegalArgumentException("usage: SchemaTemplate <file to write>");
        }
        Path target = Path.of(args[0]);
        // The build has no SLF4J provider on this class path, so Flyway logs through java.util.logging: one line per
        // migration at every build. Its warnings and errors still show. (Held here: java.util.logging keeps loggers
        // only weakly.)
        java.util.logging.Logger flyway = java.util.logging.Logger.getLogger("org.flywaydb");
        flyway.setLevel(java.util.logging.Level.WARNING);
        Path directory = Files.createTempDirectory("curfew-schema-template");
        try {
            Path base = directory.resolve("curfew");
            Database.open(DatabaseConfig.of("jdbc:h2:file:" + base, USERNAME, PASSWORD), false)
                    .close();
            Files.createDirectories(target.toAbsolutePath().getParent());
            Files.copy(base.resolveSibling("curfew.mv.db"), target, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            java.lang.ref.Reference.reachabilityFence(flyway);
            try (Stream<Path> files = Files.walk(directory)) {
                files.sorted(Comparator.reverseOrder()).forEach(SchemaTemplate::delete);
            }
        }
    }

    private static void delete(Path path) {
        try {
            Files.delete(path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
