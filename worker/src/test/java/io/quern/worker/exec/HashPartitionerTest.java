package io.quern.worker.exec;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

class HashPartitionerTest {

    @Test
    void fixedKeys_mapToFixedPartitions_inEveryJvm() {
        // Pinned: map tasks on different workers (and versions) must agree on every key's partition.
        assertThat(partition("", 8)).isEqualTo(0);
        assertThat(partition("a", 8)).isEqualTo(6);
        assertThat(partition("b", 8)).isEqualTo(7);
        assertThat(partition("hello", 8)).isEqualTo(2);
        assertThat(partition("quern", 8)).isEqualTo(0);
        assertThat(partition("日本", 8)).isEqualTo(5);
        assertThat(partition("hello", 3)).isEqualTo(0);
        assertThat(partition("quern", 3)).isEqualTo(2);
        assertThat(partition("hello", Integer.MAX_VALUE)).isEqualTo(1986495450);
        byte[] high = {(byte) 0xFF, (byte) 0x80, 0, 1};
        assertThat(HashPartitioner.partition(high, 0, high.length, 8)).isEqualTo(3);
    }

    @Test
    void readsOnlyTheGivenRangeOfTheArray() {
        byte[] key = "hello".getBytes(StandardCharsets.UTF_8);
        byte[] padded = new byte[key.length + 10];
        padded[0] = 1;
        padded[padded.length - 1] = 2;
        System.arraycopy(key, 0, padded, 4, key.length);
        for (int n : new int[] {1, 2, 7, 8, 1000}) {
            assertThat(HashPartitioner.partition(padded, 4, key.length, n))
                    .as("%d partitions", n)
                    .isEqualTo(HashPartitioner.partition(key, 0, key.length, n));
        }
    }

    @Test
    void resultIsAlwaysAValidPartition() {
        Random random = new Random(7);
        for (int i = 0; i < 20_000; i++) {
            byte[] key = new byte[random.nextInt(20)];
            random.nextBytes(key);
            int n = 1 + random.nextInt(i % 2 == 0 ? 10 : Integer.MAX_VALUE);
            assertThat(HashPartitioner.partition(key, 0, key.length, n))
                    .as("key of %d bytes, %d partitions", key.length, n)
                    .isBetween(0, n - 1);
        }
    }

    @Test
    void onePartition_takesEveryKey() {
        assertThat(partition("anything", 1)).isZero();
        assertThat(partition("", 1)).isZero();
    }

    @Test
    void similarKeys_spreadEvenlyOverThePartitions() {
        int partitions = 8;
        int keys = 10_000;
        int[] counts = new int[partitions];
        for (int i = 0; i < keys; i++) {
            counts[partition("key-" + i, partitions)]++;
        }
        int expected = keys / partitions;
        for (int p = 0; p < partitions; p++) {
            assertThat(counts[p])
                    .as("keys in partition %d of %s", p, java.util.Arrays.toString(counts))
                    .isBetween(expected * 8 / 10, expected * 12 / 10);
        }
    }

    @Test
    void numericKeys_spreadEvenlyOverThePartitions() {
        // Big-endian 8-byte longs that differ only in their last bytes, as the Long codec produces.
        int partitions = 8;
        int[] counts = new int[partitions];
        for (long i = 0; i < 10_000; i++) {
            byte[] key = java.nio.ByteBuffer.allocate(8).putLong(i ^ Long.MIN_VALUE).array();
            counts[HashPartitioner.partition(key, 0, key.length, partitions)]++;
        }
        for (int p = 0; p < partitions; p++) {
            assertThat(counts[p])
                    .as("keys in partition %d of %s", p, java.util.Arrays.toString(counts))
                    .isBetween(1000, 1500);
        }
    }

    private static int partition(String key, int partitions) {
        byte[] b = key.getBytes(StandardCharsets.UTF_8);
        return HashPartitioner.partition(b, 0, b.length, partitions);
    }
}
