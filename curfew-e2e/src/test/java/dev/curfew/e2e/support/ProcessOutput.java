package dev.curfew.e2e.support;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The output of a child process, read line by line on a daemon thread: every line is echoed to this JVM's
 * output with a prefix (so the build log shows it as it happens) and kept, so tests can wait for a line.
 */
public final class ProcessOutput {
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final List<String> lines = new ArrayList<>();
    private final Thread reader;
    private boolean ended;

    public ProcessOutput(InputStream stream, String prefix, PrintStream echo) {
        reader = Thread.ofPlatform().daemon().name("output" + prefix.strip()).start(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    echo.println(prefix + line);
                    add(line);
                }
            } catch (IOException e) {
                // The process was killed while we read: its output simply ends here.
            } finally {
                lock.lock();
                try {
                    ended = true;
                    changed.signalAll();
                } finally {
                    lock.unlock();
                }
            }
        });
    }

    private void add(String line) {
        lock.lock();
        try {
            lines.add(line);
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    public List<String> lines() {
        lock.lock();
        try {
            return List.copyOf(lines);
        } finally {
            lock.unlock();
        }
    }

    public String text() {
        return String.join("\n", lines());
    }

    /**
     * Waits for the first line that matches, at most {@code timeout}; empty when the output ended (the
     * process exited) or the time ran out without one.
     */
    public Optional<Matcher> await(Pattern pattern, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        lock.lock();
        try {
            int scanned = 0;
            while (true) {
                for (; scanned < lines.size(); scanned++) {
                    Matcher m = pattern.matcher(lines.get(scanned));
                    if (m.find()) {
                        return Optional.of(m);
                    }
                }
                long left = deadline - System.nanoTime();
                if (ended || left <= 0) {
                    return Optional.empty();
                }
                changed.awaitNanos(left);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        } finally {
            lock.unlock();
        }
    }

    /** Waits (bounded) until the process's output has been read to its end. */
    public void awaitEnd(Duration timeout) {
        try {
            reader.join(timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Like {@link #await} but fails with the output so far when no line matches in time. */
    public Matcher require(Pattern pattern, Duration timeout, String what) {
        return await(pattern, timeout)
                .orElseThrow(() -> new AssertionError("no line matching /" + pattern + "/ (" + what + ") within "
                        + timeout.toSeconds() + " s; output so far:\n" + text()));
    }
}
