package dev.curfew.bench.vskeycloak;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.TreeMap;

/**
 * Prints the figures {@link Results} collected as one Markdown table: per workload and measure, Keycloak's value
 * and Curfew's (one per round, in the order run, separated by {@code /}) and the ratio of their means, Curfew ÷
 * Keycloak; then the same ratio without the first round, where a measure has more than one. Both servers' first round
 * still carries some of their JIT compilers' work, and Keycloak's more than Curfew's, so the ratio of all rounds
 * flatters Curfew; the rounds after it are the servers as they run for hours. Then the notes.
 *
 * <p>Usage: {@code SideBySideTable <results.tsv>}
 */
public final class SideBySideTable {
    static final String KEYCLOAK = "Keycloak";
    static final String CURFEW = "Curfew";
    /** The machine's load when a figure was taken: shown for each server, never as a ratio. */
    static final String LOAD_MEASURE = "machine load average (1 min) after the run";

    private SideBySideTable() {}

    /** One line of the table: round → value for each server. */
    private record Line(String section, String measure, Map<String, Map<Integer, Double>> values) {}

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: SideBySideTable <results.tsv>");
            System.exit(2);
        }
        // Sections in the order of their first figure, measures within a section likewise.
        Map<String, Map<String, Line>> sections = new LinkedHashMap<>();
        List<String> notes = new ArrayList<>();
        for (String raw : Files.readAllLines(Path.of(args[0]))) {
            String[] f = raw.split("\t", -1);
            if (f[0].equals("note")) {
                notes.add(f[1]);
            } else if (f[0].equals("row") && f.length == 6) {
                Line line = sections.computeIfAbsent(f[1], k -> new LinkedHashMap<>())
                        .computeIfAbsent(f[2], k -> new Line(f[1], f[2], new LinkedHashMap<>()));
                line.values()
                        .computeIfAbsent(f[3], s -> new TreeMap<>())
                        .put(Integer.parseInt(f[4]), Double.parseDouble(f[5]));
            }
        }
        List<Line> lines = new ArrayList<>();
        sections.values().forEach(measures -> lines.addAll(measures.values()));
        print(lines, notes);
    }

    private static void print(Iterable<Line> lines, List<String> notes) {
        List<String[]> cells = new ArrayList<>();
        cells.add(
                new String[] {"workload", "measure", KEYCLOAK, CURFEW, "Curfew ÷ Keycloak", "the same, after round 1"});
        String previous = "";
        for (Line line : lines) {
            Map<Integer, Double> keycloak = line.values().getOrDefault(KEYCLOAK, Map.of());
            Map<Integer, Double> curfew = line.values().getOrDefault(CURFEW, Map.of());
            cells.add(new String[] {
                line.section().equals(previous) ? "" : line.section(),
                line.measure(),
                join(keycloak, line.measure()),
                join(curfew, line.measure()),
                line.measure().equals(LOAD_MEASURE) ? "" : ratio(mean(curfew), mean(keycloak)),
                line.measure().equals(LOAD_MEASURE) ? "" : ratio(meanAfterFirst(curfew), meanAfterFirst(keycloak))
            });
            previous = line.section();
        }
        int columns = cells.get(0).length;
        int[] width = new int[columns];
        for (String[] row : cells) {
            for (int i = 0; i < row.length; i++) {
                width[i] = Math.max(width[i], row[i].length());
            }
        }
        for (int r = 0; r < cells.size(); r++) {
            System.out.println(format(cells.get(r), width));
            if (r == 0) {
                String[] rule = new String[columns];
                for (int i = 0; i < columns; i++) {
                    rule[i] = "-".repeat(width[i]);
                }
                System.out.println(format(rule, width));
            }
        }
        if (!notes.isEmpty()) {
            System.out.println();
            notes.forEach(n -> System.out.println("- " + n));
        }
    }

    private static String format(String[] row, int[] width) {
        StringBuilder out = new StringBuilder("|");
        for (int i = 0; i < row.length; i++) {
            String cell = row[i];
            String pad = " ".repeat(width[i] - cell.length());
            out.append(' ').append(i >= 2 ? pad + cell : cell + pad).append(" |");
        }
        return out.toString();
    }

    private static String join(Map<Integer, Double> rounds, String measure) {
        List<String> values = new ArrayList<>();
        rounds.values().forEach(v -> values.add(number(v, measure)));
        return values.isEmpty() ? "—" : String.join(" / ", values);
    }

    private static OptionalDouble mean(Map<Integer, Double> rounds) {
        if (rounds.values().stream().anyMatch(v -> v.isNaN())) {
            return OptionalDouble.empty();
        }
        return rounds.values().stream().mapToDouble(Double::doubleValue).average();
    }

    /** The mean of the rounds after the first; none for a measure taken once. */
    private static OptionalDouble meanAfterFirst(Map<Integer, Double> rounds) {
        if (rounds.size() < 2) {
            return OptionalDouble.empty();
        }
        Map<Integer, Double> later = new TreeMap<>(rounds);
        later.remove(later.keySet().iterator().next());
        return mean(later);
    }

    private static String ratio(OptionalDouble curfew, OptionalDouble keycloak) {
        if (curfew.isEmpty() || keycloak.isEmpty() || keycloak.getAsDouble() == 0) {
            return "—";
        }
        double ratio = curfew.getAsDouble() / keycloak.getAsDouble();
        // Two significant digits below 0.1, where %.2f would show a three-hundredth as 0.00.
        return String.format(Locale.ROOT, ratio != 0 && Math.abs(ratio) < 0.1 ? "%.2g×" : "%.2f×", ratio);
    }

    /** Counts as whole numbers; rates and times with the digits that mean something at their size. */
    static String number(double v, String measure) {
        if (Double.isNaN(v)) {
            return "not reached";
        }
        boolean count = !measure.contains("ms") && !measure.contains("/s") && v == Math.rint(v);
        double a = Math.abs(v);
        String pattern = count || a >= 1000 ? "%,.0f" : a >= 100 ? "%.0f" : a >= 10 ? "%.1f" : "%.2f";
        return String.format(Locale.ROOT, pattern, v);
    }
}
