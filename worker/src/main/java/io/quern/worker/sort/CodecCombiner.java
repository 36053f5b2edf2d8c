package io.quern.worker.sort;

import io.quern.api.Emitter;
import io.quern.api.Reducer;
import io.quern.worker.codec.BytesOut;
import io.quern.worker.codec.Codec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;

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
