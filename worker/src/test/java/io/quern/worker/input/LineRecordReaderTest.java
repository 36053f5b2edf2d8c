package io.quern.worker.input;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.quern.common.job.FileRange;
import io.quern.common.job.InputFormat;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LineRecordReaderTest {
    @TempDir Path dir;

    @Test
    void keysAreByteOffsets_afterMultiByteCharacters() throws IOException {
        Path file = write("utf8.txt", "é€😀\nnext\n字\n");
        assertThat(readWhole(file)).containsExactly(
                tuple(0L, "é€😀"), tuple(10L, "next"), tuple(15L, "字"));
    }

    @Test
    void emptyFile_yieldsNoRecord() throws IOException {
        assertThat(readWhole(write("empty.txt", ""))).isEmpty();
    }

    @Test
    void fileOfOneNewline_yieldsOneEmptyLine() throws IOException {
        assertThat(readWhole(write("nl.txt", "\n"))).containsExactly(tuple(0L, ""));
    }

    @Test
    void emptyLinesInTheMiddle_areRecords_andALastLineNeedsNoTerminator() throws IOException {
        assertThat(readWhole(write("abc.txt", "a\n\nb")))
                .containsExactly(tuple(0L, "a"), tuple(2L, ""), tuple(3L, "b"));
    }

    @Test
    void crlfIsOneTerminator_butALoneCarriageReturnBelongsToTheLine() throws IOException {
        assertThat(readWhole(write("cr.txt", "a\rb\r\n\r\nc\r")))
                .containsExactly(tuple(0L, "a\rb"), tuple(5L, ""), tuple(7L, "c\r"));
    }

    @Test
    void malformedUtf8_becomesReplacementCharacters() throws IOException {
        Path file = dir.resolve("bad.txt");
        Files.write(file, new byte[] {'a', (byte) 0xFF, 'b', '\n', (byte) 0xE2, (byte) 0x82});
        assertThat(readWhole(file)).containsExactly(tuple(0L, "a\uFFFDb"), tuple(4L, "\uFFFD"));
    }

    @Test
    void lineStartingExactlyAtARangeStart_belongsToThatRange() throws IOException {
        Path file = write("ab.txt", "ab\ncd\nef\n");
        assertThat(read(range(file, 0, 3))).containsExactly(tuple(0L, "ab"));
        assertThat(read(range(file, 3, 3))).containsExactly(tuple(3L, "cd"));
        assertThat(read(range(file, 6, 3))).containsExactly(tuple(6L, "ef"));
    }

    @Test
    void rangeEndingMidLine_readsPastItsEndToFinishTheLine() throws IOException {
        Path file = write("mid.txt", "first line\nsecond line\nthird\n");
        assertThat(read(range(file, 0, 13))).containsExactly(tuple(0L, "first line"), tuple(11L, "second line"));
        assertThat(read(range(file, 13, 17))).containsExactly(tuple(23L, "third"));
    }

    @Test
    void rangeInsideOneLine_yieldsNothing() throws IOException {
        Path file = write("inside.txt", "0123456789\n");
        assertThat(read(range(file, 3, 4))).isEmpty();
        assertThat(read(range(file, 10, 1))).isEmpty(); // just the '\n'
    }

    @Test
    void rangesAreReadInOrder_acrossFiles() throws IOException {
        Path one = write("one.txt", "x\ny\n");
        Path two = write("two.txt", "z");
        List<String> seen = new ArrayList<>();
        try (RecordReader<?, ?> reader = RecordReaders.open(InputFormat.TEXT,
                List.of(range(two, 0, 1), range(one, 2, 2), range(one, 0, 2)))) {
            while (reader.next()) {
                seen.add(reader.currentFile() + "@" + reader.key() + "=" + reader.value());
            }
            assertThat(reader.bytesRead()).isEqualTo(5);
            assertThat(reader.progress()).isEqualTo(1.0);
        }
        assertThat(seen).containsExactly(two + "@0=z", one + "@2=y", one + "@0=x");
    }

    /** The shape the splitter packs: the tail of a cut file (starting mid-line), then small files. */
    @Test
    void packedSplit_namesEachRecordsOwnFileAndOffset_andProgressSpansAllRanges() throws IOException {
        Path cut = write("cut.txt", "head line\ntail one\ntail two\n");
        Path small = write("small.txt", "s0\ns1");
        Path gz = dir.resolve("z.gz");
        Files.write(gz, gzip("g0\n"));
        List<FileRange> split = List.of(range(cut, 5, 23), range(small, 0, 5), whole(gz));
        long total = 23 + 5 + Files.size(gz);
        List<String> seen = new ArrayList<>();
        double last = 0;
        try (RecordReader<?, ?> reader = RecordReaders.open(InputFormat.TEXT, split)) {
            while (reader.next()) {
                seen.add(reader.currentFile() + ":" + reader.currentOffset() + "=" + reader.value());
                assertThat(reader.key()).isEqualTo(reader.currentOffset());
                assertThat(reader.progress()).isBetween(last, 1.0);
                last = reader.progress();
            }
            assertThat(reader.progress()).isEqualTo(1.0);
            assertThat(reader.bytesRead()).isEqualTo(total);
        }
        assertThat(seen).containsExactly(cut + ":10=tail one", cut + ":19=tail two", small + ":0=s0",
                small + ":3=s1", gz + ":0=g0");
    }

    @Test
    void stopInsideAPackedSplit_handsOverTheRestOfItsFileAndTheFilesAfterIt() throws IOException {
        Path a = write("a.txt", "a0\na1\na2\n");
        Path b = write("b.txt", "b0\n");
        try (RecordReader<?, ?> reader = RecordReaders.open(InputFormat.TEXT, List.of(range(a, 0, 9), range(b, 0, 3)))) {
            assertThat(reader.next()).isTrue();
            assertThat(reader.currentFile()).isEqualTo(a.toString());
            assertThat(reader.stop()).containsExactly(range(a, 3, 6), range(b, 0, 3));
            assertThat(reader.next()).isFalse();
        }
    }

    @Test
    void progressGrowsWithTheBytesConsumed() throws IOException {
        Path file = write("progress.txt", "aaaa\nbbbb\ncccc\ndddd\n");
        try (LineRecordReader reader = new LineRecordReader(List.of(range(file, 0, 20)), 4)) {
            assertThat(reader.progress()).isZero();
            assertThat(reader.next()).isTrue();
            assertThat(reader.bytesRead()).isEqualTo(5);
            assertThat(reader.progress()).isEqualTo(0.25);
            while (reader.next()) {
                assertThat(reader.progress()).isLessThanOrEqualTo(1.0);
            }
            assertThat(reader.bytesRead()).isEqualTo(20);
            assertThat(reader.progress()).isEqualTo(1.0);
        }
    }

    @Test
    void gzipFile_isDecompressed_withOffsetsInTheDecompressedStream() throws IOException {
        Path file = dir.resolve("lines.gz");
        Files.write(file, gzip("é\nsecond\r\nthird"));
        try (RecordReader<?, ?> reader = RecordReaders.open(InputFormat.TEXT, List.of(whole(file)))) {
            List<Tuple> records = new ArrayList<>();
            while (reader.next()) {
                records.add(tuple(reader.key(), reader.value()));
            }
            assertThat(records).containsExactly(tuple(0L, "é"), tuple(3L, "second"), tuple(11L, "third"));
            assertThat(reader.bytesRead()).as("compressed bytes").isEqualTo(Files.size(file));
            assertThat(reader.progress()).isEqualTo(1.0);
        }
    }

    @Test
    void multiMemberGzip_isReadToTheLastMember() throws IOException {
        Path file = dir.resolve("multi.gz");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.write(gzip("a\nb\n"));
        bytes.write(gzip("c\n"));
        bytes.write(gzip("d"));
        Files.write(file, bytes.toByteArray());
        assertThat(read(whole(file)))
                .containsExactly(tuple(0L, "a"), tuple(2L, "b"), tuple(4L, "c"), tuple(6L, "d"));
    }

    @Test
    void largeGzip_isReadAcrossManyBufferRefills() throws IOException {
        StringBuilder sb = new StringBuilder();
        List<Tuple> expected = new ArrayList<>();
        long offset = 0;
        for (int i = 0; i < 50_000; i++) {
            String line = "line " + i;
            expected.add(tuple(offset, line));
            sb.append(line).append('\n');
            offset += line.length() + 1;
        }
        Path file = dir.resolve("large.gz");
        Files.write(file, gzip(sb.toString()));
        assertThat(read(whole(file))).containsExactlyElementsOf(expected);
    }

    @Test
    void emptyGzipFile_yieldsNoRecord() throws IOException {
        Path file = dir.resolve("empty.gz");
        Files.write(file, new byte[0]);
        assertThat(read(whole(file))).isEmpty();
    }

    @Test
    void partOfAGzipFile_isRejected() throws IOException {
        Path file = dir.resolve("part.gz");
        Files.write(file, gzip("a\n"));
        assertThatThrownBy(() -> RecordReaders.open(InputFormat.TEXT, List.of(range(file, 0, 2))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(file.toString());
    }

    @Test
    void corruptGzip_failsWithAMessageNamingTheFile() throws IOException {
        Path file = dir.resolve("corrupt.gz");
        Files.writeString(file, "not gzip at all");
        assertThatThrownBy(() -> read(whole(file)))
                .isInstanceOf(IOException.class)
                .hasMessageContaining(file.toString());
    }

    @Test
    void missingFile_failsNamingIt() {
        Path file = dir.resolve("missing.txt");
        assertThatThrownBy(() -> read(range(file, 0, 10)))
                .isInstanceOf(NoSuchFileException.class)
                .hasMessageContaining(file.toString());
    }

    @Test
    void nextAfterClose_isRejected() throws IOException {
        Path file = write("closed.txt", "a\n");
        RecordReader<?, ?> reader = RecordReaders.open(InputFormat.TEXT, List.of(range(file, 0, 2)));
        reader.close();
        reader.close();
        assertThatThrownBy(reader::next).isInstanceOf(IllegalStateException.class);
    }

    private Path write(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content, StandardCharsets.UTF_8);
    }

    private static FileRange range(Path file, long start, long length) {
        return new FileRange(file.toString(), start, length, false);
    }

    private static FileRange whole(Path file) throws IOException {
        return new FileRange(file.toString(), 0, Files.size(file), true);
    }

    private static List<Tuple> readWhole(Path file) throws IOException {
        List<Tuple> viaRange = read(range(file, 0, Files.size(file)));
        assertThat(read(whole(file))).isEqualTo(viaRange);
        return viaRange;
    }

    private static List<Tuple> read(FileRange range) throws IOException {
        List<Tuple> records = new ArrayList<>();
        try (RecordReader<?, ?> reader = RecordReaders.open(InputFormat.TEXT, List.of(range))) {
            while (reader.next()) {
                Long key = (Long) reader.key();
                if (key != reader.currentOffset()) {
                    throw new AssertionError("key " + key + " but offset " + reader.currentOffset());
                }
                records.add(tuple(key, (String) reader.value()));
            }
        }
        return records;
    }

    static byte[] gzip(String content) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
            out.write(content.getBytes(StandardCharsets.UTF_8));
        }
        return bytes.toByteArray();
    }
}
