package io.quern.worker.sort;

import java.util.Arrays;

/**
 * The map-side sort buffer: key and value bytes back to back in one preallocated arena, plus four
 * ints of metadata per record (partition, key start, key length, value length). A quarter of the
 * byte budget goes to metadata, which balances the two at an average record of 48 serialized bytes;
 * whichever fills first triggers a spill. {@link #sort()} is an introsort that permutes the metadata
 * entries in place (the arena bytes never move), so sorting allocates nothing. Confined to one thread.
 */
final class SortBuffer {
    private static final int META_INTS = 4;
    private static final int META_BYTES = META_INTS * Integer.BYTES;
    private static final int INSERTION_SORT_MAX = 16;

    private final byte[] kv;
    private final int[] meta;
    private final int capacity;
    private int kvEnd;
    private int count;
    private final Range range = new Range();
    // The current pivot, copied out because partitioning moves the entry it came from.
    private int pivotPartition;
    private int pivotKeyStart;
    private int pivotKeyLength;

    SortBuffer(int bufferBytes) {
        capacity = Math.max(1, bufferBytes / 4 / META_BYTES);
        kv = new byte[Math.max(0, bufferBytes - capacity * META_BYTES)];
        meta = new int[capacity * META_INTS];
    }

    /** Copies a record in; false, with nothing copied, if the arena or the metadata is full. */
    boolean add(int partition, byte[] k, int koff, int klen, byte[] v, int voff, int vlen) {
        if (count == capacity || klen > kv.length - kvEnd || vlen > kv.length - kvEnd - klen) {
            return false;
        }
        System.arraycopy(k, koff, kv, kvEnd, klen);
        System.arraycopy(v, voff, kv, kvEnd + klen, vlen);
        int m = count * META_INTS;
        meta[m] = partition;
        meta[m + 1] = kvEnd;
        meta[m + 2] = klen;
        meta[m + 3] = vlen;
        kvEnd += klen + vlen;
        count++;
        return true;
    }

    int count() {
        return count;
    }

    /** Partition of the {@code i}-th record (in sorted order after {@link #sort()}). */
    int partition(int i) {
        return meta[i * META_INTS];
    }

    void reset() {
        kvEnd = 0;
        count = 0;
    }

    /** A cursor over records {@code [from, to)}; the same object is reused by every call. */
    RawRecordCursor range(int from, int to) {
        range.next = from;
        range.end = to;
        range.m = -1;
        return range;
    }

    /** Sorts the records by partition, then by key bytes compared unsigned. */
    void sort() {
        if (count > 1) {
            introsort(0, count - 1, 2 * (31 - Integer.numberOfLeadingZeros(count)));
        }
    }

    private void introsort(int lo, int hi, int depth) {
        while (hi - lo > INSERTION_SORT_MAX) {
            if (depth-- == 0) {
                heapsort(lo, hi);
                return;
            }
            int mid = (lo + hi) >>> 1;
            if (compare(mid, lo) < 0) {
                swap(mid, lo);
            }
            if (compare(hi, lo) < 0) {
                swap(hi, lo);
            }
            if (compare(hi, mid) < 0) {
                swap(hi, mid);
            }
            int pm = mid * META_INTS;
            pivotPartition = meta[pm];
            pivotKeyStart = meta[pm + 1];
            pivotKeyLength = meta[pm + 2];
            int i = lo;
            int j = hi;
            while (i <= j) {
                while (compareToPivot(i) < 0) {
                    i++;
                }
                while (compareToPivot(j) > 0) {
                    j--;
                }
                if (i <= j) {
                    swap(i, j);
                    i++;
                    j--;
                }
            }
            // Recurse into the smaller side so the stack stays logarithmic.
            if (j - lo < hi - i) {
                introsort(lo, j, depth);
                lo = i;
            } else {
                introsort(i, hi, depth);
                hi = j;
            }
        }
        for (int i = lo + 1; i <= hi; i++) {
            for (int j = i; j > lo && compare(j - 1, j) > 0; j--) {
                swap(j - 1, j);
            }
        }
    }

    private void heapsort(int lo, int hi) {
        int n = hi - lo + 1;
        for (int i = n / 2 - 1; i >= 0; i--) {
            siftDown(lo, i, n);
        }
        for (int end = n - 1; end > 0; end--) {
            swap(lo, lo + end);
            siftDown(lo, 0, end);
        }
    }

    private void siftDown(int base, int i, int n) {
        while (true) {
            int child = 2 * i + 1;
            if (child >= n) {
                return;
            }
            if (child + 1 < n && compare(base + child + 1, base + child) > 0) {
                child++;
            }
            if (compare(base + i, base + child) >= 0) {
                return;
            }
            swap(base + i, base + child);
            i = child;
        }
    }

    private int compare(int a, int b) {
        int ma = a * META_INTS;
        int mb = b * META_INTS;
        int c = Integer.compare(meta[ma], meta[mb]);
        if (c != 0) {
            return c;
        }
        int ka = meta[ma + 1];
        int kb = meta[mb + 1];
        return Arrays.compareUnsigned(kv, ka, ka + meta[ma + 2], kv, kb, kb + meta[mb + 2]);
    }

    private int compareToPivot(int a) {
        int ma = a * META_INTS;
        int c = Integer.compare(meta[ma], pivotPartition);
        if (c != 0) {
            return c;
        }
        int ka = meta[ma + 1];
        return Arrays.compareUnsigned(kv, ka, ka + meta[ma + 2], kv, pivotKeyStart, pivotKeyStart + pivotKeyLength);
    }

    private void swap(int a, int b) {
        int ma = a * META_INTS;
        int mb = b * META_INTS;
        for (int x = 0; x < META_INTS; x++) {
            int t = meta[ma + x];
            meta[ma + x] = meta[mb + x];
            meta[mb + x] = t;
        }
    }

    /** Reads records straight out of the arena. */
    private final class Range implements RawRecordCursor {
        int next;
        int end;
        int m;

        @Override
        public boolean next() {
            if (next >= end) {
                return false;
            }
            m = META_INTS * next++;
            return true;
        }

        @Override
        public byte[] keyBuffer() {
            return kv;
        }

        @Override
        public int keyOffset() {
            return meta[m + 1];
        }

        @Override
        public int keyLength() {
            return meta[m + 2];
        }

        @Override
        public byte[] valueBuffer() {
            return kv;
        }

        @Override
        public int valueOffset() {
            return meta[m + 1] + meta[m + 2];
        }

        @Override
        public int valueLength() {
            return meta[m + 3];
        }

        @Override
        public void close() {}
    }
}
