package dev.curfew.server.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells the launcher ({@code ./curfew}) that a start recording its classes for the AOT cache ({@code
 * -XX:AOTMode=record}) got as far as serving: the launcher makes a cache only from such a record. A start that failed
 * early (a port in use, a bad option) leaves a record of few of a start's classes; made into the cache, it would leave
 * every later start of the jar loading the rest from the jar. The mark is an empty file beside the record, named after
 * it with {@value #SUFFIX} added.
 */
final class RecordedStart {
    private static final Logger LOG = LoggerFactory.getLogger(RecordedStart.class);

    static final String SUFFIX = ".ready";

    private static final String RECORD_MODE = "-XX:AOTMode=record";
    private static final String RECORD_FILE = "-XX:AOTConfiguration=";

    private RecordedStart() {}

    /**
     * Marks the record as one of a start that served, if the JVM ({@code jvmArguments}, as the runtime reports its
     * input arguments) records one; a failure to write the mark is logged at debug level and changes nothing else.
     */
    static void served(List<String> jvmArguments) {
        mark(jvmArguments).ifPresent(mark -> {
            try {
                Files.write(mark, new byte[0]);
            } catch (IOException | RuntimeException e) {
                LOG.debug("Could not mark the AOT record {} as one of a start that served", mark, e);
            }
        });
    }

    /** The mark for the record the arguments name, when they run the JVM in record mode. */
    static Optional<Path> mark(List<String> jvmArguments) {
        if (!jvmArguments.contains(RECORD_MODE)) {
            return Optional.empty();
        }
        return jvmArguments.stream()
                .filter(argument -> argument.startsWith(RECORD_FILE) && argument.length() > RECORD_FILE.length())
                .reduce((first, last) -> last)
                .map(argument -> Path.of(argument.substring(RECORD_FILE.length()) + SUFFIX));
    }
}
