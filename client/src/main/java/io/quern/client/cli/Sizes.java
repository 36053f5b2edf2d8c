package io.quern.client.cli;

import java.time.Duration;
import java.util.Locale;
import picocli.CommandLine;

/** Parsers for sizes ({@code 64m}) and durations ({@code 90s}) on the command line. */
public final class Sizes {
    private Sizes() {}

    /** Bytes with an optional binary suffix k, m or g. */
    public static long parseBytes(String s) {
        String t = s.trim().toLowerCase(Locale.ROOT);
        long mult = 1;
        if (!t.isEmpty()) {
            switch (t.charAt(t.length() - 1)) {
                case 'k' -> mult = 1L << 10;
                case 'm' -> mult = 1L << 20;
                case 'g' -> mult = 1L << 30;
                default -> mult = 1;
            }
        }
        String digits = mult == 1 ? t : t.substring(0, t.length() - 1);
        try {
            long v = Long.parseLong(digits);
            if (v <= 0) {
                throw new NumberFormatException();
            }
            return Math.multiplyExact(v, mult);
        } catch (NumberFormatException | ArithmeticException e) {
            throw new IllegalArgumentException("'" + s + "' is not a size (a positive number, optionally with k, m or g)");
        }
    }

    /** A duration: a number with ms, s, m or h ({@code 90s}, {@code 30m}). */
    public static Duration parseDuration(String s) {
        return io.quern.common.job.EngineConf.parseDuration(s);
    }

    /** Picocli's converter for sizes, for options of other modules' commands too. */
    public static final class ByteSize implements CommandLine.ITypeConverter<Long> {
        @Override
        public Long convert(String value) {
            try {
                return parseBytes(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }

    static final class DurationConverter implements CommandLine.ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            try {
                return parseDuration(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }
}
