package io.quern.worker.input;

import static io.quern.worker.input.LineRecordReaderTest.gzip;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.quern.common.job.FileRange;
import io.quern.worker.input.RandomText.Line;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A text reader stopped between any two records hands over exactly what it will not read: its
 * records and those of its remainder, cut anywhere and read by other readers (themselves stopped in
 * turn), are every line of the input exactly once. The expected lines are computed independently
 * of the reader.
 */
class ReaderStopPropertyTest {
    private static final int[] BUFFER_SIZES = {1, 2, 5, 16, 4096};
    /** Remainders of remainders are stopped again up to this depth, then read to the end. */
    private static final int MAX_GENERATION = 4;

    @TempDir Path dir;

    /** The ranges of one reader, and how many stops handed its input over before. */
    private record Split(List<FileRange> ranges, int generation) {}

    @Test
    void stoppedReadersAndTheirRemainders_readEveryLineExactlyOnce() throws IOException {
        for (int seed = 0; seed < 300; seed++) {
            Random random = new Random(seed);
            List<Line> expected = new ArrayList<>();
            List<FileRange> ranges = new ArrayList<>();
            int files = 1 + random.nextInt(3);
            for (int f = 0; f < files; f++) {
                Path file = dir.resolve("s" + seed + "-" + f + ".txt");
                // Now and then lines of kilobytes, longer than the largest buffer tried.
                int maxPieces = random.nextInt(4) == 0 ? 2000 : 24;
                String content = RandomText.content(random, 1 + random.nextInt(60), maxPieces);
                Files.writeString(file, content, UTF_8);
                expected.addAll(RandomText.lines(file.toString(), content));
                ranges.addAll(cut(random, List.of(new FileRange(file.toString(), 0, Files.size(file), false))));
            }
            List<Line> read = new ArrayList<>();
            Deque<Split> work = new ArrayDeque<>(group(random, ranges, 0));
            while (!work.isEmpty()) {
                Split split = work.poll();
                List<FileRange> rest = readStoppingOnce(random, split, read, seed);
                work.addAll(group(random, cut(random, rest), split.generation() + 1));
            }
            assertThat(read).as("seed %d", seed).containsExactlyInAnyOrderElementsOf(expected);
        }
    }

    @Test
    void remainderStartsAtTheFirstByteOfTheNextLine() throws IOException {
        Path file = Files.writeString(dir.resolve("abc.txt"), "aa\r\nbb\ncc\n", UTF_8);
        FileRange all = new FileRange(file.toString(), 0, Files.size(file), false);
        try (LineRecordReader reader = new LineRecordReader(List.of(all), 2)) {
            assertThat(reader.next()).isTrue();
            assertThat(reader.stop()).containsExactly(new FileRange(file.toString(), 4, 6, false));
            assertThat(reader.value()).as("the current record stays valid").isEqualTo("aa");
            assertThat(reader.next()).isFalse();
            assertThat(reader.progress()).isEqualTo(1.0);
        }
    }

    @Test
    void stopBeforeTheFirstRecord_handsOverEverything_andAfterTheLastNothing() throws IOException {
        Path file = Files.writeString(dir.resolve("ab.txt"), "a\nb", UTF_8);
        List<FileRange> ranges = List.of(new FileRange(file.toString(), 0, 2, false),
                new FileRange(file.toString(), 2, 1, false));
        try (LineRecordReader reader = new LineRecordReader(ranges, 16)) {
            assertThat(reader.stop()).isEqualTo(ranges);
            assertThat(reader.next()).isFalse();
        }
        try (LineRecordReader reader = new LineRecordReader(ranges, 16)) {
            assertThat(reader.next()).isTrue();
            assertThat(reader.next()).isTrue();
            assertThat(reader.stop()).as("the last line has no terminator: nothing is left").isEmpty();
            assertThat(reader.next()).isFalse();
        }
    }

    @Test
    void gzipRangeIsReadToItsEnd_andOnlyTheRangesAfterItAreHandedOver() throws IOException {
        List<FileRange> ranges = mixedInput();
        try (LineRecordReader reader = new LineRecordReader(ranges, 4)) {
            List<String> values = new ArrayList<>();
            while (values.size() < 4 && reader.next()) {
                values.add(reader.value());
            }
            assertThat(values).containsExactly("a1", "a2", "a3", "g1");
            assertThat(reader.stop()).containsExactly(ranges.get(2));
            while (reader.next()) {
                values.add(reader.value());
            }
            assertThat(values).containsExactly("a1", "a2", "a3", "g1", "g2", "g3");
            assertThat(reader.progress()).isEqualTo(1.0);
        }
    }

    @Test
    void stopBeforeAGzipRange_handsItOverWhole() throws IOException {
        List<FileRange> ranges = mixedInput();
        List<FileRange> rest;
        List<String> values = new ArrayList<>();
        try (LineRecordReader reader = new LineRecordReader(ranges, 4)) {
            assertThat(reader.next()).isTrue();
            values.add(reader.value());
            rest = reader.stop();
            assertThat(reader.next()).isFalse();
        }
        FileRange plain = ranges.get(0);
        assertThat(rest).containsExactly(new FileRange(plain.path(), 3, plain.length() - 3, false),
                ranges.get(1), ranges.get(2));
        try (LineRecordReader reader = new LineRecordReader(rest, 4)) {
            while (reader.next()) {
                values.add(reader.value());
            }
        }
        assertThat(values).containsExactly("a1", "a2", "a3", "g1", "g2", "g3", "c1", "c2");
    }

    /** A plain part, a gzip file and another plain part. */
    private List<FileRange> mixedInput() throws IOException {
        Path a = Files.writeString(dir.resolve("a.txt"), "a1\na2\na3\n", UTF_8);
        Path g = Files.write(dir.resolve("g.gz"), gzip("g1\ng2\ng3\n"));
        Path c = Files.writeString(dir.resolve("c.txt"), "c1\nc2\n", UTF_8);
        return List.of(new FileRange(a.toString(), 0, Files.size(a), false),
                new FileRange(g.toString(), 0, Files.size(g), true),
                new FileRange(c.toString(), 0, Files.size(c), false));
    }

    /**
     * Reads a split, stopping it after a random number of records (or not at all), and returns
     * what it handed over. A reader of text parts reads nothing after it is stopped.
     */
    private static List<FileRange> readStoppingOnce(Random random, Split split, List<Line> read, int seed)
            throws IOException {
        int bufferSize = BUFFER_SIZES[random.nextInt(BUFFER_SIZES.length)];
        int stopAfter = split.generation() < MAX_GENERATION && random.nextInt(4) != 0 ? random.nextInt(8) : -1;
        List<FileRange> rest = List.of();
        boolean stopped = false;
        try (LineRecordReader reader = new LineRecordReader(split.ranges(), bufferSize)) {
            if (stopAfter == 0) {
                rest = reader.stop();
                stopped = true;
            }
            int n = 0;
            while (reader.next()) {
                assertThat(stopped).as("seed %d: a record after stop, of %s", seed, split).isFalse();
                read.add(new Line(reader.currentFile(), reader.key(), reader.value()));
                if (++n == stopAfter) {
                    rest = reader.stop();
                    stopped = true;
                }
            }
            assertThat(reader.stop()).as("seed %d: a second stop", seed).isEmpty();
            assertThat(reader.progress()).as("seed %d: progress of %s", seed, split).isEqualTo(1.0);
        }
        return rest;
    }

    /** Cuts each range at up to three random inner points. */
    private static List<FileRange> cut(Random random, List<FileRange> ranges) {
        List<FileRange> out = new ArrayList<>();
        for (FileRange r : ranges) {
            TreeSet<Long> cuts = new TreeSet<>(List.of(r.start(), r.end()));
            for (int i = random.nextInt(4); i > 0 && r.length() > 1; i--) {
                cuts.add(r.start() + 1 + (long) random.nextInt((int) r.length() - 1));
            }
            Long from = null;
            for (long c : cuts) {
                if (from != null) {
                    out.add(new FileRange(r.path(), from, c - from, false));
                }
                from = c;
            }
            if (r.length() == 0) {
                out.add(r);
            }
        }
        return out;
    }

    /** Groups consecutive ranges into splits of one to four ranges. */
    private static List<Split> group(Random random, List<FileRange> ranges, int generation) {
        List<Split> splits = new ArrayList<>();
        for (int i = 0; i < ranges.size(); ) {
            int n = Math.min(ranges.size() - i, 1 + random.nextInt(4));
            splits.add(new Split(ranges.subList(i, i + n), generation));
            i += n;
        }
        return splits;
    }
}
