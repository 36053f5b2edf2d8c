package io.quern.worker.sort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quern.worker.sort.TestRecords.Rec;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SegmentReaderTest {
    @TempDir
    Path dir;

    @Test
    void recordsAcrossChunkBoundaries_andLargerThanAChunk_readBackIntact() throws IOException {
        Random rnd = new Random(17);
        List<Rec> first = new ArrayList<>();
        List<Rec> second = new ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            int size = i % 500 == 0 ? 70_000 + rnd.nextInt(200_000) : rnd.nextInt(300);
            byte[] k = TestRecords.randomBytes(rnd, 20);
            byte[] v = new byte[size];
            rnd.nextBytes(v);
            (i < 1500 ? first : second).add(Rec.of(k, v));
        }
        first = TestRecords.sorted(first);
        second = TestRecords.sorted(second);
        Path file = dir.resolve("seg");
        IndexEntry e1;
        IndexEntry e2;
        try (SegmentWriter w = SegmentWriter.create(file)) {
            for (Rec r : first) {
                w.append(r.keyBytes(), 0, r.keyBytes().length, r.valueBytes(), 0, r.valueBytes().length);
            }
            e1 = w.endSegment();
            for (Rec r : second) {
                w.append(r.keyBytes(), 0, r.keyBytes().length, r.valueBytes(), 0, r.valueBytes().length);
            }
            e2 = w.endSegment();
        }
        assertThat(Files.readAllBytes(file)).as("writer output matches an independent encoding")
                .isEqualTo(concat(TestRecords.encode(first), TestRecords.encode(second)));
        assertThat(TestRecords.readSegment(file, e1)).isEqualTo(first);
        assertThat(TestRecords.readSegment(file, e2)).isEqualTo(second);

        SegmentReader reused = SegmentReader.forChannels();
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            reused.reset(ch, e2.offset(), e2.length());
            assertThat(TestRecords.drainSorted(reused)).isEqualTo(second);
            assertThat(reused.bytesRead()).isEqualTo(e2.length());
            reused.reset(ch, e1.offset(), e1.length());
            assertThat(TestRecords.drainSorted(reused)).isEqualTo(first);
        }
    }

    @Test
    void truncatedSegment_isReported() throws IOException {
        byte[] seg = TestRecords.encode(List.of(Rec.of(new byte[] {1, 2}, new byte[] {3, 4, 5})));
        SegmentReader inMemory = SegmentReader.ofBytes(seg, 0, seg.length - 1);
        assertThatThrownBy(inMemory::next).isInstanceOf(IOException.class).hasMessageContaining("truncated");

        Path file = dir.resolve("short");
        Files.write(file, seg);
        try (SegmentReader onDisk = SegmentReader.ofFile(file, 0, seg.length + 10)) {
            assertThat(onDisk.next()).isTrue();
            assertThatThrownBy(onDisk::next).isInstanceOf(IOException.class).hasMessageContaining("truncated");
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
