package io.quern.worker.exec;

/**
 * The default partitioner: a hash of the key's serialized bytes, the same in every JVM (unlike
 * {@code hashCode} of {@code byte[]}), mixed so that similar keys spread.
 */
final class HashPartitioner {
    private HashPartitioner() {}

    static int partition(byte[] key, int off, int len, int partitions) {
        return partition(hash(key, off, len), partitions);
    }

    /** The partition of a key whose {@link #hash} is {@code hash}. */
    static int partition(int hash, int partitions) {
        return (hash & Integer.MAX_VALUE) % partitions;
    }

    /** The mixed hash of the key bytes that {@link #partition} is taken from. */
    static int hash(byte[] key, int off, int len) {
        int h = 0x9747b28c;
        for (int i = off; i < off + len; i++) {
            h = 31 * h + key[i];
        }
        h ^= h >>> 16;
        h *= 0x85ebca6b;
        h ^= h >>> 13;
        h *= 0xc2b2ae35;
        h ^= h >>> 16;
        return h;
    }
}
