package dev.curfew.server.cli;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/** {@code --first} and {@code --max}, the admin API's paging, for every listing command. */
final class PageOptions {
    @Option(names = "--first", paramLabel = "N", description = "Skip this many; default 0.")
    int first;

    @Option(names = "--max", paramLabel = "N", description = "Show at most this many (1-1000); default 100.")
    int max = 100;

    /** Adds {@code first} and {@code max} to a query. */
    Map<String, Collection<String>> addTo(Map<String, Collection<String>> query) {
        query.put("first", List.of(Integer.toString(first)));
        query.put("max", List.of(Integer.toString(max)));
        return query;
    }
}
