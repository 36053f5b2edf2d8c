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
        SortBuffer buf = new SortBuffer(640); // 10 metadata slots, 480 arena bytes
        byte[] b = new byte[100];
        for (int i = 0; i < 4; i++) {
            assertThat(buf.add(0, b, 0, 60, b, 0, 60)).isTrue();
        }
        assertThat(buf.add(0, b, 0, 1, b, 0, 0)).as("arena full").isFalse();
        buf.reset();
        for (int i = 0; i < 10; i++) {
            assertThat(buf.add(0, b, 0, 1, b, 0, 1)).isTrue();
        }
        assertThat(buf.add(0, b, 0, 0, b, 0, 0)).as("metadata full").isFalse();
    }

    private static List<byte[]> keys(int n, java.util.function.IntFunction<byte[]> f) {
        List<byte[]> l = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            l.add(f.apply(i));
        }
        return l;
    }
}
