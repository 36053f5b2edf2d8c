package io.quern.worker.sort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MapOutputFileTest {
    @TempDir
    Path dir;
    private MapOutputFile written;

    @BeforeEach
    void writeOutput() throws IOException {
        try (MapOutputBuffer buf = new MapOutputBuffer(3, 4096, 3, dir, null, new SortCounters())) {
            byte[] b = new byte[30];
            for (int i = 0; i < 200; i++) {
                b[0] = (byte) i;
                buf.collect(i % 3 == 2 ? 0 : i % 3, b, 0, 5, b, 0, 25);
            }
            written = buf.finish();
        }
    }

    @Test
    void open_readsWhatFinishWrote() throws IOException {
        MapOutputFile read = MapOutputFile.open(dir);
        assertThat(read.partitions()).isEqualTo(3);
        assertThat(read.compression()).isEqualTo(io.quern.common.job.Compression.NONE);
        for (int p = 0; p < 3; p++) {
            assertThat(read.entry(p)).isEqualTo(written.entry(p));
        }
        assertThat(read.entry(2).length()).as("empty partition").isZero();
        assertThat(read.data()).isEqualTo(dir.resolve("file.out"));
        assertThatThrownBy(() -> read.entry(3)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void flippedIndexByte_isDetectedByTheChecksum() throws IOException {
        Path index = dir.resolve("file.index");
        byte[] b = Files.readAllBytes(index);
        b[20] ^= 0x01;
        Files.write(index, b);
        assertThatThrownBy(() -> MapOutputFile.open(dir)).isInstanceOf(IOException.class)
                .hasMessageContaining(index.toString()).hasMessageContaining("checksum");
    }

    @Test
    void truncatedIndex_isRejected() throws IOException {
        Path index = dir.resolve("file.index");
        byte[] b = Files.readAllBytes(index);
        Files.write(index, Arrays.copyOf(b, b.length - 4));
        assertThatThrownBy(() -> MapOutputFile.open(dir)).isInstanceOf(IOException.class)
                .hasMessageContaining(index.toString()).hasMessageContaining("bytes");
    }

    @Test
    void foreignFile_isRejectedForItsMagic() throws IOException {
        Path index = dir.resolve("file.index");
        Files.writeString(index, "definitely not an index file at all, but long enough");
        assertThatThrownBy(() -> MapOutputFile.open(dir)).isInstanceOf(IOException.class)
                .hasMessageContaining(index.toString()).hasMessageContaining("magic");
    }

    @Test
    void dataFileOfTheWrongSize_isRejected() throws IOException {
        Path data = dir.resolve("file.out");
        Files.write(data, new byte[3], java.nio.file.StandardOpenOption.APPEND);
        assertThatThrownBy(() -> MapOutputFile.open(dir)).isInstanceOf(IOException.class)
                .hasMessageContaining(data.toString());
    }

    @Test
    void missingIndex_isReportedByName() throws IOException {
        Files.delete(dir.resolve("file.index"));
        assertThatThrownBy(() -> MapOutputFile.open(dir)).isInstanceOf(IOException.class)
                .hasMessageContaining("file.index");
    }

    @Test
    void indexEntry_rejectsImpossibleValues() {
        assertThatThrownBy(() -> new IndexEntry(-1, 0, 0, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new IndexEntry(0, 3, 2, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new IndexEntry(0, 5, 0, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new IndexEntry(0, 4, 1, 1L << 32)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new IndexEntry(0, 0, 10, 2, 0)).as("records stored in no bytes")
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new IndexEntry(0, 10, 0, 0, 0)).as("stored bytes of no records")
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new IndexEntry(0, 30, 100, 51, 0)).as("more records than raw bytes allow")
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void indexEntry_ofACompressedSegment_mayHoldMoreRecordsThanItsStoredBytesWould() {
        IndexEntry e = new IndexEntry(8, 30, 1000, 400, 7);
        assertThat(e.end()).isEqualTo(38);
        assertThat(new IndexEntry(0, 12, 3, 0).rawLength()).as("stored raw").isEqualTo(12);
    }
}
