package dev.curfew.server;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;
import java.util.function.Supplier;

/**
 * How long each phase of a start took, in the order run, for the "started in" log line operators read to see where a
 * slow start went ({@code bench/README.md}, "Start-up").
 */
public final class StartupTimes {
    private final Map<String, Long> millis = new LinkedHashMap<>();

    /** Runs one phase and records its wall time under {@code name}. */
    public <T> T time(String name, Supplier<T> phase) {
        long begin = System.nanoTime();
        try {
            return phase.get();
        } finally {
            millis.merge(name, (System.nanoTime() - begin) / 1_000_000, Long::sum);
        }
    }

    public void time(String name, Runnable phase) {
        time(name, () -> {
            phase.run();
            return null;
        });
    }

    /** The phases recorded, by name, in the order they ran. */
    public Map<String, Long> millis() {
        return Map.copyOf(millis);
    }

    public long totalMillis() {
        return millis.values().stream().mapToLong(Long::longValue).sum();
    }

    /** For example {@code database 212 ms, services 95 ms, first start 0 ms, HTTP 310 ms}. */
    @Override
    public String toString() {
        StringJoiner text = new StringJoiner(", ");
        millis.forEach((name, ms) -> text.add(name + " " + ms + " ms"));
        return text.toString();
    }
}
