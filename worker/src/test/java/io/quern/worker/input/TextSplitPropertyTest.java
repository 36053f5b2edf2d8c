package io.quern.worker.input;

import static org.assertj.core.api.Assertions.assertThat;

import io.quern.common.job.FileRange;
import io.quern.worker.input.RandomText.Line;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Whatever the split boundaries and buffer size, the splits of a text file together yield each of
 * its lines exactly once, with its byte offset. The expected lines are computed independently, by
 * splitting the decoded content rather than scanning bytes.
 */
class TextSplitPropertyTest {
    private static final int[] BUFFER_SIZES = {1, 2, 5, 16, 4096, LineRecordReader.DEFAULT_BUFFER_SIZE};

    @TempDir Path dir;

    /** Reads a file's splits, one reader per range [cuts[i], cuts[i+1]). */
    @FunctionalInterface
    private interface SplitReader {
        List<Line> read(Path file, List<Long> cuts, int bufferSize) throws IOException;
    }

    @Test
    void everyLineIsReadExactlyOnce_whateverTheSplitSize() throws IOException {
        everyLineOnce(TextSplitPropertyTest::readSplits, "f", new long[] {1, 2, 3, 7, 64, 1000});
    }

    @Test
    void chunksHoldEveryLineExactlyOnce_asLineByLineReadingDoes() throws IOException {
        everyLineOnce(TextSplitPropertyTest::readChunkedSplits, "c", new long[] {1, 3, 64, 1000});
    }

    private void everyLineOnce(SplitReader reader, String prefix, long[] splitSizes) throws IOException {
        for (int seed = 0; seed < 40; seed++) {
            Random random = new Random(seed);
            Path file = dir.resolve(prefix + seed + ".txt");
            String content = RandomText.content(random, 1 + random.nextInt(80), 24);
            Files.writeString(file, content, StandardCharsets.UTF_8);
            long length = Files.size(file);
            List<Line> expected = RandomText.lines(file.toString(), content);
            long[] sizes = java.util.Arrays.copyOf(splitSizes, splitSizes.length + 1);
            sizes[splitSizes.length] = length + 5;
            for (long splitSize : sizes) {
                int bufferSize = BUFFER_SIZES[random.nextInt(BUFFER_SIZES.length)];
                assertThat(reader.read(file, fixedCuts(length, splitSize), bufferSize))
                        .as("seed %d, split size %d, buffer %d", seed, splitSize, bufferSize)
                        .containsExactlyElementsOf(expected);
            }
            List<Long> cuts = randomCuts(random, length);
            int bufferSize = BUFFER_SIZES[random.nextInt(BUFFER_SIZES.length)];
            assertThat(reader.read(file, cuts, bufferSize))
                    .as("seed %d, cuts %s, buffer %d", seed, cuts, bufferSize)
                    .containsExactlyElementsOf(expected);
        }
    }

    @Test
    void multiMegabyteLine_isReadWholeByTheSplitHoldingItsStart() throws IOException {
        Random random = new Random(42);
        StringBuilder sb = new StringBuilder();
        sb.append(RandomText.content(random, 20, 30));
        sb.append("\n");
        for (int i = 0; i < 600_000; i++) {
            sb.append(i % 1000 == 0 ? "😀" : "word ");
        }
        sb.append(random.nextBoolean() ? "\r\n" : "\n");
        sb.append(RandomText.content(random, 20, 30));
        String content = sb.toString();
        Path file = dir.resolve("long.txt");
        Files.writeString(file, content, StandardCharsets.UTF_8);
        long length = Files.size(file);
        List<Line> expected = RandomText.lines(file.toString(), content);
        for (long splitSize : new long[] {4096, 64 * 1024, 1 << 20, length}) {
            for (int bufferSize : new int[] {1024, LineRecordReader.DEFAULT_BUFFER_SIZE}) {
                assertThat(readSplits(file, fixedCuts(length, splitSize), bufferSize))
                        .as("split size %d, buffer %d", splitSize, bufferSize)
                        .containsExactlyElementsOf(expected);
            }
        }
    }

    private static List<Long> fixedCuts(long length, long splitSize) {
        List<Long> cuts = new ArrayList<>();
        for (long c = 0; c < length; c += splitSize) {
            cuts.add(c);
        }
        cuts.add(length);
        return cuts;
    }

    private static List<Long> randomCuts(Random random, long length) {
        TreeSet<Long> cuts = new TreeSet<>(List.of(0L, length));
        int n = random.nextInt(12);
        for (int i = 0; i < n && length > 0; i++) {
            cuts.add((long) random.nextInt((int) length));
        }
        return new ArrayList<>(cuts);
    }

    /**
     * Reads each range with its own reader in chunks, and cuts the chunks into lines independently:
     * at each {@code \n}, dropping a {@code \r} before it.
     */
    private static List<Line> readChunkedSplits(Path file, List<Long> cuts, int bufferSize) throws IOException {
        List<Line> all = new ArrayList<>();
        for (int i = 0; i + 1 < cuts.size(); i++) {
            FileRange range = new FileRange(
                    file.toString(), cuts.get(i), cuts.get(i + 1) - cuts.get(i), false);
            try (LineRecordReader reader = new LineRecordReader(List.of(range), bufferSize)) {
                while (reader.nextChunk()) {
                    assertThat(reader.currentFile()).isEqualTo(file.toString());
                    byte[] b = reader.chunk();
                    assertThat(reader.chunkEnd()).isGreaterThan(reader.chunkStart());
                    int start = reader.chunkStart();
                    for (int p = start; p < reader.chunkEnd(); p++) {
                        boolean last = p == reader.chunkEnd() - 1;
                        if (b[p] == '\n' || last) {
                            int end = b[p] == '\n' ? (p > start && b[p - 1] == '\r' ? p - 1 : p) : p + 1;
                            all.add(new Line(file.toString(), reader.chunkOffset() + (start - reader.chunkStart()),
                                    new String(b, start, end - start, StandardCharsets.UTF_8)));
                            start = p + 1;
                        }
                    }
                }
                assertThat(reader.progress()).isEqualTo(1.0);
            }
        }
        return all;
    }

    /** Reads each range [cuts[i], cuts[i+1]) with its own reader, the way map tasks would. */
    private static List<Line> readSplits(Path file, List<Long> cuts, int bufferSize)
            throws IOException {
        List<Line> all = new ArrayList<>();
        for (int i = 0; i + 1 < cuts.size(); i++) {
            FileRange range = new FileRange(
                    file.toString(), cuts.get(i), cuts.get(i + 1) - cuts.get(i), false);
            List<Line> split = new ArrayList<>();
            try (LineRecordReader reader = new LineRecordReader(List.of(range), bufferSize)) {
                while (reader.next()) {
                    assertThat(reader.currentFile()).isEqualTo(file.toString());
                    assertThat(reader.currentOffset()).isEqualTo(reader.key());
                    split.add(new Line(file.toString(), reader.key(), reader.value()));
                }
                assertThat(reader.progress()).isEqualTo(1.0);
            }
            assertThat(split).as("lines of split %s in order", range)
                    .isSortedAccordingTo(Comparator.comparingLong(Line::offset));
            all.addAll(split);
        }
        return all;
    }
}
