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
     * {@code [#####.....] 1200/10000 sessions}. More done than expected (sessions created since the count)
     * shows a full bar; an unknown total (0) an empty one.
     */
    static String render(long done, long total) {
        int filled = total <= 0 ? 0 : (int) Math.min(WIDTH, done * WIDTH / total);
        return "[" + "#".repeat(filled) + ".".repeat(WIDTH - filled) + "] " + done + "/" + total + " sessions";
    }
}
