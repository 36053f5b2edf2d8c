package io.quern.worker.sort;

import java.util.Arrays;

/**
 * The map-side sort buffer: key and value bytes back to back in one preallocated arena, plus six
 * ints of metadata per record (partition, key start, key length, value length, and the key's first
 * eight bytes as an unsigned big-endian prefix in two ints). A quarter of the byte budget goes to
 * metadata; whichever fills first triggers a spill. {@link #sort()} is an introsort that permutes
 * the metadata entries in place (the arena bytes never move), so sorting allocates nothing; most
 * comparisons are decided by the prefixes without touching the arena.
 *
 * <p>An <em>indexed</em> buffer also keeps an open-addressing hash table from (partition, key
 * bytes) to the record holding them, so that a combining collector can find the record a new
 * value folds into ({@link #find}) and replace its value ({@link #replaceValue}). The table's
 * largest size is reserved out of the same byte budget. It is valid until the next {@link #sort()}.
 *
 * <p>Confined to one thread.
 */
final class SortBuffer {
    private static final int META_INTS = 6;
    private static final int META_BYTES = META_INTS * Integer.BYTES;
    private static final int INSERTION_SORT_MAX = 16;
    private static final int INITIAL_SLOTS = 1 << 12;

    private final byte[] kv;
    private final int[] meta;
    private final int capacity;
    /**
     * Hash table, or null if not indexed: each slot holds a key's 32-bit hash in its high half and
     * the index + 1 of its record in its low half (0 = empty), so that a probe touches the metadata
     * and the arena only for a key whose hash matches. At most half full: it starts small and
     * doubles, up to an eighth of the budget, so that few distinct keys stay within the caches.
     * The budget reserves room for the largest table.
     */
    private long[] slots;
    private int slotMask;
    private int indexed;
    private final int maxSlots;
    private int kvEnd;
    private int count;
    private final Range range = new Range();
    // The current pivot, copied out because partitioning moves the entry it came from.
    private int pivotPartition;
    private long pivotPrefix;
    private int pivotKeyStart;
    private int pivotKeyLength;

    SortBuffer(int bufferBytes) {
        this(bufferBytes, false);
    }

    /**
     * @param bufferBytes the budget for arena, metadata and (if indexed) hash table together
     * @param indexed whether to keep the key index that {@link #find} needs
     */
    SortBuffer(int bufferBytes, boolean indexed) {
        capacity = Math.max(1, bufferBytes / 4 / META_BYTES);
        int tableBytes = 0;
        if (indexed) {
            // An eighth of the budget at most; a fuller buffer's further keys are not indexed.
            int size = Integer.highestOneBit(Math.max(16, bufferBytes / 8 / Long.BYTES));
            maxSlots = size;
            slots = new long[Math.min(size, INITIAL_SLOTS)];
            slotMask = slots.length - 1;
            tableBytes = size * Long.BYTES;
        } else {
            maxSlots = 0;
            slots = null;
            slotMask = 0;
        }
        kv = new byte[Math.max(0, bufferBytes - capacity * META_BYTES - tableBytes)];
        meta = new int[capacity * META_INTS];
    }

    /** Copies a record in; false, with nothing copied, if the arena or the metadata is full. */
    boolean add(int partition, byte[] k, int koff, int klen, byte[] v, int voff, int vlen) {
        return add(partition, false, 0, k, koff, klen, v, voff, vlen);
    }

    /**
     * Copies a record in and enters it in the index under {@code hash}, which must be the hash that
     * later {@link #find} calls for the same key pass; false, with nothing copied, if the arena or the
     * metadata is full. Only for an indexed buffer.
     */
    boolean addIndexed(int partition, int hash, byte[] k, int koff, int klen, byte[] v, int voff, int vlen) {
        return add(partition, true, hash, k, koff, klen, v, voff, vlen);
    }

    private boolean add(int partition, boolean index, int hash, byte[] k, int koff, int klen,
                        byte[] v, int voff, int vlen) {
        if (count == capacity || klen > kv.length - kvEnd || vlen > kv.length - kvEnd - klen) {
            return false;
        }
        System.arraycopy(k, koff, kv, kvEnd, klen);
        System.arraycopy(v, voff, kv, kvEnd + klen, vlen);
        int m = count * META_INTS;
        long prefix = prefix(k, koff, klen);
        meta[m] = partition;
        meta[m + 1] = kvEnd;
        meta[m + 2] = klen;
        meta[m + 3] = vlen;
        meta[m + 4] = (int) (prefix >>> 32);
        meta[m + 5] = (int) prefix;
        kvEnd += klen + vlen;
        count++;
        if (index) {
            if (indexFull()) {
                throw new IllegalStateException("the key index is full");
            }
            if (2 * ++indexed > slots.length && slots.length < maxSlots) {
                grow();
            }
            insert(slots, slotMask, ((long) hash << 32) | count); // index + 1
        }
        return true;
    }

    /** Whether the index can take no more keys: records may still be added, but not indexed. */
    boolean indexFull() {
        return 2 * (indexed + 1) > maxSlots;
    }

    /** Whether this buffer keeps a key index. */
    boolean indexed() {
        return slots != null;
    }

    /**
     * The record holding {@code partition} and exactly these key bytes, added under {@code hash}
     * since the last reset, or -1. Only for an indexed buffer that has not been sorted since.
     */
    int find(int partition, int hash, byte[] k, int koff, int klen) {
        int s = slot(hash);
        long entry;
        long prefix = -1;
        while ((entry = slots[s]) != 0) {
            if ((int) (entry >>> 32) == hash) {
                int i = (int) entry - 1;
                int m = i * META_INTS;
                if (meta[m] == partition && meta[m + 2] == klen) {
                    if (klen > 8) {
                        if (Arrays.equals(kv, meta[m + 1], meta[m + 1] + klen, k, koff, koff + klen)) {
                            return i;
                        }
                    } else {
                        // A key of at most eight bytes is its prefix: no need to read the arena.
                        if (prefix == -1) {
                            prefix = prefix(k, koff, klen);
                        }
                        if (prefixOf(m) == prefix) {
                            return i;
                        }
                    }
                }
            }
            s = (s + 1) & slotMask;
        }
        return -1;
    }

    /**
     * Replaces the value of record {@code i}: in place when it is no longer than the old one, else
     * by copying the key and the new value to the end of the arena. False, with nothing changed,
     * when the arena has no room for that.
     */
    boolean replaceValue(int i, byte[] v, int voff, int vlen) {
        int m = i * META_INTS;
        int start = meta[m + 1];
        int klen = meta[m + 2];
        if (vlen <= meta[m + 3]) {
            System.arraycopy(v, voff, kv, start + klen, vlen);
            meta[m + 3] = vlen;
            return true;
        }
        if (klen > kv.length - kvEnd || vlen > kv.length - kvEnd - klen) {
            return false;
        }
        System.arraycopy(kv, start, kv, kvEnd, klen);
        System.arraycopy(v, voff, kv, kvEnd + klen, vlen);
        meta[m + 1] = kvEnd;
        meta[m + 3] = vlen;
        kvEnd += klen + vlen;
        return true;
    }

    /** The arena holding record {@code i}'s value at {@link #valueOffset}. */
    byte[] arena() {
        return kv;
    }

    int valueOffset(int i) {
        return meta[i * META_INTS + 1] + meta[i * META_INTS + 2];
    }

    int valueLength(int i) {
        return meta[i * META_INTS + 3];
    }

    private static int slot(int hash, int mask) {
        return (hash * 0x9E3779B9 >>> 7) & mask;
    }

    private int slot(int hash) {
        return slot(hash, slotMask);
    }

    private static void insert(long[] table, int mask, long entry) {
        int s = slot((int) (entry >>> 32), mask);
        while (table[s] != 0) {
            s = (s + 1) & mask;
        }
        table[s] = entry;
    }

    /** Doubles the table; the hashes kept in the slots place the entries without reading any key. */
    private void grow() {
        long[] bigger = new long[slots.length * 2];
        int mask = bigger.length - 1;
        for (long entry : slots) {
            if (entry != 0) {
                insert(bigger, mask, entry);
            }
        }
        slots = bigger;
        slotMask = mask;
    }

    /** The first eight key bytes, big-endian, zero-padded: unsigned order agrees with the bytes'. */
    private static long prefix(byte[] k, int off, int len) {
        long p = 0;
        int n = Math.min(8, len);
        for (int i = 0; i < n; i++) {
            p = (p << 8) | (k[off + i] & 0xFF);
        }
        return p << (8 * (8 - n));
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
        if (slots != null) {
            Arrays.fill(slots, 0);
            indexed = 0;
        }
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
            pivotPrefix = prefixOf(pm);
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

    private long prefixOf(int m) {
        return ((long) meta[m + 4] << 32) | (meta[m + 5] & 0xFFFFFFFFL);
    }

    private int compare(int a, int b) {
        int ma = a * META_INTS;
        int mb = b * META_INTS;
        int c = Integer.compare(meta[ma], meta[mb]);
        if (c != 0) {
            return c;
        }
        c = Long.compareUnsigned(prefixOf(ma), prefixOf(mb));
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
        c = Long.compareUnsigned(prefixOf(ma), pivotPrefix);
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
