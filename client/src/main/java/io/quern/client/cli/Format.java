package io.quern.client.cli;

import java.util.Locale;

/** Human-readable numbers for progress and summaries. */
final class Format {
    private Format() {}

    static String bytes(long b) {
        return io.quern.common.job.ByteSizes.format(b);
    }

    static String seconds(long millis) {
        return String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
    }

    static String clock(long millis) {
        long s = millis / 1000;
        return String.format(Locale.ROOT, "%02d:%02d", s / 60, s % 60);
    }

    static String bar(double fraction, int width) {
        int filled = (int) Math.round(Math.max(0, Math.min(1, fraction)) * width);
        return "[" + "#".repeat(filled) + ".".repeat(width - filled) + "]";
    }
}
