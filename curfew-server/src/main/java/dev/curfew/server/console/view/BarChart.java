package dev.curfew.server.console.view;

import java.util.ArrayList;
import java.util.List;

/**
 * A bar chart drawn server-side as inline SVG (no chart library, no script): the geometry is computed
 * here, the template only places rectangles and text. Colours come from CSS classes, since the console's
 * Content-Security-Policy allows no style attributes.
 *
 * @param id for {@code aria-labelledby}
 * @param summary the chart in words, for screen readers (the numbers are also in a table beside it)
 * @param axisY where the baseline of a column chart is drawn; 0 for a row chart, which has none
 */
public record BarChart(
        String id,
        String title,
        String summary,
        int width,
        int height,
        List<Bar> bars,
        long max,
        boolean horizontal,
        int axisY) {

    /** One bar: its box, its value label's position, and its axis label's position. */
    public record Bar(
            String label, long value, int x, int y, int w, int h, int valueX, int valueY, int labelX, int labelY) {}

    private static final int WIDTH = 720;
    private static final int PLOT_HEIGHT = 160;
    private static final int TOP = 20;
    private static final int LABEL_SPACE = 24;
    private static final int ROW = 26;
    private static final int NAME_SPACE = 180;
    /** Room left of the first column, so its centred label is not cut off. */
    private static final int LEFT = 24;

    /**
     * Columns, one per label, e.g. one per hour. Every {@code labelEvery}-th label is shown, counted back from
     * the last column, so the newest one (the current hour) always has its label and no column stands after
     * the last label unexplained.
     */
    public static BarChart columns(
            String id, String title, String summary, List<String> labels, List<Long> values, int labelEvery) {
        long max = Math.max(1, values.stream().mapToLong(Long::longValue).max().orElse(1));
        int n = Math.max(1, values.size());
        int slot = (WIDTH - LEFT) / n;
        int gap = Math.max(2, slot / 6);
        List<Bar> bars = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            long v = values.get(i);
            int h = (int) Math.round((double) v / max * PLOT_HEIGHT);
            int x = LEFT + i * slot + gap / 2;
            int y = TOP + PLOT_HEIGHT - h;
            String label = (values.size() - 1 - i) % labelEvery == 0 ? labels.get(i) : "";
            bars.add(new Bar(
                    label,
                    v,
                    x,
                    y,
                    slot - gap,
                    h,
                    x + (slot - gap) / 2,
                    y - 4,
                    x + (slot - gap) / 2,
                    TOP + PLOT_HEIGHT + 16));
        }
        return new BarChart(
                id, title, summary, WIDTH, TOP + PLOT_HEIGHT + LABEL_SPACE, bars, max, false, TOP + PLOT_HEIGHT);
    }

    /** Rows, one per label, e.g. one per client, with the name on the left. */
    public static BarChart rows(String id, String title, String summary, List<String> labels, List<Long> values) {
        long max = Math.max(1, values.stream().mapToLong(Long::longValue).max().orElse(1));
        int plot = WIDTH - NAME_SPACE - 60;
        List<Bar> bars = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            long v = values.get(i);
            int w = Math.max(v > 0 ? 2 : 0, (int) Math.round((double) v / max * plot));
            int y = 6 + i * ROW;
            bars.add(new Bar(
                    labels.get(i),
                    v,
                    NAME_SPACE,
                    y,
                    w,
                    ROW - 8,
                    NAME_SPACE + w + 6,
                    y + ROW - 12,
                    NAME_SPACE - 8,
                    y + ROW - 12));
        }
        return new BarChart(id, title, summary, WIDTH, Math.max(ROW, 12 + values.size() * ROW), bars, max, true, 0);
    }

    /** Where the baseline of a column chart starts. */
    public int axisLeft() {
        return LEFT;
    }

    public boolean empty() {
        return bars.stream().allMatch(b -> b.value() == 0);
    }
}
