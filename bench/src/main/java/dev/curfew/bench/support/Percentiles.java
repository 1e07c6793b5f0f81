package dev.curfew.bench.support;

import java.util.List;
import java.util.Locale;

/** Percentiles of measured values, as the benchmarks report them. */
public final class Percentiles {
    private Percentiles() {}

    /** The nearest-rank {@code percent}-th percentile (0 to 100) of values sorted in ascending order; NaN if none. */
    public static double nearestRank(double[] sorted, double percent) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(percent / 100 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    /**
     * Prints one row per named column of {@code results} (each result an array of measured values, one per column):
     * p50, p99, min and max, in the benchmarks' layout.
     */
    public static void printRows(List<double[]> results, String... names) {
        for (int k = 0; k < names.length; k++) {
            int column = k;
            double[] values =
                    results.stream().mapToDouble(r -> r[column]).sorted().toArray();
            System.out.printf(
                    Locale.ROOT,
                    "  %-64s p50 %7.2f   p99 %7.2f   min %7.2f   max %7.2f%n",
                    names[k],
                    nearestRank(values, 50),
                    nearestRank(values, 99),
                    values.length == 0 ? Double.NaN : values[0],
                    values.length == 0 ? Double.NaN : values[values.length - 1]);
        }
    }
}
