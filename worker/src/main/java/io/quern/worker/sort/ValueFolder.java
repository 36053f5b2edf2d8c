package io.quern.worker.sort;

import io.quern.worker.codec.BytesOut;

/**
 * Folds the value being collected into the value already held for the same key, as a combiner
 * applied to the two of them. This is how a map with a combiner keeps one record per distinct key
 * in its sort buffer instead of sorting every emitted pair.
 */
public interface ValueFolder {
    /**
     * Writes into {@code out} the one value that stands for both the held value (the {@code len}
     * bytes at {@code held[off]}) and the value being collected, and returns true; returns false when
     * the two do not fold into exactly one value, and both are then kept as they are.
     */
    boolean fold(byte[] held, int off, int len, BytesOut out);
}
