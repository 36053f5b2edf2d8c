package io.quern.common.job;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The split points of a total order over map output keys: R-1 serialized keys in ascending order
 * (as unsigned bytes, the order every key codec sorts in). Partition {@code p} holds the keys
 * {@code k} with {@code point[p-1] <= k < point[p]}, so part file p holds only keys smaller than those
 * of part file p+1. Fewer points than R-1 leave the last partitions empty. Immutable.
 */
public final class SplitPoints {
    private final byte[][] points;

    /** @throws IllegalArgumentException when the points are not in ascending order */
    public SplitPoints(List<byte[]> points) {
        this.points = new byte[points.size()][];
        for (int i = 0; i < this.points.length; i++) {
            this.points[i] = points.get(i).clone();
            if (i > 0 && compare(this.points[i - 1], 0, this.points[i - 1].length, this.points[i]) > 0) {
                throw new IllegalArgumentException("split point " + i + " is smaller than the one before it");
            }
        }
    }

    public int size() {
        return points.length;
    }

    /** A copy of point {@code i}. */
    public byte[] get(int i) {
        return points[i].clone();
    }

    /** Copies of all points, in order. */
    public List<byte[]> all() {
        List<byte[]> out = new ArrayList<>(points.length);
        for (byte[] p : points) {
            out.add(p.clone());
        }
        return out;
    }

    /** The partition of the serialized key {@code key[off, off+len)}: how many points are at most the key. */
    public int partition(byte[] key, int off, int len) {
        int lo = 0;
        int hi = points.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (compare(key, off, len, points[mid]) >= 0) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** Unsigned lexicographic comparison of {@code a[off, off+len)} with all of {@code b}. */
    static int compare(byte[] a, int off, int len, byte[] b) {
        int c = Arrays.compareUnsigned(a, off, off + len, b, 0, b.length);
        return Integer.signum(c);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SplitPoints s && Arrays.deepEquals(points, s.points);
    }

    @Override
    public int hashCode() {
        return Arrays.deepHashCode(points);
    }

    @Override
    public String toString() {
        return "SplitPoints(" + points.length + ")";
    }
}
