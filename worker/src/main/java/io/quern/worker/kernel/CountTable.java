package io.quern.worker.kernel;

import java.io.IOException;
import java.util.Arrays;

/**
 * Counts per key, for keys given as bytes: an open-addressing table with linear probing. A slot is
 * three longs in one array: the key's hash and length, the key itself, and its count. A key of up to
 * {@value #INLINE} bytes is held in the slot, so that a look-up touches one place in memory; a longer
 * key is held in a byte arena, and its slot holds its offset there. Counting allocates nothing. The table and arena grow as keys arrive, up to a budget;
 * past it {@link #add} refuses the key and the caller empties the table.
 *
 * <p>Confined to one thread.
 */
final class CountTable {
    private static final int STRIDE = 3; // longs per slot: tag, key or arena offset, count
    /** Keys of at most this many bytes are held in their slot. */
    static final int INLINE = Long.BYTES;
    private static final int MIN_SLOTS = 1 << 12;
    private static final int MIN_ARENA = 1 << 16;
    /** Start with room for this many keys when the budget allows: growing is copying. */
    private static final int START_SLOTS = 1 << 17;
    private static final int START_ARENA = 1 << 20;
    /** The smallest budget: the initial slots and arena. */
    static final long LEAST_BYTES = (long) MIN_SLOTS * STRIDE * Long.BYTES + MIN_ARENA;

    /** Visits one entry; the key bytes are valid during the call only. */
    interface EntryVisitor {
        void visit(byte[] keys, int off, int len, int hash, long count) throws IOException;
    }

    private final long budgetBytes;
    private long[] slots;
    private int mask;
    private int size;
    private byte[] arena;
    private int arenaUsed;

    /** @param budgetBytes most bytes for slots and arena together; at least enough for the smallest table */
    CountTable(long budgetBytes) {
        if (budgetBytes < LEAST_BYTES) {
            throw new IllegalArgumentException("a count table needs at least " + LEAST_BYTES + " bytes, not "
                    + budgetBytes);
        }
        this.budgetBytes = budgetBytes;
        int n = MIN_SLOTS;
        while (n < START_SLOTS && (2L * n * STRIDE * Long.BYTES + START_ARENA) * 4 <= budgetBytes) {
            n *= 2; // the table starts at most a quarter of its budget
        }
        this.slots = new long[n * STRIDE];
        this.mask = n - 1;
        this.arena = new byte[n > MIN_SLOTS ? START_ARENA : MIN_ARENA];
    }

    /**
     * Adds {@code count} to the key's count, entering the key if new.
     *
     * @param hash any hash of the key bytes, the same for equal keys; its low bits pick the slot
     * @return false if the key is new and does not fit within the budget (nothing changed then)
     */
    boolean add(byte[] key, int off, int len, int hash, long count) {
        return len <= INLINE ? addInline(key, off, len, hash, count) : addLong(key, off, len, hash, count);
    }

    private boolean addInline(byte[] key, int off, int len, int hash, long count) {
        long tag = tag(hash, len);
        long packed = pack(key, off, len);
        long[] s = slots;
        int slot = hash & mask;
        while (true) {
            int at = slot * STRIDE;
            long t = s[at];
            if (t == 0) {
                break;
            }
            if (t == tag && s[at + 1] == packed) {
                s[at + 2] += count;
                return true;
            }
            slot = (slot + 1) & mask;
        }
        return insert(slot, hash, tag, packed, count);
    }

    private boolean addLong(byte[] key, int off, int len, int hash, long count) {
        long tag = tag(hash, len);
        long[] s = slots;
        int slot = hash & mask;
        while (true) {
            int at = slot * STRIDE;
            long t = s[at];
            if (t == 0) {
                break;
            }
            if (t == tag) {
                int o = (int) s[at + 1];
                if (Arrays.equals(arena, o, o + len, key, off, off + len)) {
                    s[at + 2] += count;
                    return true;
                }
            }
            slot = (slot + 1) & mask;
        }
        if (arenaUsed + len > arena.length && !growArena(len)) {
            return false;
        }
        if (!insert(slot, hash, tag, arenaUsed, count)) {
            return false;
        }
        System.arraycopy(key, off, arena, arenaUsed, len);
        arenaUsed += len;
        return true;
    }

    /**
     * Fills the empty slot where a probe for {@code hash} ended, growing the table first when it is
     * half full (so that probes stay short); false when it cannot grow.
     */
    private boolean insert(int slot, int hash, long tag, long keyOrOffset, long count) {
        if (size >= (mask + 1) / 2) {
            if (!growSlots()) {
                return false;
            }
            slot = emptySlot(hash);
        }
        int at = slot * STRIDE;
        slots[at] = tag;
        slots[at + 1] = keyOrOffset;
        slots[at + 2] = count;
        size++;
        return true;
    }

    /** The number of keys held. */
    int size() {
        return size;
    }

    /** Visits every entry, in no particular order. */
    void forEach(EntryVisitor visitor) throws IOException {
        long[] s = slots;
        byte[] inline = new byte[INLINE];
        for (int at = 0; at < s.length; at += STRIDE) {
            long t = s[at];
            if (t == 0) {
                continue;
            }
            int len = length(t);
            if (len <= INLINE) {
                unpack(s[at + 1], inline, len);
                visitor.visit(inline, 0, len, (int) (t >>> 32), s[at + 2]);
            } else {
                visitor.visit(arena, (int) s[at + 1], len, (int) (t >>> 32), s[at + 2]);
            }
        }
    }

    /**
     * Visits every entry in key order: unsigned byte order, a key before any longer key it begins.
     * Sorts an index of the entries, by the first eight bytes as an unsigned number and then by the
     * rest, so most comparisons never touch the arena.
     */
    void forEachSorted(EntryVisitor visitor) throws IOException {
        long[] s = slots;
        int[] at = new int[size];
        long[] head = new long[s.length / STRIDE];
        int n = 0;
        for (int a = 0; a < s.length; a += STRIDE) {
            if (s[a] != 0) {
                at[n++] = a;
                head[a / STRIDE] = head(a);
            }
        }
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = at[i];
        }
        Arrays.sort(order, (x, y) -> {
            int c = Long.compareUnsigned(head[x / STRIDE], head[y / STRIDE]);
            return c != 0 ? c : compareRest(x, y);
        });
        byte[] inline = new byte[INLINE];
        for (int a : order) {
            long t = s[a];
            int len = length(t);
            if (len <= INLINE) {
                unpack(s[a + 1], inline, len);
                visitor.visit(inline, 0, len, (int) (t >>> 32), s[a + 2]);
            } else {
                visitor.visit(arena, (int) s[a + 1], len, (int) (t >>> 32), s[a + 2]);
            }
        }
    }

    /** The key's first eight bytes, the first in the high byte, zeros after a shorter key. */
    private long head(int at) {
        int len = length(slots[at]);
        if (len <= INLINE) {
            return len == 0 ? 0 : slots[at + 1] << (8 * (INLINE - len));
        }
        return pack(arena, (int) slots[at + 1], INLINE);
    }

    /** Two keys with the same first eight bytes (or fewer, zero-padded), in full. */
    private int compareRest(int x, int y) {
        int lx = length(slots[x]);
        int ly = length(slots[y]);
        if (lx <= INLINE || ly <= INLINE) {
            return Integer.compare(lx, ly); // the same head: the shorter key is a prefix of the other
        }
        int ox = (int) slots[x + 1];
        int oy = (int) slots[y + 1];
        return Arrays.compareUnsigned(arena, ox, ox + lx, arena, oy, oy + ly);
    }

    /** Up to eight bytes in one long, the first in the high byte; with the length, it is the key. */
    private static long pack(byte[] key, int off, int len) {
        long x = 0;
        for (int i = 0; i < len; i++) {
            x = (x << 8) | (key[off + i] & 0xff);
        }
        return x;
    }

    private static void unpack(long x, byte[] to, int len) {
        for (int i = len - 1; i >= 0; i--) {
            to[i] = (byte) x;
            x >>>= 8;
        }
    }

    /** Forgets every key, keeping the memory for the next ones. */
    void clear() {
        Arrays.fill(slots, 0);
        size = 0;
        arenaUsed = 0;
    }

    /** Bytes held by slots and arena. */
    long bytes() {
        return (long) slots.length * Long.BYTES + arena.length;
    }

    /** Hash and length+1 in one long: never 0, so 0 marks an empty slot. */
    private static long tag(int hash, int len) {
        return ((long) hash << 32) | (len + 1L);
    }

    private static int length(long tag) {
        return (int) tag - 1;
    }

    private int emptySlot(int hash) {
        int slot = hash & mask;
        while (slots[slot * STRIDE] != 0) {
            slot = (slot + 1) & mask;
        }
        return slot;
    }

    private boolean growArena(int len) {
        long want = Math.max((long) arena.length * 2, (long) arenaUsed + len);
        if (want > Integer.MAX_VALUE - 16 || (long) slots.length * Long.BYTES + want > budgetBytes) {
            return false;
        }
        arena = Arrays.copyOf(arena, (int) want);
        return true;
    }

    private boolean growSlots() {
        long newSlots = 2L * (mask + 1);
        if (newSlots * STRIDE > Integer.MAX_VALUE - 16
                || newSlots * STRIDE * Long.BYTES + arena.length > budgetBytes) {
            return false;
        }
        long[] old = slots;
        slots = new long[(int) newSlots * STRIDE];
        mask = (int) newSlots - 1;
        for (int at = 0; at < old.length; at += STRIDE) {
            long t = old[at];
            if (t != 0) {
                int to = emptySlot((int) (t >>> 32)) * STRIDE;
                slots[to] = t;
                slots[to + 1] = old[at + 1];
                slots[to + 2] = old[at + 2];
            }
        }
        return true;
    }
}
