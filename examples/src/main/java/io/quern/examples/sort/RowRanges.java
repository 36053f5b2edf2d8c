package io.quern.examples.sort;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The input of the {@code sortgen} job: files of lines {@code FIRST COUNT}, each a range of rows to
 * generate. One file per map task (the files are far smaller than any split), each holding its
 * share of the rows in lines of at most {@link #ROWS_PER_LINE}, so that a task's progress moves
 * line by line. Stateless.
 */
public final class RowRanges {
    private RowRanges() {}

    /** 100,000 rows make 10 MB of records. */
    public static final long ROWS_PER_LINE = 100_000;

    /** Rows {@code first} to {@code first + count - 1}. */
    public record Range(long first, long count) {
        public Range {
            if (first < 0 || count < 0 || first + count < first) {
                throw new IllegalArgumentException("not a row range: " + first + " " + count);
            }
        }
    }

    /** @throws IllegalArgumentException when the line is not {@code FIRST COUNT} */
    public static Range parse(String line) {
        String t = line.trim();
        int space = t.indexOf(' ');
        try {
            if (space > 0) {
                return new Range(Long.parseLong(t.substring(0, space)), Long.parseLong(t.substring(space + 1).trim()));
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("sortgen input line is not 'FIRST COUNT': '" + line + "'");
    }

    /** The file of map task {@code i}. */
    public static String fileName(int i) {
        return String.format("rows-%05d", i);
    }

    /**
     * Writes {@code files} files into {@code dir} (created) covering rows 0 to {@code records - 1}, the
     * rows dealt as evenly as possible. @return the files written
     */
    public static List<Path> write(Path dir, long records, int files) throws IOException {
        if (records < 0) {
            throw new IllegalArgumentException("records must not be negative, not " + records);
        }
        if (files < 1) {
            throw new IllegalArgumentException("files must be at least 1, not " + files);
        }
        Files.createDirectories(dir);
        List<Path> out = new ArrayList<>(files);
        long first = 0;
        for (int i = 0; i < files; i++) {
            long share = records / files + (i < records % files ? 1 : 0);
            Path file = dir.resolve(fileName(i));
            try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.US_ASCII)) {
                for (long left = share; left > 0; ) {
                    long n = Math.min(left, ROWS_PER_LINE);
                    w.write(first + " " + n + "\n");
                    first += n;
                    left -= n;
                }
            }
            out.add(file);
        }
        return out;
    }
}
