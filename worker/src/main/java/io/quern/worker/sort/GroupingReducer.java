package io.quern.worker.sort;

import io.quern.api.Emitter;
import io.quern.api.Reducer;
import io.quern.worker.codec.Codec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * Runs a user {@link Reducer} (or combiner) over a sorted cursor, one call per run of equal key
 * bytes. The group's key bytes are copied once into a reused buffer to recognise the end of the
 * group; values are decoded lazily as the reducer iterates, and values it leaves are skipped without
 * decoding. Confined to one thread.
 */
public final class GroupingReducer {
    private final RawRecordCursor in;
    private byte[] groupKey = new byte[64];
    private int groupKeyLength;

    GroupingReducer(RawRecordCursor in) {
        this.in = in;
    }

    /**
     * For each group of equal keys: decodes the key with {@code kc}, passes a lazy single-pass
     * iterable decoding the values with {@code vc}, and calls {@code reducer.reduce}. Does not call
     * {@code setup} or {@code cleanup}. Returns the number of groups.
     */
    public static <K, V, KO, VO> long run(RawRecordCursor in, Codec<K> kc, Codec<V> vc,
                                          Reducer<K, V, KO, VO> reducer, Emitter<KO, VO> out) throws Exception {
        return new GroupingReducer(in).reduceAll(kc, vc, reducer, out);
    }

    <K, V, KO, VO> long reduceAll(Codec<K> kc, Codec<V> vc, Reducer<K, V, KO, VO> reducer,
                                  Emitter<KO, VO> out) throws Exception {
        boolean more = in.next();
        long groups = 0;
        while (more) {
            int klen = in.keyLength();
            if (groupKey.length < klen) {
                groupKey = new byte[Math.max(klen, groupKey.length * 2)];
            }
            System.arraycopy(in.keyBuffer(), in.keyOffset(), groupKey, 0, klen);
            groupKeyLength = klen;
            K key = kc.decode(groupKey, 0, klen);
            Values<V> values = new Values<>(vc);
            try {
                reducer.reduce(key, values, out);
                more = values.skipRest();
            } catch (CursorException e) {
                throw e.getCause();
            } finally {
                values.expired = true;
            }
            groups++;
        }
        return groups;
    }

    /** The current group's key bytes, valid during the reducer call: {@code [0, groupKeyLength())}. */
    byte[] groupKey() {
        return groupKey;
    }

    int groupKeyLength() {
        return groupKeyLength;
    }

    private boolean sameKey() {
        int off = in.keyOffset();
        return Arrays.equals(groupKey, 0, groupKeyLength, in.keyBuffer(), off, off + in.keyLength());
    }

    /** An IOException of the cursor, carried through the user's iteration. */
    private static final class CursorException extends UncheckedIOException {
        CursorException(IOException cause) {
            super(cause);
        }
    }

    /** One group's values: both the Iterable and its only Iterator. */
    private final class Values<V> implements Iterable<V>, Iterator<V> {
        private final Codec<V> codec;
        /** The cursor is on a value of this group that has not been returned yet. */
        private boolean pending = true;
        private boolean groupDone;
        private boolean cursorHasMore = true;
        private boolean iterated;
        boolean expired;

        Values(Codec<V> codec) {
            this.codec = codec;
        }

        @Override
        public Iterator<V> iterator() {
            if (iterated || expired) {
                throw new IllegalStateException("the values of a key can be iterated only once, during reduce");
            }
            iterated = true;
            return this;
        }

        @Override
        public boolean hasNext() {
            if (expired) {
                throw new IllegalStateException("values used after reduce returned");
            }
            if (pending) {
                return true;
            }
            if (groupDone) {
                return false;
            }
            try {
                cursorHasMore = in.next();
            } catch (IOException e) {
                throw new CursorException(e);
            }
            if (cursorHasMore && sameKey()) {
                pending = true;
            } else {
                groupDone = true;
            }
            return pending;
        }

        @Override
        public V next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            pending = false;
            return codec.decode(in.valueBuffer(), in.valueOffset(), in.valueLength());
        }

        /** Skips the values the reducer left; returns whether the cursor is on the next group. */
        boolean skipRest() {
            while (hasNext()) {
                pending = false;
            }
            return cursorHasMore;
        }
    }
}
