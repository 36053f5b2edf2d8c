package io.quern.worker.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quern.worker.sort.RawRecordCursor;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class SumKernelTest {

    @Test
    void writesEachKeyWithTheSumOfItsValues_asTheSummingReducerWould() throws IOException {
        Random random = new Random(5);
        String[] words = {"a", "ab", "abc", "é", "日本", "zz", "a\u0000b", "longer-than-eight-bytes"};
        TreeMap<String, Long> expected = new TreeMap<>(SumKernelTest::utf8Order);
        List<String[]> records = new ArrayList<>();
        for (int i = 0; i < 5_000; i++) {
            String w = words[random.nextInt(words.length)];
            long v = random.nextInt(5) == 0 ? random.nextLong() : random.nextInt(1000) - 10;
            records.add(new String[] {w, Long.toString(v)});
            expected.merge(w, v, Long::sum); // wraps, as the reducer's long does
        }
        records.sort((x, y) -> utf8Order(x[0], y[0]));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        long groups = SumKernel.run(cursor(records), out);
        StringBuilder lines = new StringBuilder();
        for (Map.Entry<String, Long> e : expected.entrySet()) {
            lines.append(e.getKey()).append('\t').append(e.getValue()).append('\n');
        }
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo(lines.toString());
        assertThat(groups).isEqualTo(expected.size());
    }

    @Test
    void runHashed_writesWhatTheMergedRunWrites_fromRecordsInAnyOrder() throws IOException {
        Random random = new Random(8);
        String[] words = {"a", "ab", "abc", "é", "日本", "zz", "a\u0000b", "longer-than-eight-bytes", "longer-than-eight"};
        List<String[]> records = new ArrayList<>();
        for (int i = 0; i < 5_000; i++) {
            records.add(new String[] {words[random.nextInt(words.length)], Long.toString(random.nextLong())});
        }
        List<String[]> sorted = new ArrayList<>(records);
        sorted.sort((x, y) -> utf8Order(x[0], y[0]));
        ByteArrayOutputStream merged = new ByteArrayOutputStream();
        long groups = SumKernel.run(cursor(sorted), merged);
        ByteArrayOutputStream hashed = new ByteArrayOutputStream();
        assertThat(SumKernel.runHashed(cursor(records), hashed, 1 << 20)).hasValue(groups);
        assertThat(hashed.toString(StandardCharsets.UTF_8)).isEqualTo(merged.toString(StandardCharsets.UTF_8));
    }

    @Test
    void runHashed_writesNothing_whenTheKeysDoNotFit() throws IOException {
        List<String[]> records = new ArrayList<>();
        for (int i = 0; i < 100_000; i++) {
            records.add(new String[] {"key-" + i, "1"});
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThat(SumKernel.runHashed(cursor(records), out, 0)).isEmpty();
        assertThat(out.size()).isZero();
    }

    @Test
    void extremeSums_areWrittenInFull() throws IOException {
        List<String[]> records = List.of(new String[] {"max", Long.toString(Long.MAX_VALUE)},
                new String[] {"min", Long.toString(Long.MIN_VALUE)}, new String[] {"zero", "0"},
                new String[] {"zero", "0"});
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThat(SumKernel.run(cursor(records), out)).isEqualTo(3);
        assertThat(out.toString(StandardCharsets.UTF_8))
                .isEqualTo("max\t9223372036854775807\nmin\t-9223372036854775808\nzero\t0\n");
    }

    @Test
    void noRecords_writeNothing() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThat(SumKernel.run(cursor(List.of()), out)).isZero();
        assertThat(out.size()).isZero();
    }

    @Test
    void aValueThatIsNotAnEncodedLong_isAnError() {
        RawRecordCursor bad = new ListCursor(List.<byte[][]>of(new byte[][] {"k".getBytes(), new byte[4]}));
        assertThatThrownBy(() -> SumKernel.run(bad, new ByteArrayOutputStream()))
                .isInstanceOf(IOException.class).hasMessageContaining("8 bytes");
    }

    private static int utf8Order(String a, String b) {
        return java.util.Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }

    /** Records of (key, decimal value), encoded as the engine encodes String keys and Long values. */
    private static RawRecordCursor cursor(List<String[]> records) {
        List<byte[][]> encoded = new ArrayList<>();
        for (String[] r : records) {
            byte[] v = ByteBuffer.allocate(8).putLong(Long.parseLong(r[1]) ^ Long.MIN_VALUE).array();
            encoded.add(new byte[][] {r[0].getBytes(StandardCharsets.UTF_8), v});
        }
        return new ListCursor(encoded);
    }

    private static final class ListCursor implements RawRecordCursor {
        private final List<byte[][]> records;
        private int next;
        private byte[][] current;

        ListCursor(List<byte[][]> records) {
            this.records = records;
        }

        @Override
        public boolean next() {
            if (next == records.size()) {
                return false;
            }
            current = records.get(next++);
            return true;
        }

        @Override
        public byte[] keyBuffer() {
            return current[0];
        }

        @Override
        public int keyOffset() {
            return 0;
        }

        @Override
        public int keyLength() {
            return current[0].length;
        }

        @Override
        public byte[] valueBuffer() {
            return current[1];
        }

        @Override
        public int valueOffset() {
            return 0;
        }

        @Override
        public int valueLength() {
            return current[1].length;
        }

        @Override
        public void close() {}
    }
}
