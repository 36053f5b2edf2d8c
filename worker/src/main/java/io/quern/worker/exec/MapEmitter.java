package io.quern.worker.exec;

import io.quern.api.Emitter;
import io.quern.api.Partitioner;
import io.quern.common.job.KeyCount;
import io.quern.common.job.SplitPoints;
import io.quern.worker.codec.BytesOut;
import io.quern.worker.codec.Codec;
import io.quern.worker.sort.CodecCombiner;
import io.quern.worker.sort.MapOutputBuffer;
import io.quern.worker.sort.ValueFolder;
import java.io.IOException;
import java.util.List;

/**
 * A mapper's emitter: serializes each pair into reused buffers, picks its partition, hands the
 * bytes to the sort buffer and offers the key to the hot key sample. Confined to the task thread.
 */
final class MapEmitter<K, V> implements Emitter<K, V>, ValueFolder {
    private final Codec<K> keys;
    private final Codec<V> values;
    private final Partitioner<K> partitioner;
    private final SplitPoints splitPoints;
    private final int partitions;
    private final MapOutputBuffer buffer;
    private final CodecCombiner<K, V> combiner; // null: no folding
    private final boolean hashed;
    // The pair being collected, for fold(): the combiner is given the objects, not their bytes.
    private K currentKey;
    private V currentValue;
    private final BytesOut k = new BytesOut(256);
    private final BytesOut v = new BytesOut(256);
    private final HotKeySampler sampler = new HotKeySampler();
    long records;
    long bytes;

    /**
     * Writing map output (a spill) failed: the engine's or the disk's fault, never the record's,
     * so it must not be reported as the user's map call throwing.
     */
    static final class MapOutputException extends RuntimeException {
        MapOutputException(IOException cause) {
            super(cause);
        }

        @Override
        public synchronized IOException getCause() {
            return (IOException) super.getCause();
        }
    }

    /**
     * @param partitioner null for the job's split points or else the default hash of the serialized key
     * @param splitPoints null, or the job's total order: the serialized key's place among the points is
     *     its partition
     * @param partitions the partitions written (see {@code EngineConf.partitions}): a multiple of the
     *     reducers for the default hash; the reducers themselves with a user partitioner, which is
     *     called with that number as it always was, or with split points
     */
    MapEmitter(Codec<K> keys, Codec<V> values, Partitioner<K> partitioner, SplitPoints splitPoints, int partitions,
               MapOutputBuffer buffer) {
        this(keys, values, partitioner, splitPoints, partitions, buffer, null);
    }

    /** @param combiner folds a record into the buffered one of its key, see {@link ValueFolder}; nullable */
    MapEmitter(Codec<K> keys, Codec<V> values, Partitioner<K> partitioner, SplitPoints splitPoints, int partitions,
               MapOutputBuffer buffer, CodecCombiner<K, V> combiner) {
        this.combiner = combiner;
        this.hashed = combiner != null || (partitioner == null && splitPoints == null);
        this.keys = keys;
        this.values = values;
        this.partitioner = partitioner;
        this.splitPoints = splitPoints;
        this.partitions = partitions;
        this.buffer = buffer;
    }

    @Override
    public void emit(K key, V value) {
        if (key == null || value == null) {
            throw new NullPointerException("map emitted a null " + (key == null ? "key" : "value"));
        }
        k.reset();
        keys.encode(key, k);
        v.reset();
        values.encode(value, v);
        // The key's hash serves the default partitioning and the fold's index; neither may need it.
        int hash = hashed ? HashPartitioner.hash(k.array(), 0, k.size()) : 0;
        int p = partitioner != null ? partitioner.partition(key, partitions)
                : splitPoints != null ? splitPoints.partition(k.array(), 0, k.size())
                : HashPartitioner.partition(hash, partitions);
        if (p < 0 || p >= partitions) {
            throw new IllegalStateException("partitioner returned " + p + " for " + partitions + " partitions");
        }
        try {
            if (combiner == null) {
                buffer.collect(p, k.array(), 0, k.size(), v.array(), 0, v.size());
            } else {
                currentKey = key;
                currentValue = value;
                buffer.collect(p, hash, k.array(), 0, k.size(), v.array(), 0, v.size(), this);
            }
        } catch (IOException e) {
            throw new MapOutputException(e);
        }
        sampler.offer(k.array(), 0, k.size());
        records++;
        bytes += k.size() + v.size();
    }

    @Override
    public boolean fold(byte[] held, int off, int len, BytesOut out) {
        return combiner.fold(currentKey, k.array(), 0, k.size(), currentValue, held, off, len, out);
    }

    /** The heaviest keys emitted so far, estimated from a sample, heaviest first. */
    List<KeyCount> hotKeys() {
        return sampler.heaviest(keys);
    }
}
