package org.fundwatch.progress;

import java.io.PrintStream;

/**
 * A progress bar on stderr: redrawn in place at most five times a second on a terminal, a line every ten seconds
 * when stderr is a file or pipe, so logs of long jobs stay readable.
 */
public final class ConsoleProgress implements Progress {
    private static final int WIDTH = 30;
    private final PrintStream err;
    private final boolean terminal;
    private String task = "";
    private long total;
    private long done;
    private long startedNanos;
    private long lastDrawNanos;

    public ConsoleProgress(PrintStream err) {
        this.err = err;
        this.terminal = System.console() != null;
    }

    @Override
    public synchronized void start(String task, long total) {
        this.task = task;
        this.total = total;
        this.done = 0;
        this.startedNanos = System.nanoTime();
        this.lastDrawNanos = 0;
        draw(true);
    }

    @Override
    public synchronized void advance(long units) {
        done += units;
        long now = System.nanoTime();
        if (now - lastDrawNanos > (terminal ? 200_000_000L : 10_000_000_000L)) {
            lastDrawNanos = now;
            draw(false);
        }
    }

    @Override
    public synchronized void finish() {
        if (total > 0) {
            done = total;
        }
        double secs = (System.nanoTime() - startedNanos) / 1e9;
        String line = String.format("%-40s done in %.1f s", task, secs);
        err.print(terminal ? "\r" + line + "\033[K\n" : line + "\n");
        err.flush();
    }

    private void draw(boolean first) {
        if (!terminal && first) {
            return;
        }
        String line;
        if (total > 0) {
            double f = Math.min(1.0, done / (double) total);
            int bars = (int) (f * WIDTH);
            line = String.format("%-40s [%s%s] %3d%%", task, "#".repeat(bars), " ".repeat(WIDTH - bars),
                    (int) (f * 100));
        } else {
            line = String.format("%-40s %,d", task, done);
        }
        err.print(terminal ? "\r" + line + "\033[K" : line + "\n");
        err.flush();
    }
}
