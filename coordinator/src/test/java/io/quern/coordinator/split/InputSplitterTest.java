package io.quern.coordinator.split;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.quern.common.job.FileRange;
import io.quern.common.job.InputFormat;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InputSplitterTest {
    @TempDir Path dir;

    @Test
    void aSmallInput_isPackedIntoSixteenthsOfItself_notIntoOneSplit() throws Exception {
        Path in = Files.createDirectory(dir.resolve("small-input"));
        byte[] line = "word word word\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        byte[] content = new byte[100 * 1024];
        for (int i = 0; i < content.length; i++) {
            content[i] = line[i % line.length];
        }
        for (int f = 0; f < 20; f++) {
            Files.write(in.resolve(String.format("f%02d", f)), content);
        }

        List<List<FileRange>> splits = new InputSplitter(64L << 20, InputFormat.TEXT).split(List.of(in));

        // 2,000 KiB in all: a sixteenth is below the 1 MiB floor, so splits of 1 MiB, ten files each.
        assertThat(splits).hasSize(2).allSatisfy(split -> assertThat(split).hasSize(10));
    }

    @Test
    void packSize_isTheSplitSize_butASixteenthOfASmallInput_atLeastOneMebibyte() {
        long mib = 1 << 20;
        assertThat(InputSplitter.packSize(64 * mib, 1024 * mib)).isEqualTo(64 * mib);
        assertThat(InputSplitter.packSize(64 * mib, 16 * mib)).isEqualTo(mib);
        assertThat(InputSplitter.packSize(64 * mib, 160 * mib)).isEqualTo(10 * mib);
        assertThat(InputSplitter.packSize(64 * mib, 1000)).isEqualTo(mib);
        assertThat(InputSplitter.packSize(100, 1000)).as("never above the split size").isEqualTo(100);
    }

    @Test
    void directory_readsVisibleRegularFilesInNameOrder_notRecursively() throws Exception {
        Path in = Files.createDirectory(dir.resolve("in"));
        file(in.resolve("b.txt"), 3);
        file(in.resolve("a.txt"), 2);
        file(in.resolve("_SUCCESS"), 1);
        file(in.resolve(".hidden"), 1);
        Path sub = Files.createDirectory(in.resolve("sub"));
        file(sub.resolve("c.txt"), 1);

        InputSplitter splitter = new InputSplitter(100, InputFormat.TEXT);
        assertThat(splitter.split(List.of(in))).containsExactly(List.of(
                new FileRange(in.resolve("a.txt").toString(), 0, 2, false),
                new FileRange(in.resolve("b.txt").toString(), 0, 3, false)));
        assertThat(splitter.totalBytes()).isEqualTo(5);
    }

    @Test
    void fileNamedDirectly_isReadEvenIfHidden_andTwiceIfNamedTwice() throws Exception {
        Path f = file(dir.resolve("_data"), 4);
        List<List<FileRange>> splits = new InputSplitter(100, InputFormat.TEXT).split(List.of(f, f));
        assertThat(splits).containsExactly(List.of(new FileRange(f.toString(), 0, 4, false),
                new FileRange(f.toString(), 0, 4, false)));
    }

    @Test
    void pathsAreAbsoluteAndNormalized() throws Exception {
        Path f = file(dir.resolve("x.txt"), 1);
        Path roundabout = dir.resolve("sub/../x.txt");
        Path relative = Path.of("").toAbsolutePath().relativize(roundabout);
        List<List<FileRange>> splits = new InputSplitter(10, InputFormat.TEXT).split(List.of(relative));
        assertThat(splits.get(0).get(0).path()).isEqualTo(f.toString());
    }

    @Test
    void missingInput_isReportedByPath() {
        Path missing = dir.resolve("nope");
        assertThatThrownBy(() -> new InputSplitter(10, InputFormat.TEXT).split(List.of(missing)))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("input not found: " + missing);
    }

    @Test
    void inputThatIsNeitherFileNorDirectory_isReportedByPath() {
        Path device = Path.of("/dev/null");
        assumeTrue(Files.exists(device) && !Files.isRegularFile(device));
        assertThatThrownBy(() -> new InputSplitter(10, InputFormat.TEXT).split(List.of(device)))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("input is not a file or directory: /dev/null");
    }

    @Test
    void unreadableInput_isReportedByPath() throws Exception {
        Path f = file(dir.resolve("secret.txt"), 1);
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("---------"));
        assumeTrue(!Files.isReadable(f), "permissions are not enforced for this user");
        assertThatThrownBy(() -> new InputSplitter(10, InputFormat.TEXT).split(List.of(f)))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("input not readable: " + f);
    }

    @Test
    void lastSplitAbsorbsATailOfUpToTenPercent() throws Exception {
        assertThat(lengths(105, 100)).containsExactly(105L);
        assertThat(lengths(110, 100)).containsExactly(110L);
        assertThat(lengths(111, 100)).containsExactly(100L, 11L);
        assertThat(lengths(100, 100)).containsExactly(100L);
        assertThat(lengths(99, 100)).containsExactly(99L);
        assertThat(lengths(310, 100)).containsExactly(100L, 100L, 110L);
        assertThat(lengths(320, 100)).containsExactly(100L, 100L, 100L, 20L);
        assertThat(lengths(3, 1)).containsExactly(1L, 1L, 1L);
        assertThat(lengths(7, 3)).containsExactly(3L, 3L, 1L);
        assertThat(lengths(33, 30)).containsExactly(33L);
    }

    @Test
    void slopRule_agreesWithHadoopsFloatingPointFormula() throws Exception {
        Path f = dir.resolve("slop");
        for (int length = 1; length <= 300; length += 7) {
            file(f, length);
            for (long splitSize = 1; splitSize <= 120; splitSize++) {
                List<Long> expected = new ArrayList<>();
                long remaining = length;
                while (((double) remaining) / splitSize > 1.1) {
                    expected.add(splitSize);
                    remaining -= splitSize;
                }
                expected.add(remaining);
                List<Long> actual = new InputSplitter(splitSize, InputFormat.TEXT).split(List.of(f))
                        .stream().map(split -> split.get(0).length()).toList();
                assertThat(actual).as("length %d, split size %d", length, splitSize)
                        .isEqualTo(expected);
            }
        }
    }

    @Test
    void textSplits_coverTheFileContiguously() throws Exception {
        Path f = file(dir.resolve("big.txt"), 1005);
        List<List<FileRange>> splits = new InputSplitter(100, InputFormat.TEXT).split(List.of(f));
        long next = 0;
        for (List<FileRange> split : splits) {
            assertThat(split).hasSize(1);
            FileRange r = split.get(0);
            assertThat(r.start()).isEqualTo(next);
            assertThat(r.whole()).isFalse();
            next = r.end();
        }
        assertThat(next).isEqualTo(1005);
        assertThat(splits).hasSize(10);
        assertThat(splits.get(9).get(0).length()).isEqualTo(105);
    }

    @Test
    void gzipFile_isOneWholeRange_whateverItsSize() throws Exception {
        Path gz = file(dir.resolve("logs.gz"), 500);
        assertThat(new InputSplitter(10, InputFormat.TEXT).split(List.of(gz)))
                .containsExactly(List.of(new FileRange(gz.toString(), 0, 500, true)));
    }

    @Test
    void emptyFilesAndEmptyDirectories_areAnEmptyTextInput() throws Exception {
        Path empty = file(dir.resolve("empty.txt"), 0);
        Path emptyGz = file(dir.resolve("empty.gz"), 0);
        Path emptyDir = Files.createDirectory(dir.resolve("none"));
        InputSplitter splitter = new InputSplitter(10, InputFormat.TEXT);
        assertThat(splitter.split(List.of(empty, emptyGz, emptyDir))).isEmpty();
        assertThat(splitter.totalBytes()).isZero();
    }

    @Test
    void wholeFileFormat_makesOneWholeRangePerFile_emptyOnesIncluded() throws Exception {
        Path big = file(dir.resolve("big.txt"), 250);
        Path empty = file(dir.resolve("empty.txt"), 0);
        Path gz = file(dir.resolve("z.gz"), 30);
        InputSplitter splitter = new InputSplitter(100, InputFormat.WHOLE_FILE);
        assertThat(splitter.split(List.of(big, empty, gz))).containsExactly(
                List.of(new FileRange(big.toString(), 0, 250, true)),
                List.of(new FileRange(empty.toString(), 0, 0, true), new FileRange(gz.toString(), 0, 30, true)));
        assertThat(splitter.totalBytes()).isEqualTo(280);
    }

    @Test
    void totalBytes_countsOnlyTheLastCall() throws Exception {
        Path f = file(dir.resolve("f.txt"), 40);
        InputSplitter splitter = new InputSplitter(100, InputFormat.TEXT);
        splitter.split(List.of(f, f));
        assertThat(splitter.totalBytes()).isEqualTo(80);
        splitter.split(List.of(f));
        assertThat(splitter.totalBytes()).isEqualTo(40);
    }

    @Test
    void splitSizeBelowOne_isRejected() {
        assertThatThrownBy(() -> new InputSplitter(0, InputFormat.TEXT))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("splitSize");
    }

    private List<Long> lengths(int fileLength, long splitSize) throws Exception {
        Path f = file(dir.resolve("len-" + fileLength + "-" + splitSize), fileLength);
        return new InputSplitter(splitSize, InputFormat.TEXT).split(List.of(f)).stream()
                .map(split -> split.get(0).length())
                .toList();
    }

    private static Path file(Path path, int length) throws IOException {
        return Files.write(path, new byte[length]);
    }
}
