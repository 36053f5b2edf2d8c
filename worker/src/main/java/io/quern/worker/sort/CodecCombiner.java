package io.quern.worker.sort;

import io.quern.api.Emitter;
import io.quern.api.Reducer;
import io.quern.worker.codec.BytesOut;
import io.quern.worker.codec.Codec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * Adapts a user combiner, a {@code Reducer<K, V, K, V>}, to {@link Combiner}: groups the sorted run,
 * decodes, calls the combiner, and encodes what it emits into the sink. Because the output must stay
 * sorted, an emitted key whose bytes differ from the group's key is rejected with
 * {@link IllegalStateException}. The combiner's {@code setup} is the caller's business. Confined to
 * one thread.
 */
public final class CodecCombiner<K, V> implements Combiner {
    private final Reducer<K, V, K, V> combiner;
    private final Codec<K> kc;
    private final Codec<V> vc;
    private final SortCounters counters;
    private final BytesOut keyOut = new BytesOut();
    private final BytesOut valueOut = new BytesOut();
    private final Pair<V> pair = new Pair<>();
    private final Folding folding = new Folding();

    public CodecCombiner(Reducer<K, V, K, V> combiner, Codec<K> kc, Codec<V> vc, SortCounters counters) {
        if (combiner == null || kc == null || vc == null || counters == null) {
            throw new IllegalArgumentException("combiner, codecs and counters are required");
        }
        this.combiner = combiner;
        this.kc = kc;
        this.vc = vc;
        this.counters = counters;
    }

    @Override
    public void combine(RawRecordCursor sortedInput, RecordSink out) throws IOException {
        GroupingReducer grouping = new GroupingReducer(new Counting(sortedInput));
        Emitter<K, V> emitter = (key, value) -> emit(grouping, key, value, out);
        try {
            grouping.reduceAll(kc, vc, combiner, emitter);
        } catch (SinkException e) {
            throw e.getCause();
        } catch (IOException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new RuntimeException("combiner " + combiner.getClass().getName() + " failed", e);
        }
    }

    /**
     * Folds {@code value} into the held value of the same key (the {@code len} bytes at
     * {@code held[off]}): calls the combiner on the two and, if it emits exactly one value, writes
     * that value's encoding to {@code out} and returns true. {@code keyBytes} is the key's encoding.
     * See {@link ValueFolder}.
     */
    public boolean fold(K key, byte[] keyBytes, int keyOff, int keyLen, V value, byte[] held, int off, int len,
                        BytesOut out) {
        pair.first = vc.decode(held, off, len);
        pair.second = value;
        pair.next = 0;
        folding.start(key, keyBytes, keyOff, keyLen, out);
        try {
            combiner.reduce(key, pair, folding);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new RuntimeException("combiner " + combiner.getClass().getName() + " failed", e);
        } finally {
            pair.first = null;
            pair.second = null;
        }
        return folding.emits == 1;
    }

    private void emit(GroupingReducer grouping, K key, V value, RecordSink out) {
        keyOut.reset();
        kc.encode(key, keyOut);
        byte[] group = grouping.groupKey();
        if (!Arrays.equals(keyOut.array(), 0, keyOut.size(), group, 0, grouping.groupKeyLength())) {
            throw new IllegalStateException("combiner " + combiner.getClass().getName()
                    + " emitted key " + key + " while combining another key; combiners must not change keys");
        }
        valueOut.reset();
        vc.encode(value, valueOut);
        try {
            out.append(keyOut.array(), 0, keyOut.size(), valueOut.array(), 0, valueOut.size());
        } catch (IOException e) {
            throw new SinkException(e);
        }
        counters.combineOutputRecords++;
    }

    /** Takes the first value the combiner emits while folding, and counts the emits. */
    private final class Folding implements Emitter<K, V> {
        private K key;
        private byte[] keyBytes;
        private int keyOff;
        private int keyLen;
        private BytesOut out;
        int emits;

        void start(K key, byte[] keyBytes, int keyOff, int keyLen, BytesOut out) {
            this.key = key;
            this.keyBytes = keyBytes;
            this.keyOff = keyOff;
            this.keyLen = keyLen;
            this.out = out;
            emits = 0;
        }

        @Override
        public void emit(K emitted, V value) {
            if (emitted != key) { // the usual case is the very key object the combiner was given
                keyOut.reset();
                kc.encode(emitted, keyOut);
                if (!Arrays.equals(keyOut.array(), 0, keyOut.size(), keyBytes, keyOff, keyOff + keyLen)) {
                    throw new IllegalStateException("combiner " + combiner.getClass().getName()
                            + " emitted key " + emitted + " while combining another key; combiners must not change keys");
                }
            }
            if (emits++ == 0) {
                vc.encode(value, out);
            }
        }
    }

    /** The two values of a fold, as the single-pass iterable a combiner is given. */
    private static final class Pair<V> implements Iterable<V>, Iterator<V> {
        V first;
        V second;
        int next;

        @Override
        public Iterator<V> iterator() {
            return this;
        }

        @Override
        public boolean hasNext() {
            return next < 2;
        }

        @Override
        public V next() {
            return switch (next++) {
                case 0 -> first;
                case 1 -> second;
                default -> throw new NoSuchElementException();
            };
        }
    }

    /** An IOException of the sink, carried through the user's emit call. */
    private static final class SinkException extends UncheckedIOException {
        SinkException(IOException cause) {
            super(cause);
        }
    }

    /** Counts the records the combiner is fed. */
    private final class Counting extends ForwardingCursor {
        Counting(RawRecordCursor in) {
            super(in);
        }

        @Override
        public boolean next() throws IOException {
            if (in.next()) {
                counters.combineInputRecords++;
                return true;
            }
            return false;
        }
    }
}
