package io.quern.worker.input;

import static io.quern.worker.input.LineRecordReaderTest.gzip;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.quern.common.job.FileRange;
import io.quern.common.job.InputFormat;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WholeFileRecordReaderTest {
    @TempDir Path dir;

    @Test
    void eachFileIsOneRecord_keyedByItsPath() throws IOException {
        Path a = Files.writeString(dir.resolve("a.txt"), "line 1\r\nline 2\n€", StandardCharsets.UTF_8);
        Path b = Files.writeString(dir.resolve("b.txt"), "b", StandardCharsets.UTF_8);
        assertThat(read(whole(a), whole(b)))
                .containsExactly(tuple(a.toString(), "line 1\r\nline 2\n€"), tuple(b.toString(), "b"));
    }

    @Test
    void emptyFile_isOneRecordWithAnEmptyValue() throws IOException {
        Path empty = Files.createFile(dir.resolve("empty"));
        assertThat(read(whole(empty))).containsExactly(tuple(empty.toString(), ""));
    }

    @Test
    void gzipFile_isDecompressed_andCountedInCompressedBytes() throws IOException {
        Path file = dir.resolve("doc.gz");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.write(gzip("first member\n"));
        bytes.write(gzip("second 😀"));
        Files.write(file, bytes.toByteArray());
        try (RecordReader<?, ?> reader = RecordReaders.open(InputFormat.WHOLE_FILE, List.of(whole(file)))) {
            assertThat(reader.progress()).isZero();
            assertThat(reader.next()).isTrue();
            assertThat(reader.key()).isEqualTo(file.toString());
            assertThat(reader.value()).isEqualTo("first member\nsecond 😀");
            assertThat(reader.currentFile()).isEqualTo(file.toString());
            assertThat(reader.currentOffset()).isZero();
            assertThat(reader.bytesRead()).isEqualTo(Files.size(file));
            assertThat(reader.progress()).isEqualTo(1.0);
            assertThat(reader.next()).isFalse();
        }
    }

    @Test
    void emptyGzipFile_isOneRecordWithAnEmptyValue() throws IOException {
        Path file = Files.createFile(dir.resolve("empty.gz"));
        assertThat(read(whole(file))).containsExactly(tuple(file.toString(), ""));
    }

    @Test
    void partOfAFile_isRejected() throws IOException {
        Path file = Files.writeString(dir.resolve("part.txt"), "abc");
        assertThatThrownBy(() -> RecordReaders.open(InputFormat.WHOLE_FILE,
                        List.of(new FileRange(file.toString(), 0, 2, false))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(file.toString());
    }

    @Test
    void stop_handsOverTheFilesNotReadYet() throws IOException {
        FileRange a = whole(Files.writeString(dir.resolve("a.txt"), "a"));
        FileRange b = whole(Files.writeString(dir.resolve("b.txt"), "bb"));
        FileRange c = whole(Files.writeString(dir.resolve("c.txt"), "ccc"));
        try (RecordReader<?, ?> reader = RecordReaders.open(InputFormat.WHOLE_FILE, List.of(a, b, c))) {
            assertThat(reader.next()).isTrue();
            assertThat(reader.stop()).containsExactly(b, c);
            assertThat(reader.key()).as("the current record stays valid").isEqualTo(a.path());
            assertThat(reader.next()).isFalse();
            assertThat(reader.progress()).isEqualTo(1.0);
            assertThat(reader.stop()).isEmpty();
        }
        try (RecordReader<?, ?> reader = RecordReaders.open(InputFormat.WHOLE_FILE, List.of(a, b))) {
            assertThat(reader.stop()).containsExactly(a, b);
            assertThat(reader.next()).isFalse();
        }
        try (RecordReader<?, ?> reader = RecordReaders.open(InputFormat.WHOLE_FILE, List.of(a))) {
            assertThat(reader.next()).isTrue();
            assertThat(reader.stop()).isEmpty();
        }
    }

    private static FileRange whole(Path file) throws IOException {
        return new FileRange(file.toString(), 0, Files.size(file), true);
    }

    private static List<Tuple> read(FileRange... ranges) throws IOException {
        List<Tuple> records = new ArrayList<>();
        try (RecordReader<?, ?> reader = RecordReaders.open(InputFormat.WHOLE_FILE, List.of(ranges))) {
            while (reader.next()) {
                records.add(tuple(reader.key(), reader.value()));
            }
            assertThat(reader.progress()).isEqualTo(1.0);
        }
        return records;
    }
}
