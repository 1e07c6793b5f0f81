package dev.curfew.store;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.CRC32;

/**
 * The schema migrations this version carries ({@code db/migration/V<version>__<description>.sql}, and Java ones,
 * {@code .class}), read from the class path without Flyway: each one's version, description, type and checksum as
 * Flyway records them in its schema history.
 * A restart compares them with the history to skip Flyway's scan and validation when nothing is to be done.
 *
 * @param migrations by version
 */
record BundledMigrations(Map<String, Migration> migrations) {
    static final String LOCATION = "db/migration";
    private static final Pattern VERSIONED = Pattern.compile("V(\\d+)__(\\w+)\\.(sql|class)");

    /**
     * One migration as Flyway's schema history records it once applied.
     *
     * @param type {@code SQL}, or {@code JDBC} for a Java migration
     * @param checksum of a SQL migration; a Java one has none
     */
    record Migration(String description, String type, OptionalInt checksum) {}

    BundledMigrations {
        migrations = Map.copyOf(migrations);
    }

    /**
     * The migrations on the class path, or empty when they cannot be listed with certainty (a file name Flyway would
     * read differently, the same version twice, a location that is neither a directory nor in a jar): Flyway then
     * decides, as it always did.
     */
    static Optional<BundledMigrations> read(ClassLoader loader) {
        try {
            Map<String, Migration> migrations = new HashMap<>();
            for (URL location : Collections.list(loader.getResources(LOCATION))) {
                Optional<List<String>> names = fileNames(location);
                if (names.isEmpty()) {
                    return Optional.empty();
                }
                for (String name : names.get()) {
                    Matcher versioned = VERSIONED.matcher(name);
                    if (!versioned.matches()
                            || migrations.put(versioned.group(1), migration(loader, versioned)) != null) {
                        return Optional.empty();
                    }
                }
            }
            return migrations.isEmpty() ? Optional.empty() : Optional.of(new BundledMigrations(migrations));
        } catch (IOException | UncheckedIOException | URISyntaxException e) {
            return Optional.empty();
        }
    }

    /** The highest version, in Flyway's order (numeric). */
    String newestVersion() {
        return migrations.keySet().stream()
                .max((a, b) -> Long.compare(Long.parseLong(a), Long.parseLong(b)))
                .orElseThrow();
    }

    private static Optional<List<String>> fileNames(URL location) throws IOException, URISyntaxException {
        List<String> names = new ArrayList<>();
        switch (location.getProtocol()) {
            case "jar" -> {
                // The JDK's cached JarFile: the class loader has it open already, its entries are in memory.
                var jar = ((JarURLConnection) location.openConnection()).getJarFile();
                String prefix = LOCATION + "/";
                jar.stream()
                        .map(entry -> entry.getName())
                        .filter(name -> name.startsWith(prefix) && name.length() > prefix.length())
                        .map(name -> name.substring(prefix.length()))
                        .forEach(names::add);
            }
            case "file" -> {
                try (Stream<Path> files = Files.list(Path.of(location.toURI()))) {
                    files.map(file -> file.getFileName().toString()).forEach(names::add);
                }
            }
            default -> {
                return Optional.empty();
            }
        }
        return Optional.of(names);
    }

    private static Migration migration(ClassLoader loader, Matcher versioned) {
        String description = versioned.group(2).replace('_', ' ');
        if (versioned.group(3).equals("class")) {
            return new Migration(description, "JDBC", OptionalInt.empty());
        }
        try (InputStream in = loader.getResourceAsStream(LOCATION + "/" + versioned.group())) {
            if (in == null) {
                throw new UncheckedIOException(new IOException("cannot read " + versioned.group()));
            }
            return new Migration(description, "SQL", OptionalInt.of(checksum(in)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Flyway's checksum of a SQL migration: a CRC-32 of its lines in UTF-8, without their line breaks and without a
     * byte-order mark at the start ({@code org.flywaydb.core.internal.resolver.ChecksumCalculator}).
     */
    static int checksum(InputStream sql) throws IOException {
        CRC32 crc = new CRC32();
        BufferedReader lines = new BufferedReader(new InputStreamReader(sql, StandardCharsets.UTF_8), 4096);
        String line = lines.readLine();
        if (line != null && line.startsWith("\uFEFF")) {
            line = line.substring(1);
        }
        while (line != null) {
            crc.update(line.getBytes(StandardCharsets.UTF_8));
            line = lines.readLine();
        }
        return (int) crc.getValue();
    }
}
