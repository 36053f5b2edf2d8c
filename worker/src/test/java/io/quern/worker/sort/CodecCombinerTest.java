package io.quern.worker.sort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quern.api.Emitter;
import io.quern.api.Reducer;
import io.quern.worker.codec.BytesOut;
import io.quern.worker.codec.Codecs;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CodecCombinerTest {
    @TempDir
    Path dir;

    /** Sums counts per word; used both as combiner and as reducer. */
    static final class Sum implements Reducer<String, Long, String, Long> {
        @Override
        public void reduce(String key, Iterable<Long> values, Emitter<String, Long> out) {
            long sum = 0;
            for (long v : values) {
                sum += v;
            }
            out.emit(key, sum);
        }
    }

    @Test
    void summingCombinerOverManySpills_keepsEveryWordsTotal() throws Exception {
        Random rnd = new Random(11);
        List<String> vocabulary = new java.util.ArrayList<>(List.of("", "a", "ab", "abc", "zeta", "Ωmega", "naïve", "日本"));
        for (int i = 0; i < 300; i++) {
            vocabulary.add("w" + Integer.toString(rnd.nextInt(1_000_000), 36));
        }
        int partitions = 3;
        Map<String, Long> expected = new HashMap<>();
        SortCounters counters = new SortCounters();
        CodecCombiner<String, Long> combiner = new CodecCombiner<>(new Sum(), Codecs.STRING, Codecs.LONG, counters);
        BytesOut k = new BytesOut();
        BytesOut v = new BytesOut();
        int collected = 30_000;
        MapOutputFile out;
        try (MapOutputBuffer buf = new MapOutputBuffer(partitions, 4096, 3, dir, combiner, counters)) {
            for (int i = 0; i < collected; i++) {
                String word = vocabulary.get(rnd.nextInt(vocabulary.size()));
                long count = 1 + rnd.nextInt(3);
                expected.merge(word, count, Long::sum);
                k.reset();
                v.reset();
                Codecs.STRING.encode(word, k);
                Codecs.LONG.encode(count, v);
                buf.collect(Math.floorMod(word.hashCode(), partitions), k.array(), 0, k.size(), v.array(), 0, v.size());
            }
            out = buf.finish();
        }

        assertThat(counters.spills).isGreaterThanOrEqualTo(3);
        assertThat(counters.combineInputRecords).isGreaterThan(collected);
        assertThat(counters.combineOutputRecords).isLessThan(counters.combineInputRecords);
        Map<String, Long> totals = new HashMap<>();
        long outputRecords = 0;
        for (int p = 0; p < partitions; p++) {
            IndexEntry e = out.entry(p);
            outputRecords += e.records();
            try (SegmentReader r = SegmentReader.ofFile(out.data(), e.offset(), e.length())) {
                GroupingReducer.run(r, Codecs.STRING, Codecs.LONG, new Sum(),
                        (word, sum) -> assertThat(totals.put(word, sum)).as("one group per word").isNull());
            }
        }
        assertThat(totals).isEqualTo(expected);
        assertThat(outputRecords).as("the final merge combined each word to one record").isEqualTo(expected.size());
    }

    @Test
    void combinerThatChangesTheKey_isRejected() throws IOException {
        Reducer<String, Long, String, Long> renaming = (key, values, out) -> out.emit(key + "!", 1L);
        CodecCombiner<String, Long> combiner =
                new CodecCombiner<>(renaming, Codecs.STRING, Codecs.LONG, new SortCounters());
        try (MapOutputBuffer buf = new MapOutputBuffer(1, 4096, 3, dir, combiner, new SortCounters())) {
            BytesOut k = new BytesOut();
            BytesOut v = new BytesOut();
            Codecs.STRING.encode("word", k);
            Codecs.LONG.encode(1L, v);
            buf.collect(0, k.array(), 0, k.size(), v.array(), 0, v.size());
            assertThatThrownBy(buf::finish).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("must not change keys");
        }
    }

    @Test
    void combinerMayEmitSeveralRecordsPerKey_inKeyOrder() throws IOException {
        Reducer<String, Long, String, Long> splitting = (key, values, out) -> {
            Set<Long> distinct = new HashSet<>();
            values.forEach(distinct::add);
            distinct.stream().sorted().forEach(x -> out.emit(key, x));
        };
        SortCounters counters = new SortCounters();
        CodecCombiner<String, Long> combiner = new CodecCombiner<>(splitting, Codecs.STRING, Codecs.LONG, counters);
        List<TestRecords.Rec> input = TestRecords.sorted(List.of(rec("b", 2), rec("b", 2), rec("a", 1), rec("b", 3)));
        RawRecordCursor in = SegmentReader.ofBytes(TestRecords.encode(input), 0, TestRecords.encode(input).length);
        CollectingSink sink = new CollectingSink();
        combiner.combine(in, sink);
        assertThat(sink.records).containsExactly(rec("a", 1), rec("b", 2), rec("b", 3));
        assertThat(counters.combineInputRecords).isEqualTo(4);
        assertThat(counters.combineOutputRecords).isEqualTo(3);
    }

    static TestRecords.Rec rec(String key, long value) {
        BytesOut k = new BytesOut();
        BytesOut v = new BytesOut();
        Codecs.STRING.encode(key, k);
        Codecs.LONG.encode(value, v);
        return TestRecords.Rec.of(k.toByteArray(), v.toByteArray());
    }

    static final class CollectingSink implements RecordSink {
        final List<TestRecords.Rec> records = new java.util.ArrayList<>();

        @Override
        public void append(byte[] k, int koff, int klen, byte[] v, int voff, int vlen) {
            records.add(TestRecords.Rec.of(java.util.Arrays.copyOfRange(k, koff, koff + klen),
                    java.util.Arrays.copyOfRange(v, voff, voff + vlen)));
        }
    }
}
