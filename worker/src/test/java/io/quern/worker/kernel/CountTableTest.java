package io.quern.worker.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import io.quern.worker.codec.KeyHash;
import java.io.IOException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class CountTableTest {
    private static final HexFormat HEX = HexFormat.of();

    @Test
    void countsEveryKey_asAMapWould_throughGrowth() throws IOException {
        Random random = new Random(7);
        CountTable table = new CountTable(64L << 20);
        Map<String, Long> expected = new HashMap<>();
        for (int i = 0; i < 300_000; i++) {
            byte[] key = randomKey(random);
            long count = 1 + random.nextInt(3);
            assertThat(table.add(key, 0, key.length, KeyHash.of(key, 0, key.length), count)).isTrue();
            expected.merge(HEX.formatHex(key), count, Long::sum);
        }
        assertThat(table.size()).isEqualTo(expected.size());
        assertThat(contents(table)).isEqualTo(expected);
    }

    @Test
    void keysOfTheSameBytesButOtherLengths_areDifferentKeys() throws IOException {
        CountTable table = new CountTable(CountTable.LEAST_BYTES);
        byte[] zeros = new byte[12];
        for (int len = 0; len <= zeros.length; len++) {
            table.add(zeros, 0, len, 42, len + 1); // one hash for all: only length and bytes tell them apart
        }
        Map<String, Long> expected = new HashMap<>();
        for (int len = 0; len <= zeros.length; len++) {
            expected.put("00".repeat(len), len + 1L);
        }
        assertThat(contents(table, false)).isEqualTo(expected);
    }

    @Test
    void aNewKeyBeyondTheBudget_isRefusedAndChangesNothing() throws IOException {
        CountTable table = new CountTable(CountTable.LEAST_BYTES);
        Random random = new Random(3);
        Map<String, Long> expected = new HashMap<>();
        int refused = 0;
        for (int i = 0; i < 100_000 && refused == 0; i++) {
            byte[] key = randomKey(random);
            if (table.add(key, 0, key.length, KeyHash.of(key, 0, key.length), 1)) {
                expected.merge(HEX.formatHex(key), 1L, Long::sum);
            } else {
                refused++;
            }
        }
        assertThat(refused).as("the smallest table fills up").isEqualTo(1);
        assertThat(table.bytes()).isLessThanOrEqualTo(CountTable.LEAST_BYTES);
        assertThat(contents(table)).isEqualTo(expected);
        // A key already held is still counted when full.
        String held = expected.keySet().iterator().next();
        byte[] k = HEX.parseHex(held);
        assertThat(table.add(k, 0, k.length, KeyHash.of(k, 0, k.length), 5)).isTrue();
        assertThat(contents(table)).containsEntry(held, expected.get(held) + 5);
    }

    @Test
    void clear_forgetsEveryKey() throws IOException {
        CountTable table = new CountTable(CountTable.LEAST_BYTES * 4);
        byte[] a = "a-rather-long-key".getBytes();
        byte[] b = "b".getBytes();
        table.add(a, 0, a.length, KeyHash.of(a, 0, a.length), 1);
        table.add(b, 0, b.length, KeyHash.of(b, 0, b.length), 1);
        table.clear();
        assertThat(table.size()).isZero();
        assertThat(contents(table)).isEmpty();
        table.add(b, 0, b.length, KeyHash.of(b, 0, b.length), 2);
        assertThat(contents(table)).containsExactly(Map.entry(HEX.formatHex(b), 2L));
    }

    @Test
    void forEachSorted_visitsKeysInUnsignedByteOrder_shorterPrefixesFirst() throws IOException {
        Random random = new Random(11);
        CountTable table = new CountTable(16L << 20);
        java.util.TreeMap<byte[], Long> expected = new java.util.TreeMap<>(Arrays::compareUnsigned);
        for (int i = 0; i < 50_000; i++) {
            byte[] key = randomKey(random);
            table.add(key, 0, key.length, KeyHash.of(key, 0, key.length), 1);
            expected.merge(key, 1L, Long::sum);
        }
        // Keys that share their first eight bytes, inline and in the arena, and a zero-padded one.
        for (String k : new String[] {"abcdefgh", "abcdefghZ", "abcdefghA", "ab", "ab\0\0", "abcdefgh\0"}) {
            byte[] key = k.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
            table.add(key, 0, key.length, KeyHash.of(key, 0, key.length), 1);
            expected.merge(key, 1L, Long::sum);
        }
        java.util.List<String> visited = new java.util.ArrayList<>();
        java.util.List<Long> counts = new java.util.ArrayList<>();
        table.forEachSorted((keys, off, len, hash, count) -> {
            visited.add(HEX.formatHex(keys, off, off + len));
            counts.add(count);
        });
        assertThat(visited).containsExactlyElementsOf(expected.keySet().stream().map(HEX::formatHex).toList());
        assertThat(counts).containsExactlyElementsOf(expected.values());
    }

    /** Short keys (held in their slots) and long ones (in the arena), from a small alphabet so they repeat. */
    private static byte[] randomKey(Random random) {
        int len = random.nextInt(10) < 8 ? random.nextInt(9) : 9 + random.nextInt(40);
        byte[] key = new byte[len];
        for (int i = 0; i < len; i++) {
            key[i] = (byte) (random.nextInt(6) - 3); // negative bytes too
        }
        return key;
    }

    /** The table's entries, checking that each comes with the hash it was added with. */
    private static Map<String, Long> contents(CountTable table) throws IOException {
        return contents(table, true);
    }

    private static Map<String, Long> contents(CountTable table, boolean keyHashes) throws IOException {
        Map<String, Long> out = new HashMap<>();
        table.forEach((keys, off, len, hash, count) -> {
            byte[] key = Arrays.copyOfRange(keys, off, off + len);
            assertThat(hash).as("hash of %s", HEX.formatHex(key)).isEqualTo(keyHashes ? KeyHash.of(key, 0, len) : 42);
            assertThat(out.put(HEX.formatHex(key), count)).as("visited once").isNull();
        });
        return out;
    }
}
