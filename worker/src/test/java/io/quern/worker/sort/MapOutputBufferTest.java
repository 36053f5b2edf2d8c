package io.quern.worker.sort;

import static io.quern.worker.sort.TestRecords.readSegment;
import static io.quern.worker.sort.TestRecords.sorted;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quern.worker.sort.TestRecords.Rec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MapOutputBufferTest {
    @TempDir
    Path dir;

    @Test
    void tinyBuffer_manySpillsAndMergePasses_giveSortedCompletePartitionsWithValidCrcs() throws IOException {
        int partitions = 5;
        Random rnd = new Random(42);
        List<byte[]> bases = TestRecords.randomBases(rnd, 200, 12);
        bases.add(new byte[0]);
        List<List<Rec>> expected = emptyLists(partitions);
        SortCounters counters = new SortCounters();
        MapOutputFile out;
        try (MapOutputBuffer buf = new MapOutputBuffer(partitions, 4096, 3, dir, null, counters)) {
            for (int i = 0; i < 20_000; i++) {
                int p = rnd.nextInt(partitions);
                byte[] k = TestRecords.randomKey(rnd, bases);
                byte[] v = TestRecords.randomBytes(rnd, 20);
                // Offsets inside larger arrays, to check they are honoured.
                byte[] kk = pad(k, 3);
                byte[] vv = pad(v, 5);
                buf.collect(p, kk, 3, k.length, vv, 5, v.length);
                expected.get(p).add(Rec.of(k, v));
            }
            out = buf.finish();
        }

        assertThat(counters.spills).as("spills").isGreaterThan(20);
        assertThat(out.partitions()).isEqualTo(partitions);
        for (int p = 0; p < partitions; p++) {
            List<Rec> actual = readSegment(out.data(), out.entry(p));
            assertThat(sorted(actual)).as("partition %d", p).isEqualTo(sorted(expected.get(p)));
        }
        assertThat(listNames()).as("spills deleted, output kept").containsExactlyInAnyOrder("file.out", "file.index");
        assertThat(counters.spilledRecords).as("spilled records count every write, merges included")
                .isGreaterThan(2 * 20_000L);
    }

    @Test
    void singleSpill_becomesTheOutputWithoutAnotherPass() throws IOException {
        Random rnd = new Random(7);
        List<List<Rec>> expected = emptyLists(3);
        SortCounters counters = new SortCounters();
        MapOutputFile out;
        try (MapOutputBuffer buf = new MapOutputBuffer(3, 1 << 20, 3, dir, null, counters)) {
            for (int i = 0; i < 1000; i++) {
                byte[] k = TestRecords.randomBytes(rnd, 10);
                byte[] v = TestRecords.randomBytes(rnd, 10);
                int p = i % 3;
                buf.collect(p, k, 0, k.length, v, 0, v.length);
                expected.get(p).add(Rec.of(k, v));
            }
            out = buf.finish();
        }
        assertThat(counters.spills).isEqualTo(1);
        assertThat(counters.spilledRecords).isEqualTo(1000);
        for (int p = 0; p < 3; p++) {
            assertThat(sorted(readSegment(out.data(), out.entry(p)))).isEqualTo(sorted(expected.get(p)));
        }
    }

    @Test
    void recordLargerThanTheBuffer_isSpilledAlone() throws IOException {
        Random rnd = new Random(3);
        List<List<Rec>> expected = emptyLists(2);
        MapOutputFile out;
        try (MapOutputBuffer buf = new MapOutputBuffer(2, 1024, 2, dir, null, new SortCounters())) {
            for (int i = 0; i < 300; i++) {
                byte[] k = TestRecords.randomBytes(rnd, 8);
                byte[] v = TestRecords.randomBytes(rnd, 8);
                buf.collect(i % 2, k, 0, k.length, v, 0, v.length);
                expected.get(i % 2).add(Rec.of(k, v));
                if (i == 100 || i == 101) {
                    // Larger than the buffer and than the readers' chunk, so merges copy it too.
                    byte[] bigKey = TestRecords.randomBytes(rnd, 3000);
                    byte[] bigValue = new byte[200_000];
                    rnd.nextBytes(bigValue);
                    buf.collect(1, bigKey, 0, bigKey.length, bigValue, 0, bigValue.length);
                    expected.get(1).add(Rec.of(bigKey, bigValue));
                }
            }
            out = buf.finish();
        }
        for (int p = 0; p < 2; p++) {
            assertThat(sorted(readSegment(out.data(), out.entry(p)))).as("partition %d", p)
                    .isEqualTo(sorted(expected.get(p)));
        }
    }

    @Test
    void noRecords_giveAValidFileWithEmptyPartitions() throws IOException {
        MapOutputFile out;
        try (MapOutputBuffer buf = new MapOutputBuffer(4, 4096, 3, dir, null, new SortCounters())) {
            out = buf.finish();
        }
        MapOutputFile reopened = MapOutputFile.open(dir);
        assertThat(Files.size(out.data())).isZero();
        for (int p = 0; p < 4; p++) {
            assertThat(reopened.entry(p)).isEqualTo(new IndexEntry(0, 0, 0, 0));
        }
    }

    @Test
    void partitionOutOfRange_isRejectedNamingTheValue() {
        try (MapOutputBuffer buf = new MapOutputBuffer(4, 4096, 3, dir, null, new SortCounters())) {
            byte[] b = {1};
            assertThatThrownBy(() -> buf.collect(4, b, 0, 1, b, 0, 1))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("4");
            assertThatThrownBy(() -> buf.collect(-1, b, 0, 1, b, 0, 1))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("-1");
        }
    }

    @Test
    void closeWithoutFinish_deletesSpills() throws IOException {
        try (MapOutputBuffer buf = new MapOutputBuffer(2, 256, 3, dir, null, new SortCounters())) {
            byte[] b = new byte[40];
            for (int i = 0; i < 50; i++) {
                buf.collect(i % 2, b, 0, 10, b, 0, 30);
            }
            assertThat(listNames()).as("spills while collecting").isNotEmpty();
        }
        assertThat(listNames()).isEmpty();
    }

    @Test
    void closeAfterFinish_keepsTheOutput() throws IOException {
        MapOutputBuffer buf = new MapOutputBuffer(2, 256, 3, dir, null, new SortCounters());
        byte[] b = new byte[40];
        for (int i = 0; i < 50; i++) {
            buf.collect(i % 2, b, 0, 10, b, 0, 30);
        }
        buf.finish();
        buf.close();
        buf.close();
        assertThat(listNames()).containsExactlyInAnyOrder("file.out", "file.index");
        assertThat(MapOutputFile.open(dir).entry(0).records()).isEqualTo(25);
        assertThatThrownBy(() -> buf.collect(0, b, 0, 1, b, 0, 1)).isInstanceOf(IllegalStateException.class);
    }

    private List<String> listNames() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).toList();
        }
    }

    static List<List<Rec>> emptyLists(int n) {
        List<List<Rec>> l = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            l.add(new ArrayList<>());
        }
        return l;
    }

    private static byte[] pad(byte[] b, int before) {
        byte[] out = new byte[before + b.length + 2];
        out[0] = 0x55;
        System.arraycopy(b, 0, out, before, b.length);
        return out;
    }
}
