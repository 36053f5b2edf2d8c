package io.quern.worker.exec;

import io.quern.common.job.KeyCount;
import io.quern.worker.codec.Codec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * The heaviest keys of a map's output, estimated from a sample, so that skew can be seen and
 * explained: every {@value #STRIDE}th record's serialized key goes into a Space-Saving sketch
 * (Metwally, Agrawal, El Abbadi 2005) of {@value #CAPACITY} counters. A key that misses takes over
 * the smallest counter, adding one to it, so a frequent key stays and its count is never
 * underestimated. The stride is fixed: the same output always gives the same report.
 *
 * <p>A record not sampled costs a decrement and a branch; keys longer than {@value #MAX_KEY_BYTES}
 * bytes are left out, so that the sketch holds little memory. Confined to the task thread.
 */
final class HotKeySampler {
    static final int STRIDE = 16;
    static final int CAPACITY = 64;
    static final int REPORTED = 10;
    static final int MAX_KEY_CHARS = KeyCount.MAX_KEY_CHARS;
    private static final int MAX_KEY_BYTES = 4096;

    private final byte[][] keys = new byte[CAPACITY][];
    private final int[] hashes = new int[CAPACITY];
    private final long[] counts = new long[CAPACITY];
    private int size;
    private int untilSample = 1;

    /** One emitted record's serialized key; only every {@value #STRIDE}th is looked at. */
    void offer(byte[] key, int off, int len) {
        if (--untilSample > 0) {
            return;
        }
        untilSample = STRIDE;
        if (len <= MAX_KEY_BYTES) {
            count(key, off, len);
        }
    }

    private void count(byte[] key, int off, int len) {
        int h = 1;
        for (int i = off; i < off + len; i++) {
            h = 31 * h + key[i];
        }
        int smallest = 0;
        for (int i = 0; i < size; i++) {
            if (hashes[i] == h && Arrays.equals(keys[i], 0, keys[i].length, key, off, off + len)) {
                counts[i]++;
                return;
            }
            if (counts[i] < counts[smallest]) {
                smallest = i;
            }
        }
        int slot = size < CAPACITY ? size++ : smallest;
        keys[slot] = Arrays.copyOfRange(key, off, off + len);
        hashes[slot] = h;
        counts[slot]++;
    }

    /** The {@value #REPORTED} heaviest keys, heaviest first, as text, with estimated record counts. */
    List<KeyCount> heaviest(Codec<?> codec) {
        Integer[] order = new Integer[size];
        for (int i = 0; i < size; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingLong((Integer i) -> counts[i]).reversed());
        List<KeyCount> out = new ArrayList<>(Math.min(size, REPORTED));
        for (int i = 0; i < Math.min(size, REPORTED); i++) {
            byte[] key = keys[order[i]];
            out.add(KeyCount.reported(String.valueOf(codec.decode(key, 0, key.length)), counts[order[i]] * STRIDE));
        }
        return out;
    }
}
