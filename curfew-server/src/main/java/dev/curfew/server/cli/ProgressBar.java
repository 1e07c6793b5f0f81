package dev.curfew.server.cli;

import java.io.PrintWriter;
import java.time.Duration;

/**
 * Progress of a long sign-out on stderr. On a terminal the bar is redrawn in place
 * ({@code [#####.....] 1200/10000 sessions}); otherwise, for logs, a plain line at most every few seconds.
 */
final class ProgressBar {
    static final int WIDTH = 30;
    private static final Duration PLAIN_INTERVAL = Duration.ofSeconds(5);

    private final PrintWriter err;
    private final boolean terminal;
    private final long total;
    private long lastPlainLine = Long.MIN_VALUE;
    private long lastShown = -1;

    ProgressBar(PrintWriter err, boolean terminal, long total) {
        this.err = err;
        this.terminal = terminal;
        this.total = total;
    }

    void update(long done) {
        if (terminal) {
            err.print("\r" + render(done, total));
            err.flush();
            return;
        }
        long now = System.nanoTime();
        if (done != lastShown && (lastPlainLine == Long.MIN_VALUE || now - lastPlainLine >= PLAIN_INTERVAL.toNanos())) {
            err.println(render(done, total));
            err.flush();
            lastPlainLine = now;
            lastShown = done;
        }
    }

    /** The last state, always shown, and the end of the line. */
    void finish(long done) {
        if (terminal) {
            err.println("\r" + render(done, total));
        } else if (done != lastShown) {
            err.println(render(done, total));
        }
        err.flush();
    }

    /**
     * {@code [#####.....] 1200/10000 sessions}. The total is the dry run's count; more sessions ended than it
     * counted (sessions created since, or already dead ones the clean-up removed too) raise the total to the
     * count, so the line never reads "1/0" and the bar is then full.
     */
    static String render(long done, long total) {
        long shownTotal = Math.max(total, done);
        int filled = shownTotal <= 0 ? WIDTH : (int) Math.min(WIDTH, done * WIDTH / shownTotal);
        return "[" + "#".repeat(filled) + ".".repeat(WIDTH - filled) + "] " + done + "/" + shownTotal + " sessions";
    }
}
