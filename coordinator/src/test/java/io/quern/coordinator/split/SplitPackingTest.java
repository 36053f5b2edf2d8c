package io.quern.coordinator.split;

import static org.assertj.core.api.Assertions.assertThat;

import io.quern.common.job.FileRange;
import io.quern.common.job.InputFormat;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Small files and the tails of cut files share splits; the properties hold for any mix of sizes. */
class SplitPackingTest {
    @TempDir Path dir;

    @Test
    void tenThousandTinyFiles_makeAHandfulOfSplits_cappedByRanges() throws Exception {
        Path in = Files.createDirectory(dir.resolve("tiny"));
        for (int i = 0; i < 10_000; i++) {
            Files.write(in.resolve(String.format("f-%05d.txt", i)), new byte[10]);
        }

        List<List<FileRange>> bySize = new InputSplitter(1000, InputFormat.TEXT).split(List.of(in));
        List<List<FileRange>> byCap = new InputSplitter(1L << 30, InputFormat.TEXT).split(List.of(in));

        assertThat(bySize).as("100 files of 10 bytes fill 1000 bytes").hasSize(100)
                .allSatisfy(split -> assertThat(split).hasSize(100));
        assertThat(byCap).as("at most %d ranges a split", InputSplitter.MAX_RANGES_PER_SPLIT)
                .hasSize(10_000 / InputSplitter.MAX_RANGES_PER_SPLIT);
        assertThat(bySize.get(0).get(0).path()).endsWith("f-00000.txt");
        assertThat(bySize.get(99).get(99).path()).endsWith("f-09999.txt");
    }

    @Test
    void tailOfACutFile_sharesASplitWithTheSmallFilesAfterIt() throws Exception {
        Path big = file("a-big.txt", 250);
        Path small = file("b-small.txt", 30);
        Path next = file("c-next.txt", 30);

        assertThat(new InputSplitter(100, InputFormat.TEXT).split(List.of(dir))).containsExactly(
                List.of(range(big, 0, 100)),
                List.of(range(big, 100, 100)),
                List.of(range(big, 200, 50), range(small, 0, 30)),
                List.of(range(next, 0, 30)));
    }

    @Test
    void bigFileBetweenSmallOnes_isCutAsBefore_andTheSmallOnesStillShareASplit() throws Exception {
        Path a = file("a.txt", 10);
        Path big = file("b.txt", 200);
        Path c = file("c.txt", 10);

        assertThat(new InputSplitter(100, InputFormat.TEXT).split(List.of(dir))).containsExactly(
                List.of(range(big, 0, 100)),
                List.of(range(big, 100, 100)),
                List.of(range(a, 0, 10), range(c, 0, 10)));
    }

    @Test
    void gzipFiles_stayWholeRanges_andSmallOnesArePackedByTheirCompressedSize() throws Exception {
        Path a = file("a.gz", 40);
        Path b = file("b.gz", 40);
        Path big = file("c.gz", 500);
        Path d = file("d.gz", 40);

        assertThat(new InputSplitter(100, InputFormat.TEXT).split(List.of(dir))).containsExactly(
                List.of(new FileRange(big.toString(), 0, 500, true)),
                List.of(new FileRange(a.toString(), 0, 40, true), new FileRange(b.toString(), 0, 40, true)),
                List.of(new FileRange(d.toString(), 0, 40, true)));
    }

    @Test
    void emptyWholeFiles_weighNothing_butCountTowardsTheRangeCap() throws Exception {
        for (int i = 0; i < 7; i++) {
            file("e" + i, 0);
        }

        List<List<FileRange>> splits = new InputSplitter(100, InputFormat.WHOLE_FILE, 3).split(List.of(dir));

        assertThat(splits).extracting(List::size).containsExactly(3, 3, 1);
    }

    /** Random directories of files from empty to a few split sizes, in both formats. */
    @RepeatedTest(60)
    void packing_coversEveryByteOnce_staysWithinTheSize_andIsDeterministic(RepetitionInfo rep) throws Exception {
        Random random = new Random(rep.getCurrentRepetition());
        long splitSize = 1 + random.nextInt(300);
        int maxRanges = 1 + random.nextInt(8);
        InputFormat format = random.nextInt(4) == 0 ? InputFormat.WHOLE_FILE : InputFormat.TEXT;
        Path in = Files.createDirectory(dir.resolve("in"));
        Map<String, Long> sizes = new HashMap<>();
        int files = 1 + random.nextInt(40);
        for (int i = 0; i < files; i++) {
            long size = switch (random.nextInt(4)) {
                case 0 -> 0;
                case 1 -> random.nextInt((int) splitSize * 4 + 1);
                default -> random.nextInt((int) Math.max(1, splitSize / 3) + 1);
            };
            String name = String.format("f-%03d%s", i, random.nextInt(5) == 0 ? ".gz" : ".txt");
            Files.write(in.resolve(name), new byte[(int) size]);
            sizes.put(in.resolve(name).toString(), size);
        }
        InputSplitter splitter = new InputSplitter(splitSize, format, maxRanges);

        List<List<FileRange>> splits = splitter.split(List.of(in));

        String what = "split size " + splitSize + ", at most " + maxRanges + " ranges, " + format + ": " + splits;
        assertThat(splitter.split(List.of(in))).as("the same again").isEqualTo(splits);
        assertThat(splits).as(what).allSatisfy(split -> {
            assertThat(split).isNotEmpty().hasSizeLessThanOrEqualTo(maxRanges);
            if (split.size() > 1) {
                assertThat(Remainders.bytes(split)).isLessThanOrEqualTo(splitSize);
            }
        });
        assertCoveredExactlyOnce(splits, sizes, format, what);
        assertPackedTightly(splits, splitSize, maxRanges, what);
    }

    /** Every byte of every file lies in exactly one range; whole ranges are whole files. */
    private static void assertCoveredExactlyOnce(List<List<FileRange>> splits, Map<String, Long> sizes,
                                                 InputFormat format, String what) {
        Map<String, List<FileRange>> byFile = new HashMap<>();
        for (List<FileRange> split : splits) {
            for (FileRange r : split) {
                byFile.computeIfAbsent(r.path(), p -> new ArrayList<>()).add(r);
            }
        }
        sizes.forEach((path, size) -> {
            List<FileRange> ranges = byFile.getOrDefault(path, List.of());
            boolean whole = format == InputFormat.WHOLE_FILE || path.endsWith(".gz");
            if (size == 0 && format == InputFormat.TEXT) {
                assertThat(ranges).as("an empty text file has no lines: " + what).isEmpty();
                return;
            }
            if (whole) {
                assertThat(ranges).as(path + ": " + what).containsExactly(new FileRange(path, 0, size, true));
                return;
            }
            List<FileRange> sorted = new ArrayList<>(ranges);
            sorted.sort((x, y) -> Long.compare(x.start(), y.start()));
            long next = 0;
            for (FileRange r : sorted) {
                assertThat(r.whole()).isFalse();
                assertThat(r.start()).as(path + " has no gap or overlap: " + what).isEqualTo(next);
                next = r.end();
            }
            assertThat(next).as(path + " is covered to its end: " + what).isEqualTo(size);
        });
        assertThat(sizes.keySet()).containsAll(byFile.keySet());
    }

    /**
     * Next fit over the small ranges in file order: a packed split was closed only because the next
     * small range would not fit in bytes or in ranges.
     */
    private static void assertPackedTightly(List<List<FileRange>> splits, long splitSize, int maxRanges,
                                            String what) {
        List<List<FileRange>> packed = splits.stream().filter(s -> Remainders.bytes(s) < splitSize || s.size() > 1)
                .toList();
        for (int i = 0; i + 1 < packed.size(); i++) {
            List<FileRange> closed = packed.get(i);
            FileRange next = packed.get(i + 1).get(0);
            assertThat(Remainders.bytes(closed) + next.length() > splitSize || closed.size() == maxRanges)
                    .as("split %d could have taken %s: %s", i, next, what).isTrue();
        }
    }

    private Path file(String name, int length) throws IOException {
        return Files.write(dir.resolve(name), new byte[length]);
    }

    private static FileRange range(Path file, long start, long length) {
        return new FileRange(file.toString(), start, length, false);
    }
}
