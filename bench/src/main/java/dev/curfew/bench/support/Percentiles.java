package dev.curfew.bench.support;

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
}
