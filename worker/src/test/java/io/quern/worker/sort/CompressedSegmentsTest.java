package io.quern.worker.sort;

import static io.quern.worker.sort.TestRecords.readSegment;
import static io.quern.worker.sort.TestRecords.sorted;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quern.common.job.Compression;
import io.quern.worker.compress.BlockCodec;
import io.quern.worker.compress.CorruptBlockException;
import io.quern.worker.sort.TestRecords.Rec;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The block format of compressed segments, written and read by SegmentWriter and SegmentReader. */
class CompressedSegmentsTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(Compression.class)
    void manySegments_emptyOnes_andRecordsLargerThanABlock_readBackIntact(Compression c) throws IOException {
        Random rnd = new Random(23);
        List<List<Rec>> segments = new ArrayList<>();
        for (int s = 0; s < 300; s++) {
            List<Rec> recs = new ArrayList<>();
            int n = s % 7 == 0 ? 0 : s % 100 == 1 ? 2000 : rnd.nextInt(30);
            for (int i = 0; i < n; i++) {
                int size = i % 1000 == 3 ? BlockCodec.MAX_BLOCK_BYTES * 2 + rnd.nextInt(70_000) : rnd.nextInt(120);
                recs.add(Rec.of(text(rnd, 1 + rnd.nextInt(16)), text(rnd, size)));
            }
            segments.add(sorted(recs));
        }
        Path file = dir.resolve("segments");
        List<IndexEntry> index = write(file, segments, c);

        byte[] all = Files.readAllBytes(file);
        long raw = 0;
        long stored = 0;
        for (int s = 0; s < segments.size(); s++) {
            IndexEntry e = index.get(s);
            assertThat(e.rawLength()).as("raw length of segment %d", s)
                    .isEqualTo(TestRecords.encode(segments.get(s)).length);
            CRC32 crc = new CRC32();
            crc.update(all, (int) e.offset(), (int) e.length());
            assertThat(crc.getValue()).as("CRC32 of segment %d", s).isEqualTo(e.crc32());
            try (SegmentReader r = SegmentReader.ofFile(file, e.offset(), e.length(), e.rawLength(), c)) {
                assertThat(TestRecords.drainSorted(r)).as("segment %d", s).isEqualTo(segments.get(s));
            }
            raw += e.rawLength();
            stored += e.length();
        }
        assertThat(index.get(0).length()).as("an empty segment takes no bytes").isZero();
        assertThat(Files.size(file)).isEqualTo(stored);
        if (c == Compression.NONE) {
            assertThat(stored).isEqualTo(raw);
        } else {
            assertThat(stored).as("text compresses").isLessThan(raw / 2);
        }

        // One reader, reset from segment to segment in any order, as the spill merge uses it.
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ);
             SegmentReader reused = SegmentReader.forChannels(c)) {
            for (int s = segments.size() - 1; s >= 0; s -= 3) {
                IndexEntry e = index.get(s);
                reused.reset(ch, e.offset(), e.length(), e.rawLength());
                assertThat(TestRecords.drainSorted(reused)).as("segment %d again", s).isEqualTo(segments.get(s));
            }
        }
    }

    @ParameterizedTest
    @EnumSource(value = Compression.class, names = {"LZ4", "ZSTD"})
    void flippedByteInACompressedBlock_isAClearCorruptionError(Compression c) throws IOException {
        Path file = dir.resolve("segments");
        IndexEntry e = write(file, List.of(wordRecords(5000)), c).get(0);
        assertThat(e.length()).as("several blocks").isGreaterThan(BlockCodec.HEADER_BYTES * 3L);
        byte[] good = Files.readAllBytes(file);

        for (int at : new int[] {BlockCodec.HEADER_BYTES + 5, (int) e.length() / 2, (int) e.length() - 1}) {
            byte[] bad = good.clone();
            bad[at] ^= 0x04;
            Files.write(file, bad);
            assertThatThrownBy(() -> drain(file, e.offset(), e.length(), e.rawLength(), c)).as("byte %d flipped", at)
                    .isInstanceOf(CorruptBlockException.class).hasMessageContaining("CRC32");
        }
        byte[] badHeader = good.clone();
        badHeader[1] = (byte) 0xff; // raw length far beyond a block
        Files.write(file, badHeader);
        assertThatThrownBy(() -> drain(file, e.offset(), e.length(), e.rawLength(), c))
                .isInstanceOf(CorruptBlockException.class).hasMessageContaining("raw length");
    }

    @ParameterizedTest
    @EnumSource(value = Compression.class, names = {"LZ4", "ZSTD"})
    void regionThatEndsInsideABlock_orHoldsFewerRecordBytes_isCorrupt(Compression c) throws IOException {
        Path file = dir.resolve("segments");
        IndexEntry e = write(file, List.of(wordRecords(5000)), c).get(0);
        assertThatThrownBy(() -> drain(file, e.offset(), e.length() - 1, e.rawLength(), c))
                .isInstanceOf(CorruptBlockException.class);
        assertThatThrownBy(() -> drain(file, e.offset(), e.length(), e.rawLength() + 1, c))
                .isInstanceOf(CorruptSegmentException.class).hasMessageContaining("fewer");
        assertThatThrownBy(() -> drain(file, e.offset(), e.length(), e.rawLength() - 1, c))
                .isInstanceOf(CorruptSegmentException.class).hasMessageContaining("more");
    }

    @ParameterizedTest
    @EnumSource(value = Compression.class, names = {"LZ4", "ZSTD"})
    void spillsAndMergePasses_ofCompressedOutput_giveSortedCompletePartitions(Compression c) throws IOException {
        int partitions = 4;
        Random rnd = new Random(8);
        List<List<Rec>> expected = new ArrayList<>();
        for (int p = 0; p < partitions; p++) {
            expected.add(new ArrayList<>());
        }
        SortCounters counters = new SortCounters();
        MapOutputFile out;
        try (MapOutputBuffer buf = new MapOutputBuffer(partitions, 8192, 3, dir, null, counters, false, c)) {
            for (int i = 0; i < 20_000; i++) {
                int p = rnd.nextInt(partitions);
                byte[] k = text(rnd, 1 + rnd.nextInt(12));
                byte[] v = i % 5000 == 7 ? text(rnd, 3 * BlockCodec.MAX_BLOCK_BYTES) : text(rnd, rnd.nextInt(30));
                buf.collect(p, k, 0, k.length, v, 0, v.length);
                expected.get(p).add(Rec.of(k, v));
            }
            out = buf.finish();
        }
        assertThat(counters.spills).as("spills, merged in several passes").isGreaterThan(10);
        assertThat(out.compression()).isEqualTo(c);
        MapOutputFile reopened = MapOutputFile.open(dir);
        assertThat(reopened.compression()).isEqualTo(c);
        long raw = 0;
        for (int p = 0; p < partitions; p++) {
            assertThat(reopened.entry(p)).isEqualTo(out.entry(p));
            assertThat(sorted(readSegment(out.data(), out.entry(p), c))).as("partition %d", p)
                    .isEqualTo(sorted(expected.get(p)));
            raw += out.entry(p).rawLength();
        }
        assertThat(Files.size(out.data())).as("stored smaller than raw").isLessThan(raw);
    }

    private static List<IndexEntry> write(Path file, List<List<Rec>> segments, Compression c) throws IOException {
        List<IndexEntry> index = new ArrayList<>();
        try (SegmentWriter w = SegmentWriter.create(file, c)) {
            for (List<Rec> seg : segments) {
                for (Rec r : seg) {
                    w.append(r.keyBytes(), 0, r.keyBytes().length, r.valueBytes(), 0, r.valueBytes().length);
                }
                index.add(w.endSegment());
            }
        }
        return index;
    }

    private static void drain(Path file, long offset, long length, long rawLength, Compression c) throws IOException {
        try (SegmentReader r = SegmentReader.ofFile(file, offset, length, rawLength, c)) {
            TestRecords.drainSorted(r);
        }
    }

    private static List<Rec> wordRecords(int n) {
        Random rnd = new Random(n);
        List<Rec> recs = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            recs.add(Rec.of(text(rnd, 8), text(rnd, 40)));
        }
        return sorted(recs);
    }

    private static final String[] WORDS = {"the", "mill", "river", "grain", "stone", "quern", "and", "of"};

    /** Compressible bytes: words of a small vocabulary. */
    private static byte[] text(Random rnd, int len) {
        StringBuilder sb = new StringBuilder(len + 8);
        while (sb.length() < len) {
            sb.append(WORDS[rnd.nextInt(WORDS.length)]).append(' ');
        }
        return sb.substring(0, len).getBytes(StandardCharsets.US_ASCII);
    }
}
