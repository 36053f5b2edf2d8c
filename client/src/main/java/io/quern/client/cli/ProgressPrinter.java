package io.quern.client.cli;

import io.quern.client.JobStatus;
import io.quern.client.Phase;
import java.io.PrintStream;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * Live progress on stderr: a line redrawn in place on a terminal; otherwise a new line when a phase
 * moves on by a tenth or every few seconds, so logs of non-interactive runs stay short. New job
 * events (re-runs, lost workers) are printed as they arrive. Confined to one thread.
 */
final class ProgressPrinter {
    private static final long QUIET_LINE_EVERY_MILLIS = 5_000;
    private final PrintStream err;
    private final boolean terminal;
    private final LongSupplier clock;
    private final long start;
    private final Set<String> shownEvents = new HashSet<>();
    private long lastLineMillis;
    private int lastDecile = -1;
    private int lastWidth;

    ProgressPrinter(PrintStream err, boolean terminal, LongSupplier clockMillis) {
        this.err = err;
        this.terminal = terminal;
        this.clock = clockMillis;
        this.start = clockMillis.getAsLong();
    }

    void update(JobStatus s) {
        for (String e : s.events()) {
            if (shownEvents.add(e)) {
                clearLine();
                err.println("  ! " + e);
            }
        }
        long now = clock.getAsLong();
        String line = line(s, now - start);
        if (terminal) {
            clearLine();
            err.print(line);
            lastWidth = line.length();
            err.flush();
            return;
        }
        int decile = (int) ((s.map().fraction() + s.reduce().fraction()) * 10);
        if (decile != lastDecile || now - lastLineMillis >= QUIET_LINE_EVERY_MILLIS || s.isDone()) {
            err.println(line);
            lastDecile = decile;
            lastLineMillis = now;
        }
    }

    void finish() {
        if (terminal && lastWidth > 0) {
            err.println();
            lastWidth = 0;
        }
    }

    private void clearLine() {
        if (terminal && lastWidth > 0) {
            err.print("\r" + " ".repeat(lastWidth) + "\r");
            lastWidth = 0;
        }
    }

    static String line(JobStatus s, long elapsedMillis) {
        return String.format(Locale.ROOT, "%s map %s %3d%% %s | reduce %s %3d%% %s | read %s, shuffled %s | %s",
                Format.clock(elapsedMillis),
                Format.bar(s.map().fraction(), 20), Math.round(s.map().fraction() * 100), tasks(s.map()),
                Format.bar(s.reduce().fraction(), 10), Math.round(s.reduce().fraction() * 100), tasks(s.reduce()),
                Format.bytes(s.bytesRead()), Format.bytes(s.bytesShuffled()), s.state());
    }

    private static String tasks(Phase p) {
        String t = p.succeeded() + "/" + p.total() + " done, " + p.running() + " running";
        return p.failedAttempts() > 0 ? t + ", " + p.failedAttempts() + " failed" : t;
    }
}
