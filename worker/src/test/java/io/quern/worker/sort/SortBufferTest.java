package io.quern.worker.sort;

import static org.assertj.core.api.Assertions.assertThat;

import io.quern.worker.sort.TestRecords.Rec;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SortBufferTest {

    @Test
    void sortsByPartitionThenKey_forShapesThatDefeatNaiveQuicksort() throws IOException {
        Random rnd = new Random(13);
        int n = 5000;
        List<List<byte[]>> shapes = List.of(
                keys(n, i -> new byte[] {7}),                                   // all equal
                keys(n, i -> new byte[] {(byte) (i >> 8), (byte) i}),           // ascending
                keys(n, i -> new byte[] {(byte) ((n - i) >> 8), (byte) (n - i)}), // descending
                keys(n, i -> new byte[] {(byte) (i % 2 == 0 ? i % 251 : 250 - i % 251)}), // organ pipe-ish
                keys(n, i -> TestRecords.randomBytes(rnd, 4)));
        for (List<byte[]> shape : shapes) {
            SortBuffer buf = new SortBuffer(1 << 20);
            List<Rec> expected = new ArrayList<>();
            for (int i = 0; i < shape.size(); i++) {
                byte[] k = shape.get(i);
                byte[] v = {(byte) i, (byte) (i >> 8)};
                int p = rnd.nextInt(3);
                assertThat(buf.add(p, k, 0, k.length, v, 0, v.length)).isTrue();
                expected.add(new Rec(p + ":" + Rec.of(k, v).key(), Rec.of(k, v).value()));
            }
            buf.sort();
            List<Rec> actual = new ArrayList<>();
            for (int i = 0; i < buf.count(); i++) {
                RawRecordCursor c = buf.range(i, i + 1);
                assertThat(c.next()).isTrue();
                byte[] k = java.util.Arrays.copyOfRange(c.keyBuffer(), c.keyOffset(), c.keyOffset() + c.keyLength());
                byte[] v = java.util.Arrays.copyOfRange(c.valueBuffer(), c.valueOffset(), c.valueOffset() + c.valueLength());
                actual.add(new Rec(buf.partition(i) + ":" + Rec.of(k, v).key(), Rec.of(k, v).value()));
            }
            for (int i = 1; i < actual.size(); i++) {
                assertThat(actual.get(i).key()).isGreaterThanOrEqualTo(actual.get(i - 1).key());
            }
            assertThat(TestRecords.sorted(actual)).isEqualTo(TestRecords.sorted(expected));
        }
    }

    @Test
    void add_refusesWhenArenaOrMetadataIsFull() {
        SortBuffer buf = new SortBuffer(960); // 10 metadata slots of 24 bytes, 720 arena bytes
        byte[] b = new byte[100];
        for (int i = 0; i < 6; i++) {
            assertThat(buf.add(0, b, 0, 60, b, 0, 60)).isTrue();
        }
        assertThat(buf.add(0, b, 0, 1, b, 0, 0)).as("arena full").isFalse();
        buf.reset();
        for (int i = 0; i < 10; i++) {
            assertThat(buf.add(0, b, 0, 1, b, 0, 1)).isTrue();
        }
        assertThat(buf.add(0, b, 0, 0, b, 0, 0)).as("metadata full").isFalse();
    }

    @Test
    void keysSharingLongPrefixes_sortAsUnsignedBytes_shorterFirst() throws IOException {
        Random rnd = new Random(3);
        List<byte[]> bases = TestRecords.randomBases(rnd, 20, 14);
        SortBuffer buf = new SortBuffer(1 << 20);
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            byte[] k = TestRecords.randomKey(rnd, bases);
            if (rnd.nextBoolean() && k.length > 0) {
                k[k.length - 1] = (byte) rnd.nextInt(); // differ only after a long common prefix
            }
            assertThat(buf.add(0, k, 0, k.length, k, 0, 0)).isTrue();
            expected.add(Rec.of(k, new byte[0]).key());
        }
        buf.sort();
        List<String> actual = new ArrayList<>();
        for (int i = 0; i < buf.count(); i++) {
            RawRecordCursor c = buf.range(i, i + 1);
            assertThat(c.next()).isTrue();
            actual.add(Rec.of(java.util.Arrays.copyOfRange(c.keyBuffer(), c.keyOffset(),
                    c.keyOffset() + c.keyLength()), new byte[0]).key());
        }
        expected.sort(null);
        assertThat(actual).isEqualTo(expected);
    }

    @Test
    void indexedBuffer_findsRecordsByPartitionAndKey_andReplacesValues() throws IOException {
        SortBuffer buf = new SortBuffer(4096, true);
        byte[] a = {1, 2, 3};
        byte[] b = {1, 2, 3, 4};
        assertThat(buf.addIndexed(0, 42, a, 0, 3, new byte[] {9}, 0, 1)).isTrue();
        assertThat(buf.addIndexed(1, 42, a, 0, 3, new byte[] {8}, 0, 1)).isTrue();
        assertThat(buf.addIndexed(0, 42, b, 0, 4, new byte[] {7}, 0, 1)).as("same hash, other key").isTrue();
        assertThat(buf.find(0, 42, a, 0, 3)).isEqualTo(0);
        assertThat(buf.find(1, 42, a, 0, 3)).isEqualTo(1);
        assertThat(buf.find(0, 42, b, 0, 4)).isEqualTo(2);
        assertThat(buf.find(2, 42, a, 0, 3)).isEqualTo(-1);
        assertThat(buf.find(0, 43, new byte[] {5}, 0, 1)).isEqualTo(-1);

        assertThat(buf.replaceValue(0, new byte[] {6}, 0, 1)).as("in place").isTrue();
        assertThat(buf.replaceValue(1, new byte[] {5, 5, 5}, 0, 3)).as("moved to the arena's end").isTrue();
        assertThat(buf.find(1, 42, a, 0, 3)).isEqualTo(1);
        assertThat(value(buf, 0)).containsExactly(6);
        assertThat(value(buf, 1)).containsExactly(5, 5, 5);
        RawRecordCursor c = buf.range(1, 2);
        assertThat(c.next()).isTrue();
        assertThat(java.util.Arrays.copyOfRange(c.keyBuffer(), c.keyOffset(), c.keyOffset() + c.keyLength()))
                .containsExactly(1, 2, 3);

        buf.reset();
        assertThat(buf.find(0, 42, a, 0, 3)).as("reset empties the index").isEqualTo(-1);
    }

    private static byte[] value(SortBuffer buf, int i) {
        return java.util.Arrays.copyOfRange(buf.arena(), buf.valueOffset(i), buf.valueOffset(i) + buf.valueLength(i));
    }

    private static List<byte[]> keys(int n, java.util.function.IntFunction<byte[]> f) {
        List<byte[]> l = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            l.add(f.apply(i));
        }
        return l;
    }
}
