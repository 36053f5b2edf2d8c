package io.quern.common.job;

import java.util.Locale;

/** Byte counts as people read them in messages and summaries ({@code 64.0 MiB}). */
public final class ByteSizes {
    private ByteSizes() {}

    /** {@code 100 B}, {@code 1.5 KiB}, {@code 64.0 MiB}, {@code 1.0 GiB}: binary units, one decimal. */
    public static String format(long b) {
        if (b < 1024) {
            return b + " B";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};
        double v = b;
        int u = -1;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return String.format(Locale.ROOT, "%.1f %s", v, units[u]);
    }
}
