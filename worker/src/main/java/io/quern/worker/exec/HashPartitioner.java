package io.quern.worker.exec;

import io.quern.worker.codec.KeyHash;

/** The default partitioner: the {@link KeyHash} of the key's serialized bytes, modulo the partitions. */
final class HashPartitioner {
    private HashPartitioner() {}

    static int partition(byte[] key, int off, int len, int partitions) {
        return partition(hash(key, off, len), partitions);
    }

    /** The partition of a key whose {@link #hash} is {@code hash}. */
    static int partition(int hash, int partitions) {
        return KeyHash.partition(hash, partitions);
    }

    /** The hash of the key bytes that {@link #partition} is taken from. */
    static int hash(byte[] key, int off, int len) {
        return KeyHash.of(key, off, len);
    }
}
