package io.quern.worker.sort;

import static io.quern.worker.sort.TestRecords.sorted;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quern.common.job.Compression;
import io.quern.worker.compress.CorruptBlockException;
import io.quern.worker.sort.TestRecords.Rec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ShuffleMergerTest {
    private static final int REDUCE = 1;

    @TempDir
    Path dir;

    /** A fetched segment: bytes and the index entry the map side wrote. */
    private record Fetched(byte[] bytes, IndexEntry entry) {}

    @Test
    void memoryAndDiskSegments_moreThanMergeFactorOnDisk_mergeSortedAndComplete() throws IOException {
        Random rnd = new Random(5);
        List<Rec> expected = new ArrayList<>();
        List<Fetched> fetched = new ArrayList<>();
        int[] mapSizes = {40, 1500, 30, 2000, 800, 0, 60, 1200, 900, 20, 3000};
        for (int m = 0; m < mapSizes.length; m++) {
            fetched.add(runMap(m, mapSizes[m], rnd, expected));
        }
        Path work = dir.resolve("reduce");
        try (ShuffleMerger merger = new ShuffleMerger(work, 16 * 1024, 2)) {
            for (Fetched f : fetched) {
                SegmentSink sink = merger.newSegment(f.bytes().length, f.bytes().length);
                feedInChunks(sink, f.bytes(), rnd);
                sink.commit(f.entry().crc32());
            }
            assertThat(merger.reservedBytes()).as("some segments in memory").isPositive();
            assertThat(segmentFiles(work)).as("segments on disk").isGreaterThan(2);
            long total = fetched.stream().mapToLong(f -> f.bytes().length).sum();
            assertThat(merger.committedBytes()).isEqualTo(total);
            assertThat(merger.mergeProgress()).isZero();
            assertThat(merger.passProgress()).isZero();

            RawRecordCursor merged = merger.finish();
            assertThat(merger.passProgress()).as("merge passes over").isEqualTo(1.0);
            List<Rec> actual = TestRecords.drainSorted(merged);
            assertThat(sorted(actual)).isEqualTo(sorted(expected));
            assertThat(merger.mergeProgress()).isEqualTo(1.0);
        }
        assertThat(segmentFiles(work)).as("files deleted on close").isZero();
        assertThat(Files.list(work).count()).isZero();
    }

    @Test
    void inMemoryUnordered_givesEveryRecordOnce_andTheMergeStillFollows() throws IOException {
        Random rnd = new Random(9);
        List<Rec> expected = new ArrayList<>();
        List<Fetched> fetched = new ArrayList<>();
        for (int m = 0; m < 5; m++) {
            fetched.add(runMap(m, 200 + 100 * m, rnd, expected));
        }
        try (ShuffleMerger merger = new ShuffleMerger(dir.resolve("all-in-memory"), 64L << 20, 2)) {
            for (Fetched f : fetched) {
                SegmentSink sink = merger.newSegment(f.bytes().length, f.bytes().length);
                feedInChunks(sink, f.bytes(), rnd);
                sink.commit(f.entry().crc32());
            }
            List<Rec> unordered = new ArrayList<>();
            try (RawRecordCursor c = merger.inMemoryUnordered().orElseThrow()) {
                while (c.next()) {
                    unordered.add(Rec.of(java.util.Arrays.copyOfRange(c.keyBuffer(), c.keyOffset(),
                            c.keyOffset() + c.keyLength()), java.util.Arrays.copyOfRange(c.valueBuffer(),
                            c.valueOffset(), c.valueOffset() + c.valueLength())));
                }
            }
            assertThat(sorted(unordered)).isEqualTo(sorted(expected));
            assertThat(sorted(TestRecords.drainSorted(merger.finish()))).isEqualTo(sorted(expected));
        }
        try (ShuffleMerger merger = new ShuffleMerger(dir.resolve("some-on-disk"), 4096, 2)) {
            for (Fetched f : fetched) {
                SegmentSink sink = merger.newSegment(f.bytes().length, f.bytes().length);
                feedInChunks(sink, f.bytes(), rnd);
                sink.commit(f.entry().crc32());
            }
            assertThat(merger.inMemoryUnordered()).as("a segment went to disk").isEmpty();
            assertThat(sorted(TestRecords.drainSorted(merger.finish()))).isEqualTo(sorted(expected));
        }
    }

    @ParameterizedTest
    @EnumSource(value = Compression.class, names = {"LZ4", "ZSTD"})
    void compressedSegments_inMemoryAndOnDisk_withMergePasses_mergeSortedAndComplete(Compression c)
            throws IOException {
        Random rnd = new Random(6);
        List<Rec> expected = new ArrayList<>();
        List<Fetched> fetched = new ArrayList<>();
        int[] mapSizes = {40, 1500, 30, 2000, 800, 0, 60, 1200, 900, 20, 3000, 4000, 2500};
        for (int m = 0; m < mapSizes.length; m++) {
            fetched.add(runMap(m, mapSizes[m], rnd, expected, c));
        }
        Path work = dir.resolve("reduce");
        try (ShuffleMerger merger = new ShuffleMerger(work, 16 * 1024, 2, c)) {
            long raw = 0;
            for (Fetched f : fetched) {
                SegmentSink sink = merger.newSegment(f.bytes().length, f.entry().rawLength());
                feedInChunks(sink, f.bytes(), rnd);
                sink.commit(f.entry().crc32());
                raw += f.entry().rawLength();
            }
            assertThat(merger.reservedBytes()).as("some segments in memory, decoded").isPositive();
            assertThat(segmentFiles(work)).as("segments on disk, more than the merge factor").isGreaterThan(2);
            assertThat(merger.committedBytes()).as("bytes as fetched")
                    .isEqualTo(fetched.stream().mapToLong(f -> f.bytes().length).sum()).isLessThan(raw);

            RawRecordCursor merged = merger.finish();
            assertThat(merger.passProgress()).isEqualTo(1.0);
            assertThat(sorted(TestRecords.drainSorted(merged))).isEqualTo(sorted(expected));
            assertThat(merger.mergeProgress()).isEqualTo(1.0);
        }
        assertThat(segmentFiles(work)).as("files deleted on close").isZero();
    }

    @ParameterizedTest
    @EnumSource(value = Compression.class, names = {"LZ4", "ZSTD"})
    void compressedSegment_flippedInTransfer_failsTheCrc_beforeAnythingIsDecoded(Compression c) throws IOException {
        Fetched f = runMap(0, 400, new Random(3), new ArrayList<>(), c);
        byte[] flipped = f.bytes().clone();
        flipped[flipped.length / 2] ^= 0x10;
        try (ShuffleMerger merger = new ShuffleMerger(dir.resolve("r"), 1 << 20, 2, c)) {
            SegmentSink inMemory = merger.newSegment(flipped.length, f.entry().rawLength());
            inMemory.write(flipped, 0, flipped.length);
            assertThatThrownBy(() -> inMemory.commit(f.entry().crc32()))
                    .isInstanceOf(CorruptSegmentException.class).hasMessageContaining("CRC32");
            assertThat(merger.reservedBytes()).isZero();
        }
    }

    @ParameterizedTest
    @EnumSource(value = Compression.class, names = {"LZ4", "ZSTD"})
    void corruptBlockBehindAMatchingSegmentCrc_failsTheCommit_andFreesTheBudget(Compression c) throws IOException {
        Fetched f = runMap(0, 400, new Random(4), new ArrayList<>(), c);
        byte[] flipped = f.bytes().clone();
        flipped[flipped.length - 3] ^= 0x10; // corrupted before the map side computed its checksum
        CRC32 crc = new CRC32();
        crc.update(flipped);
        try (ShuffleMerger merger = new ShuffleMerger(dir.resolve("r"), 1 << 20, 2, c)) {
            SegmentSink inMemory = merger.newSegment(flipped.length, f.entry().rawLength());
            inMemory.write(flipped, 0, flipped.length);
            assertThatThrownBy(() -> inMemory.commit(crc.getValue()))
                    .isInstanceOf(CorruptBlockException.class).hasMessageContaining("CRC32");
            assertThat(merger.reservedBytes()).isZero();
            assertThat(merger.committedBytes()).isZero();
            assertThat(merger.finish().next()).isFalse();
        }
    }

    @Test
    void lengthsThatCannotBelongToOneSegment_areCorrupt() throws IOException {
        try (ShuffleMerger raw = new ShuffleMerger(dir, 1 << 20, 2);
             ShuffleMerger lz4 = new ShuffleMerger(dir, 1 << 20, 2, Compression.LZ4)) {
            assertThatThrownBy(() -> raw.newSegment(10, 12)).isInstanceOf(CorruptSegmentException.class);
            assertThatThrownBy(() -> lz4.newSegment(10, 0)).isInstanceOf(CorruptSegmentException.class);
            assertThatThrownBy(() -> lz4.newSegment(0, 10)).isInstanceOf(CorruptSegmentException.class);
            assertThat(raw.reservedBytes() + lz4.reservedBytes()).isZero();
        }
    }

    @Test
    void noSegments_giveAnEmptyCursor() throws IOException {
        try (ShuffleMerger merger = new ShuffleMerger(dir, 1024, 3)) {
            RawRecordCursor c = merger.finish();
            assertThat(c.next()).isFalse();
            assertThat(merger.mergeProgress()).isEqualTo(1.0);
        }
    }

    @Test
    void emptySegments_inMemoryAndOnDisk_mergeToNothing() throws IOException {
        try (ShuffleMerger merger = new ShuffleMerger(dir, 0, 2)) {
            for (int i = 0; i < 4; i++) {
                merger.newSegment(0, 0).commit(0);
            }
            assertThat(merger.finish().next()).isFalse();
        }
    }

    @Test
    void crcMismatch_throwsCorruptSegment_andFreesTheSegment() throws IOException {
        Fetched f = runMap(0, 100, new Random(1), new ArrayList<>());
        try (ShuffleMerger merger = new ShuffleMerger(dir.resolve("r"), 100 * f.bytes().length, 2)) {
            SegmentSink inMemory = merger.newSegment(f.bytes().length, f.bytes().length);
            inMemory.write(f.bytes(), 0, f.bytes().length);
            assertThat(merger.reservedBytes()).isEqualTo(f.bytes().length);
            assertThatThrownBy(() -> inMemory.commit(f.entry().crc32() ^ 1))
                    .isInstanceOf(CorruptSegmentException.class).hasMessageContaining("CRC32");
            assertThat(merger.reservedBytes()).isZero();

            byte[] flipped = f.bytes().clone();
            flipped[flipped.length / 2] ^= 0x10;
            SegmentSink onDisk = merger.newSegment(Long.MAX_VALUE / 2, Long.MAX_VALUE / 2);
            onDisk.write(flipped, 0, flipped.length);
            assertThatThrownBy(() -> onDisk.commit(f.entry().crc32()))
                    .isInstanceOf(CorruptSegmentException.class).hasMessageContaining("length");
            assertThat(segmentFiles(dir.resolve("r"))).isZero();
            assertThat(merger.committedBytes()).isZero();
        }
    }

    @Test
    void flippedByte_onDisk_failsTheCrcCheck() throws IOException {
        Fetched f = runMap(0, 100, new Random(2), new ArrayList<>());
        byte[] flipped = f.bytes().clone();
        flipped[flipped.length / 2] ^= 0x10;
        try (ShuffleMerger merger = new ShuffleMerger(dir, 0, 2)) {
            SegmentSink onDisk = merger.newSegment(flipped.length, flipped.length);
            onDisk.write(flipped, 0, flipped.length);
            assertThatThrownBy(() -> onDisk.commit(f.entry().crc32())).isInstanceOf(CorruptSegmentException.class);
            assertThat(segmentFiles(dir)).isZero();
        }
    }

    @Test
    void writingMoreThanAnnounced_isCorrupt() throws IOException {
        try (ShuffleMerger merger = new ShuffleMerger(dir, 1024, 2)) {
            SegmentSink sink = merger.newSegment(3, 3);
            assertThatThrownBy(() -> sink.write(new byte[4], 0, 4)).isInstanceOf(CorruptSegmentException.class);
            assertThat(merger.reservedBytes()).isZero();
        }
    }

    @Test
    void abort_freesTheBudgetAndDeletesTheFile() throws IOException {
        try (ShuffleMerger merger = new ShuffleMerger(dir, 4000, 2)) {
            SegmentSink small = merger.newSegment(1000, 1000);
            assertThat(merger.reservedBytes()).isEqualTo(1000);
            SegmentSink tooBigForMemory = merger.newSegment(1001, 1001);
            tooBigForMemory.write(new byte[10], 0, 10);
            assertThat(segmentFiles(dir)).isEqualTo(1);

            small.abort();
            tooBigForMemory.abort();
            tooBigForMemory.abort();
            assertThat(merger.reservedBytes()).isZero();
            assertThat(segmentFiles(dir)).isZero();
            assertThat(merger.finish().next()).isFalse();
        }
    }

    @Test
    void budget_isNeverExceeded() throws IOException {
        try (ShuffleMerger merger = new ShuffleMerger(dir, 4000, 2)) {
            List<SegmentSink> open = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                open.add(merger.newSegment(900, 900));
                assertThat(merger.reservedBytes()).isLessThanOrEqualTo(4000);
            }
            assertThat(merger.reservedBytes()).isEqualTo(3600);
            assertThat(segmentFiles(dir)).isEqualTo(6);
            open.forEach(SegmentSink::abort);
        }
    }

    @Test
    void severalFetchThreads_commitConcurrently() throws Exception {
        Random rnd = new Random(9);
        List<Rec> expected = new ArrayList<>();
        List<Fetched> fetched = new ArrayList<>();
        for (int m = 0; m < 24; m++) {
            fetched.add(runMap(m, 50 + rnd.nextInt(400), rnd, expected));
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try (ShuffleMerger merger = new ShuffleMerger(dir, 32 * 1024, 3)) {
            List<Future<?>> done = new ArrayList<>();
            for (Fetched f : fetched) {
                done.add(pool.submit(() -> {
                    SegmentSink sink = merger.newSegment(f.bytes().length, f.bytes().length);
                    sink.write(f.bytes(), 0, f.bytes().length);
                    sink.commit(f.entry().crc32());
                    return null;
                }));
            }
            for (Future<?> d : done) {
                d.get();
            }
            assertThat(sorted(TestRecords.drainSorted(merger.finish()))).isEqualTo(sorted(expected));
        } finally {
            pool.shutdownNow();
        }
    }

    /** Runs a small map with a tiny buffer and returns its reduce partition's segment. */
    private Fetched runMap(int m, int records, Random rnd, List<Rec> expected) throws IOException {
        return runMap(m, records, rnd, expected, Compression.NONE);
    }

    private Fetched runMap(int m, int records, Random rnd, List<Rec> expected, Compression c) throws IOException {
        Path mapDir = dir.resolve("map" + m);
        List<byte[]> bases = TestRecords.randomBases(rnd, 50, 10);
        MapOutputFile out;
        try (MapOutputBuffer buf = new MapOutputBuffer(2, 4096, 3, mapDir, null, new SortCounters(), false, c)) {
            for (int i = 0; i < records; i++) {
                int p = rnd.nextInt(2);
                byte[] k = TestRecords.randomKey(rnd, bases);
                byte[] v = TestRecords.randomBytes(rnd, 12);
                buf.collect(p, k, 0, k.length, v, 0, v.length);
                if (p == REDUCE) {
                    expected.add(Rec.of(k, v));
                }
            }
            out = buf.finish();
        }
        IndexEntry e = out.entry(REDUCE);
        byte[] all = Files.readAllBytes(out.data());
        return new Fetched(java.util.Arrays.copyOfRange(all, (int) e.offset(), (int) e.end()), e);
    }

    private static void feedInChunks(SegmentSink sink, byte[] b, Random rnd) throws IOException {
        int off = 0;
        while (off < b.length) {
            int n = Math.min(b.length - off, 1 + rnd.nextInt(700));
            sink.write(b, off, n);
            off += n;
        }
    }

    private static long segmentFiles(Path work) throws IOException {
        if (!Files.exists(work)) {
            return 0;
        }
        try (Stream<Path> s = Files.list(work)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".seg")).count();
        }
    }
}
