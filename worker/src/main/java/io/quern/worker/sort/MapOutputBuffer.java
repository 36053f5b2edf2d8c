package io.quern.worker.sort;

import io.quern.common.job.Compression;
import io.quern.worker.codec.BytesOut;
import io.quern.worker.storage.DiskQuota;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The map-side collector. Serialized records go into a bounded {@link SortBuffer}; when it is full
 * the records are sorted by partition and key bytes and spilled to a file, through the combiner if
 * there is one. {@link #finish()} turns a single spill into the map output by renaming it, and
 * otherwise merges all spills (combining again when there are three or more, as the combiner then
 * pays for its decoding). A record too large for an empty buffer becomes a spill of its own. Every
 * file it writes is counted in the attempt's share of the worker's disk account.
 *
 * <p>Confined to one thread.
 */
public final class MapOutputBuffer implements Closeable {
    /** With at least this many spills the final merge runs the combiner again. */
    private static final int MIN_SPILLS_FOR_COMBINE = 3;
    private static final System.Logger LOG = System.getLogger(MapOutputBuffer.class.getName());

    private final int partitions;
    private final int mergeFactor;
    private final Path workDir;
    private final Combiner combiner;
    private final SortCounters counters;
    private final Compression compression;
    private final DiskQuota.Space space;
    private SortBuffer buffer;
    /** Whether records of a key are folded into one as they are collected (see {@link #collect(int, int, byte[], int, int, byte[], int, int, ValueFolder)}). */
    private boolean folding;
    /** The buffer holds records that were not folded, so its spill must run the combiner. */
    private boolean unfolded;
    private long foldLookups;
    private long foldHits;
    private final BytesOut folded = new BytesOut();
    private final List<SpillMerger.Spill> spills = new ArrayList<>();
    /** Every spill file ever created, so that close() can remove leftovers after a failure. */
    private final List<DiskQuota.Charge> created = new ArrayList<>();
    /** The map output file, once finish() has named it. */
    private DiskQuota.Charge output;
    private int nextSpill;
    private boolean dirReady;
    /** finish() has started; no more records. */
    private boolean finished;
    /** finish() has completed: the output belongs to the caller now. */
    private boolean complete;
    private boolean closed;

    /**
     * @param partitions number of reduce partitions, at least 1
     * @param bufferBytes bytes for records and their metadata together, at least 64
     * @param mergeFactor most spills merged at once, at least 2
     * @param workDir directory for spills and the final output; created if missing
     * @param combiner applied to each partition of each spill and of the final merge; nullable
     * @param counters updated as records are collected, spilled and combined
     */
    public MapOutputBuffer(int partitions, int bufferBytes, int mergeFactor, Path workDir,
                           Combiner combiner, SortCounters counters) {
        this(partitions, bufferBytes, mergeFactor, workDir, combiner, counters, false, Compression.NONE);
    }

    /**
     * @param fold whether records collected with a {@link ValueFolder} are folded into the record of
     *     their key already in the buffer; needs a combiner, and costs an eighth of the buffer for the
     *     key index
     * @param compression how spills and the map output file are compressed
     */
    public MapOutputBuffer(int partitions, int bufferBytes, int mergeFactor, Path workDir,
                           Combiner combiner, SortCounters counters, boolean fold, Compression compression) {
        this(partitions, bufferBytes, mergeFactor, workDir, combiner, counters, fold, compression,
                DiskQuota.untracked());
    }

    /** @param space the attempt's share of the disk account, which every file written is charged to */
    public MapOutputBuffer(int partitions, int bufferBytes, int mergeFactor, Path workDir, Combiner combiner,
                           SortCounters counters, boolean fold, Compression compression, DiskQuota.Space space) {
        if (partitions < 1) {
            throw new IllegalArgumentException("partitions must be >= 1: " + partitions);
        }
        if (bufferBytes < 64) {
            throw new IllegalArgumentException("bufferBytes must be >= 64: " + bufferBytes);
        }
        if (mergeFactor < 2) {
            throw new IllegalArgumentException("mergeFactor must be >= 2: " + mergeFactor);
        }
        if (workDir == null || counters == null || compression == null || space == null) {
            throw new IllegalArgumentException("workDir, counters, compression and space are required");
        }
        this.partitions = partitions;
        this.mergeFactor = mergeFactor;
        this.workDir = workDir;
        this.combiner = combiner;
        this.counters = counters;
        this.compression = compression;
        this.space = space;
        this.folding = fold && combiner != null;
        this.buffer = new SortBuffer(bufferBytes, folding);
    }

    /** Collects one serialized record for {@code partition}; the arrays may be reused afterwards. */
    public void collect(int partition, byte[] key, int koff, int klen, byte[] val, int voff, int vlen)
            throws IOException {
        checkCollect(partition);
        counters.mapOutputBytes += (long) klen + vlen;
        addPlain(partition, key, koff, klen, val, voff, vlen);
    }

    /**
     * Collects one serialized record that is already the combination of records of its key (a map
     * that combines as it goes), so that a spill holding only such records need not combine again.
     */
    public void collectCombined(int partition, byte[] key, int koff, int klen, byte[] val, int voff, int vlen)
            throws IOException {
        checkCollect(partition);
        add(partition, key, koff, klen, val, voff, vlen, false);
    }

    /**
     * Collects one serialized record; while folding, a record whose key the buffer already holds
     * (in the same partition) is folded into that record by {@code folder} instead of being added.
     * {@code hash} is any hash of the key bytes, the same for equal keys. Folding stops for the rest
     * of the task when fewer than one record in ten finds its key, as it then costs more than it saves.
     */
    public void collect(int partition, int hash, byte[] key, int koff, int klen, byte[] val, int voff, int vlen,
                        ValueFolder folder) throws IOException {
        if (!folding) {
            collect(partition, key, koff, klen, val, voff, vlen);
            return;
        }
        checkCollect(partition);
        counters.mapOutputBytes += (long) klen + vlen;
        counters.combineInputRecords++;
        if (++foldLookups % 65536 == 0 && foldHits * 10 < foldLookups) {
            folding = false; // from the next record on
        }
        int held = buffer.find(partition, hash, key, koff, klen);
        if (held >= 0) {
            foldHits++;
            folded.reset();
            if (folder.fold(buffer.arena(), buffer.valueOffset(held), buffer.valueLength(held), folded)) {
                if (!buffer.replaceValue(held, folded.array(), 0, folded.size())) {
                    sortAndSpill(); // the held value goes with the spill; the new one starts afresh
                    addIndexed(partition, hash, key, koff, klen, val, voff, vlen);
                }
                return;
            }
            addPlain(partition, key, koff, klen, val, voff, vlen);
        } else {
            addIndexed(partition, hash, key, koff, klen, val, voff, vlen);
        }
    }

    /** Whether records are still being folded as they are collected. */
    boolean folding() {
        return folding;
    }

    private void addIndexed(int partition, int hash, byte[] key, int koff, int klen, byte[] val, int voff, int vlen)
            throws IOException {
        if (buffer.indexFull()) {
            addPlain(partition, key, koff, klen, val, voff, vlen);
            return;
        }
        if (buffer.addIndexed(partition, hash, key, koff, klen, val, voff, vlen)) {
            return;
        }
        if (buffer.count() > 0) {
            sortAndSpill();
            if (buffer.addIndexed(partition, hash, key, koff, klen, val, voff, vlen)) {
                return;
            }
        }
        spillSingle(partition, key, koff, klen, val, voff, vlen);
    }

    /** Adds a record that was not folded: the buffer's spill must then combine. */
    private void addPlain(int partition, byte[] key, int koff, int klen, byte[] val, int voff, int vlen)
            throws IOException {
        add(partition, key, koff, klen, val, voff, vlen, true);
    }

    /**
     * Adds a record to the buffer, spilling it first when full, or spills a record too large for an
     * empty buffer on its own. {@code needsCombining}: the buffer's spill must run the combiner.
     */
    private void add(int partition, byte[] key, int koff, int klen, byte[] val, int voff, int vlen,
                     boolean needsCombining) throws IOException {
        if (buffer.add(partition, key, koff, klen, val, voff, vlen)) {
            unfolded |= needsCombining;
            return;
        }
        if (buffer.count() > 0) {
            sortAndSpill();
            if (buffer.add(partition, key, koff, klen, val, voff, vlen)) {
                unfolded |= needsCombining;
                return;
            }
        }
        spillSingle(partition, key, koff, klen, val, voff, vlen);
    }

    /**
     * Writes {@code workDir/file.out} and {@code workDir/file.index} and deletes the spills. The buffer
     * accepts no more records afterwards, and a failed {@code finish()} cannot be retried.
     */
    public MapOutputFile finish() throws IOException {
        checkOpen();
        finished = true; // also after a failure: the state is then unknown, so no retry
        if (buffer.count() > 0 || spills.isEmpty()) {
            sortAndSpill();
        }
        buffer = null; // the merge needs no arena; let it go
        Path data = workDir.resolve(MapOutputFile.DATA_NAME);
        Path index = workDir.resolve(MapOutputFile.INDEX_NAME);
        IndexEntry[] entries;
        if (spills.size() == 1) {
            SpillMerger.Spill only = spills.get(0);
            entries = only.index();
            only.file().moveTo(data);
            created.remove(only.file());
            output = only.file();
        } else {
            Combiner c = spills.size() >= MIN_SPILLS_FOR_COMBINE ? combiner : null;
            output = space.file(data);
            entries = new SpillMerger(partitions, mergeFactor, counters, compression, this::newSpillFile)
                    .mergeAll(spills, output, c);
        }
        spills.clear();
        output.reserve(MapOutputFile.indexBytes(partitions)); // the index beside it
        MapOutputFile.writeIndex(index, compression, entries);
        complete = true;
        return new MapOutputFile(data, index, compression, entries);
    }

    /**
     * Deletes spill files and, unless {@link #finish()} completed, any partial output. Idempotent.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        buffer = null;
        spills.clear();
        for (DiskQuota.Charge c : created) {
            deleteQuietly(c);
        }
        created.clear();
        if (!complete) {
            if (output != null) {
                deleteQuietly(output);
            }
            deleteQuietly(workDir.resolve(MapOutputFile.DATA_NAME));
            deleteQuietly(workDir.resolve(MapOutputFile.INDEX_NAME));
            deleteQuietly(MapOutputFile.tempIndex(workDir.resolve(MapOutputFile.INDEX_NAME)));
        }
    }

    private void sortAndSpill() throws IOException {
        SortBuffer b = buffer;
        b.sort();
        ensureWorkDir();
        DiskQuota.Charge file = newSpillFile();
        IndexEntry[] index = new IndexEntry[partitions];
        int n = b.count();
        try (SegmentWriter w = SegmentWriter.create(file, compression)) {
            int i = 0;
            for (int p = 0; p < partitions; p++) {
                int from = i;
                while (i < n && b.partition(i) == p) {
                    i++;
                }
                if (i > from) {
                    RawRecordCursor run = b.range(from, i);
                    if (combiner != null && unfolded) {
                        combiner.combine(run, w);
                    } else {
                        w.appendAll(run);
                    }
                }
                index[p] = w.endSegment();
            }
            counters.spilledRecords += w.records();
            if (combiner != null && !unfolded) {
                counters.combineOutputRecords += w.records(); // folding was the combining
            }
        }
        unfolded = false;
        spills.add(new SpillMerger.Spill(file, index));
        counters.spills++;
        b.reset();
    }

    private void spillSingle(int partition, byte[] key, int koff, int klen, byte[] val, int voff, int vlen)
            throws IOException {
        ensureWorkDir();
        DiskQuota.Charge file = newSpillFile();
        IndexEntry[] index = new IndexEntry[partitions];
        try (SegmentWriter w = SegmentWriter.create(file, compression)) {
            for (int p = 0; p < partitions; p++) {
                if (p == partition) {
                    w.append(key, koff, klen, val, voff, vlen);
                }
                index[p] = w.endSegment();
            }
        }
        spills.add(new SpillMerger.Spill(file, index));
        counters.spills++;
        counters.spilledRecords++;
    }

    /** Names a new spill file; merges only run after a spill has created the directory. */
    private DiskQuota.Charge newSpillFile() {
        DiskQuota.Charge c = space.file(workDir.resolve("spill" + nextSpill++ + ".out"));
        created.add(c);
        return c;
    }

    private void ensureWorkDir() throws IOException {
        if (!dirReady) {
            Files.createDirectories(workDir);
            dirReady = true;
        }
    }

    private void checkCollect(int partition) {
        if (partition < 0 || partition >= partitions) {
            throw new IllegalArgumentException("partition " + partition + " not in [0, " + partitions + ")");
        }
        checkOpen();
    }

    private void checkOpen() {
        if (finished || closed) {
            throw new IllegalStateException("map output buffer is " + (closed ? "closed" : "finished"));
        }
    }

    private static void deleteQuietly(DiskQuota.Charge c) {
        try {
            c.delete();
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "cannot delete " + c.path(), e);
        }
    }

    private static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException e) {
            // close() cannot fail; the task's work directory is removed as a whole when the task ends.
            LOG.log(System.Logger.Level.WARNING, "cannot delete " + p, e);
        }
    }
}
