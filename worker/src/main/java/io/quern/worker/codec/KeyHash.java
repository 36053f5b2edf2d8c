package io.quern.worker.codec;

/**
 * The hash of a serialized key, the same in every JVM (unlike {@code hashCode} of {@code byte[]}),
 * that the default partitioning and the map side's key indexes use. It is a polynomial over the
 * bytes from {@link #SEED}, then {@link #mix mixed}; code that scans the key bytes anyway may roll
 * the polynomial as it goes ({@code h = 31 * h + b}) and mix at the end.
 */
public final class KeyHash {
    /** The polynomial's start value. */
    public static final int SEED = 0x9747b28c;

    private KeyHash() {}

    /** The mixed hash of {@code len} key bytes from {@code off}. */
    public static int of(byte[] key, int off, int len) {
        int h = SEED;
        for (int i = off; i < off + len; i++) {
            h = 31 * h + key[i];
        }
        return mix(h);
    }

    /** Murmur3's finalizer over the polynomial, so that similar keys spread. */
    public static int mix(int h) {
        h ^= h >>> 16;
        h *= 0x85ebca6b;
        h ^= h >>> 13;
        h *= 0xc2b2ae35;
        h ^= h >>> 16;
        return h;
    }

    /** The partition of a key of hash {@code hash} among {@code partitions}. */
    public static int partition(int hash, int partitions) {
        return (hash & Integer.MAX_VALUE) % partitions;
    }
}
