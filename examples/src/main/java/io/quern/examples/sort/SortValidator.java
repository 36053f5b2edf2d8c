package io.quern.examples.sort;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import java.util.zip.GZIPInputStream;

/**
 * Checks a sort's output against its input, as TeraValidate does: every output line is a record;
 * keys never decrease, within each part file and across them in name order; and the output holds
 * the same multiset of records as the input's records, by count and by the sum of each record's
 * CRC32 (order-independent). Input lines that are not records are left out, as the sort leaves them
 * out. Lines are read as the engine reads them: a {@code \r} before {@code \n} is no part of the line.
 * Stateless.
 */
public final class SortValidator {
    private SortValidator() {}

    /** What validation found: {@code reason} is null when valid, else one line. */
    public record Verdict(String reason, long records, long checksum, long malformedInput) {
        public boolean valid() {
            return reason == null;
        }
    }

    /** Records of some files: how many, the sum of their CRC32s, and lines that were not records. */
    public record Digest(long records, long checksum, long malformed) {}

    /** A file, or a directory's regular files whose names do not start with {@code _} or {@code .}, by name. */
    public static List<Path> files(Path fileOrDir) throws IOException {
        if (!Files.isDirectory(fileOrDir)) {
            return List.of(fileOrDir);
        }
        try (Stream<Path> s = Files.list(fileOrDir)) {
            return s.filter(Files::isRegularFile)
                    .filter(p -> !p.getFileName().toString().startsWith("_")
                            && !p.getFileName().toString().startsWith("."))
                    .sorted(Comparator.comparing(p -> p.getFileName().toString()))
                    .toList();
        }
    }

    public static Verdict validate(List<Path> input, List<Path> output) throws IOException {
        Digest in = digest(input);
        Ordered out = new Ordered();
        for (Path file : output) {
            out.file = file.getFileName().toString();
            out.line = 0;
            scan(file, out);
            if (out.reason != null) {
                return new Verdict(out.reason, out.records, out.checksum, in.malformed());
            }
        }
        String reason = null;
        if (out.records != in.records()) {
            reason = "the output holds " + out.records + " records, the input " + in.records();
        } else if (out.checksum != in.checksum()) {
            reason = "the output's records differ from the input's: checksum " + Long.toHexString(out.checksum)
                    + " against " + Long.toHexString(in.checksum());
        }
        return new Verdict(reason, out.records, out.checksum, in.malformed());
    }

    /** The records of {@code files}, in any order. */
    public static Digest digest(List<Path> files) throws IOException {
        Summing sum = new Summing();
        for (Path f : files) {
            scan(f, sum);
        }
        return new Digest(sum.records, sum.checksum, sum.malformed);
    }

    private abstract static class LineSink {
        final CRC32 crc = new CRC32();
        long records;
        long checksum;

        /** @return false to stop reading */
        abstract boolean line(byte[] buf, int off, int len);

        void add(byte[] buf, int off, int len) {
            crc.reset();
            crc.update(buf, off, len);
            crc.update('\n');
            checksum += crc.getValue();
            records++;
        }
    }

    private static final class Summing extends LineSink {
        long malformed;

        @Override
        boolean line(byte[] buf, int off, int len) {
            if (SortRecord.isValid(buf, off, len)) {
                add(buf, off, len);
            } else {
                malformed++;
            }
            return true;
        }
    }

    private static final class Ordered extends LineSink {
        private final byte[] previous = new byte[SortRecord.KEY_LENGTH];
        private boolean any;
        String file;
        long line;
        String reason;

        @Override
        boolean line(byte[] buf, int off, int len) {
            line++;
            if (!SortRecord.isValid(buf, off, len)) {
                reason = file + " line " + line + ": not a " + SortRecord.LENGTH + "-byte record";
                return false;
            }
            if (any && Arrays.compareUnsigned(buf, off, off + SortRecord.KEY_LENGTH, previous, 0,
                    SortRecord.KEY_LENGTH) < 0) {
                reason = file + " line " + line + ": key '"
                        + new String(buf, off, SortRecord.KEY_LENGTH, StandardCharsets.US_ASCII)
                        + "' is smaller than the key before it '" + new String(previous, StandardCharsets.US_ASCII)
                        + "'";
                return false;
            }
            System.arraycopy(buf, off, previous, 0, SortRecord.KEY_LENGTH);
            any = true;
            add(buf, off, len);
            return true;
        }
    }

    /** Feeds the file's lines to {@code sink}; lines longer than a record are passed cut, as non-records. */
    private static void scan(Path file, LineSink sink) throws IOException {
        byte[] line = new byte[SortRecord.LENGTH + 1];
        int len = 0;
        boolean overlong = false;
        try (InputStream raw = Files.newInputStream(file);
             InputStream in = new BufferedInputStream(
                     file.getFileName().toString().endsWith(".gz") ? new GZIPInputStream(raw, 1 << 16) : raw,
                     1 << 16)) {
            byte[] buf = new byte[1 << 16];
            int n;
            boolean pending = false;
            while ((n = in.read(buf)) > 0) {
                for (int i = 0; i < n; i++) {
                    byte b = buf[i];
                    if (b == '\n') {
                        int end = len > 0 && line[len - 1] == '\r' && !overlong ? len - 1 : len;
                        if (!sink.line(line, 0, overlong ? line.length : end)) {
                            return;
                        }
                        len = 0;
                        overlong = false;
                        pending = false;
                    } else {
                        pending = true;
                        if (len < line.length) {
                            line[len++] = b;
                        } else {
                            overlong = true;
                        }
                    }
                }
            }
            if (pending) {
                int end = len > 0 && line[len - 1] == '\r' && !overlong ? len - 1 : len;
                sink.line(line, 0, overlong ? line.length : end);
            }
        }
    }
}
