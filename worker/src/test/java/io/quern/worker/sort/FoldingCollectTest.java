package io.quern.worker.sort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quern.api.Reducer;
import io.quern.common.job.Compression;
import io.quern.worker.codec.BytesOut;
import io.quern.worker.codec.Codecs;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Map output collected with folding: records of a key already in the sort buffer are folded into it
 * by the combiner. Every check is against totals kept by the test itself.
 */
class FoldingCollectTest {
    @TempDir
    Path dir;

    private final BytesOut k = new BytesOut();
    private final BytesOut v = new BytesOut();

    @Test
    void foldingSum_overManySpillsAndGrowingValues_keepsEveryWordsTotal() throws Exception {
        Random rnd = new Random(5);
        List<String> vocabulary = vocabulary(rnd, 400);
        int partitions = 3;
        Map<String, Long> expected = new HashMap<>();
        SortCounters counters = new SortCounters();
        // Values as decimal strings: a sum that grows a digit needs more arena than the value it replaces.
        Reducer<String, String, String, String> sum = (key, values, out) -> {
            long s = 0;
            for (String x : values) {
                s += Long.parseLong(x);
            }
            out.emit(key, Long.toString(s));
        };
        CodecCombiner<String, String> combiner = new CodecCombiner<>(sum, Codecs.STRING, Codecs.STRING, counters);
        int collected = 60_000;
        MapOutputFile out;
        try (MapOutputBuffer buf = new MapOutputBuffer(partitions, 64 << 10, 3, dir, combiner, counters, true, Compression.NONE)) {
            for (int i = 0; i < collected; i++) {
                String word = vocabulary.get(rnd.nextInt(vocabulary.size()));
                String count = Integer.toString(1 + rnd.nextInt(9));
                expected.merge(word, Long.parseLong(count), Long::sum);
                collect(buf, combiner, word, count, partitions);
            }
            out = buf.finish();
        }
        assertThat(counters.spills).as("one buffer held every word").isEqualTo(1);
        assertThat(counters.spilledRecords).as("one record per word").isEqualTo(expected.size());
        assertThat(read(out, partitions)).isEqualTo(expected);
    }

    @Test
    void moreKeysThanTheIndexHolds_areKeptUnfolded_andCombinedAtSpill() throws Exception {
        SortCounters counters = new SortCounters();
        CodecCombiner<String, String> combiner = new CodecCombiner<>(concat(), Codecs.STRING, Codecs.STRING, counters);
        Map<String, Long> expected = new HashMap<>();
        Random rnd = new Random(21);
        MapOutputFile out;
        // 8 KiB: 85 records of metadata, but an index of 128 slots, so only 64 indexed keys.
        try (MapOutputBuffer buf = new MapOutputBuffer(1, 8 << 10, 3, dir, combiner, counters, true, Compression.NONE)) {
            for (int i = 0; i < 5_000; i++) {
                String word = "k" + rnd.nextInt(80);
                expected.merge(word, 1L, Long::sum);
                collect(buf, combiner, word, "x", 1);
            }
            out = buf.finish();
        }
        Map<String, Long> actual = new HashMap<>();
        for (Map.Entry<String, String> e : readStrings(out, 1).entrySet()) {
            actual.put(e.getKey(), (long) e.getValue().length());
        }
        assertThat(actual).isEqualTo(expected);
    }

    @Test
    void valuesOutgrowingTheArena_spillAndStartAfresh() throws Exception {
        SortCounters counters = new SortCounters();
        CodecCombiner<String, String> combiner = new CodecCombiner<>(concat(), Codecs.STRING, Codecs.STRING, counters);
        Map<String, Long> expected = new HashMap<>();
        Random rnd = new Random(8);
        MapOutputFile out;
        try (MapOutputBuffer buf = new MapOutputBuffer(2, 16 << 10, 3, dir, combiner, counters, true, Compression.NONE)) {
            for (int i = 0; i < 40_000; i++) {
                String word = "w" + rnd.nextInt(40);
                expected.merge(word, 1L, Long::sum);
                collect(buf, combiner, word, "x", 2);
            }
            out = buf.finish();
        }
        assertThat(counters.spills).as("growing values filled the arena again and again").isGreaterThan(3);
        Map<String, Long> actual = new HashMap<>();
        for (Map.Entry<String, String> e : readStrings(out, 2).entrySet()) {
            actual.put(e.getKey(), (long) e.getValue().length());
        }
        assertThat(actual).isEqualTo(expected);
    }

    @Test
    void mostlyDistinctKeys_stopFolding_andStayCorrect() throws Exception {
        SortCounters counters = new SortCounters();
        CodecCombiner<String, String> combiner = new CodecCombiner<>(concat(), Codecs.STRING, Codecs.STRING, counters);
        Map<String, Long> expected = new HashMap<>();
        MapOutputFile out;
        try (MapOutputBuffer buf = new MapOutputBuffer(2, 1 << 20, 3, dir, combiner, counters, true, Compression.NONE)) {
            assertThat(buf.folding()).isTrue();
            for (int i = 0; i < 200_000; i++) {
                String word = "k" + (i % 150_000); // the first 65,536 lookups find nothing
                expected.merge(word, 1L, Long::sum);
                collect(buf, combiner, word, "1", 2);
            }
            assertThat(buf.folding()).as("too few lookups found their key").isFalse();
            out = buf.finish();
        }
        Map<String, Long> actual = new HashMap<>();
        for (Map.Entry<String, String> e : readStrings(out, 2).entrySet()) {
            actual.put(e.getKey(), (long) e.getValue().length()); // "1" concatenated once per record
        }
        assertThat(actual).isEqualTo(expected);
    }

    @Test
    void combinerEmittingOtherThanOneValue_keepsBothRecords() throws Exception {
        SortCounters counters = new SortCounters();
        // Emits nothing for a pair, which a fold cannot use; as a combiner at spill it keeps everything.
        Reducer<String, String, String, String> fussy = (key, values, out) -> {
            List<String> all = new ArrayList<>();
            values.forEach(all::add);
            if (all.size() != 2) {
                all.forEach(x -> out.emit(key, x));
            }
        };
        CodecCombiner<String, String> combiner = new CodecCombiner<>(fussy, Codecs.STRING, Codecs.STRING, counters);
        MapOutputFile out;
        try (MapOutputBuffer buf = new MapOutputBuffer(1, 1 << 16, 3, dir, combiner, counters, true, Compression.NONE)) {
            collect(buf, combiner, "a", "x", 1);
            collect(buf, combiner, "a", "y", 1);
            collect(buf, combiner, "a", "z", 1);
            out = buf.finish();
        }
        List<String> values = new ArrayList<>();
        try (SegmentReader r = SegmentReader.ofFile(out.data(), out.entry(0).offset(), out.entry(0).length())) {
            while (r.next()) {
                values.add(Codecs.STRING.decode(r.valueBuffer(), r.valueOffset(), r.valueLength()));
            }
        }
        assertThat(values).containsExactlyInAnyOrder("x", "y", "z");
    }

    @Test
    void foldingCombinerThatChangesTheKey_isRejected() throws IOException {
        Reducer<String, String, String, String> renaming = (key, values, out) -> out.emit(key + "!", "1");
        CodecCombiner<String, String> combiner =
                new CodecCombiner<>(renaming, Codecs.STRING, Codecs.STRING, new SortCounters());
        try (MapOutputBuffer buf = new MapOutputBuffer(1, 4096, 3, dir, combiner, new SortCounters(), true, Compression.NONE)) {
            collect(buf, combiner, "word", "1", 1);
            assertThatThrownBy(() -> collect(buf, combiner, "word", "1", 1))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("must not change keys");
        }
    }

    private void collect(MapOutputBuffer buf, CodecCombiner<String, String> combiner, String word, String value,
                         int partitions) throws IOException {
        k.reset();
        v.reset();
        Codecs.STRING.encode(word, k);
        Codecs.STRING.encode(value, v);
        int hash = word.hashCode();
        buf.collect(Math.floorMod(hash, partitions), hash, k.array(), 0, k.size(), v.array(), 0, v.size(),
                (held, off, len, out) -> combiner.fold(word, k.array(), 0, k.size(), value, held, off, len, out));
    }

    private static Reducer<String, String, String, String> concat() {
        return (key, values, out) -> {
            StringBuilder b = new StringBuilder();
            values.forEach(b::append);
            out.emit(key, b.toString());
        };
    }

    /** Each key's values summed as numbers, over all its records. */
    private static Map<String, Long> read(MapOutputFile out, int partitions) throws Exception {
        Map<String, Long> totals = new HashMap<>();
        for (String[] kv : records(out, partitions)) {
            totals.merge(kv[0], Long.parseLong(kv[1]), Long::sum);
        }
        return totals;
    }

    /** Each key's values concatenated, over all its records. */
    private static Map<String, String> readStrings(MapOutputFile out, int partitions) throws Exception {
        Map<String, String> values = new HashMap<>();
        for (String[] kv : records(out, partitions)) {
            values.merge(kv[0], kv[1], String::concat);
        }
        return values;
    }

    /** Every record of every partition, checking that each partition's key bytes ascend. */
    private static List<String[]> records(MapOutputFile out, int partitions) throws Exception {
        List<String[]> records = new ArrayList<>();
        for (int p = 0; p < partitions; p++) {
            IndexEntry e = out.entry(p);
            try (SegmentReader r = SegmentReader.ofFile(out.data(), e.offset(), e.length())) {
                byte[] last = null;
                while (r.next()) {
                    byte[] key = Arrays.copyOfRange(r.keyBuffer(), r.keyOffset(), r.keyOffset() + r.keyLength());
                    if (last != null) {
                        assertThat(Arrays.compareUnsigned(last, key)).as("keys ascend").isLessThanOrEqualTo(0);
                    }
                    last = key;
                    records.add(new String[] {Codecs.STRING.decode(key, 0, key.length),
                            Codecs.STRING.decode(r.valueBuffer(), r.valueOffset(), r.valueLength())});
                }
            }
        }
        return records;
    }

    private static List<String> vocabulary(Random rnd, int n) {
        List<String> words = new ArrayList<>(List.of("", "a", "ab", "abcdefgh", "abcdefghi", "Ωmega", "日本"));
        while (words.size() < n) {
            words.add("w" + Integer.toString(rnd.nextInt(1 << 30), 36));
        }
        return words;
    }
}
