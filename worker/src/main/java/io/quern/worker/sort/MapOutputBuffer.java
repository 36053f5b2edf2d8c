package io.quern.worker.sort;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * The map-side collector. Serialized records go into a bounded {@link SortBuffer}; when it is full
 * the records are sorted by partition and key bytes and spilled to a file, through the combiner if
 * there is one. {@link #finish()} turns a single spill into the map output by renaming it, and
 * otherwise merges all spills (combining again when there are three or more, as the combiner then
 * pays for its decoding). A record too large for an empty buffer becomes a spill of its own.
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
    private SortBuffer buffer;
    private final List<SpillMerger.Spill> spills = new ArrayList<>();
    /** Every spill file ever created, so that close() can remove leftovers after a failure. */
    private final List<Path> created = new ArrayList<>();
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
        if (partitions < 1) {
            throw new IllegalArgumentException("partitions must be >= 1: " + partitions);
        }
        if (bufferBytes < 64) {
            throw new IllegalArgumentException("bufferBytes must be >= 64: " + bufferBytes);
        }
        if (mergeFactor < 2) {
            throw new IllegalArgumentException("mergeFactor must be >= 2: " + mergeFactor);
        }
        if (workDir == null || counters == null) {
            throw new IllegalArgumentException("workDir and counters are required");
        }
        this.partitions = partitions;
        this.mergeFactor = mergeFactor;
        this.workDir = workDir;
        this.combiner = combiner;
        this.counters = counters;
        this.buffer = new SortBuffer(bufferBytes);
    }

    /** Collects one serialized record for {@code partition}; the arrays may be reused afterwards. */
    public void collect(int partition, byte[] key, int koff, int klen, byte[] val, int voff, int vlen)
            throws IOException {
        if (partition < 0 || partition >= partitions) {
            throw new IllegalArgumentException("partition " + partition + " not in [0, " + partitions + ")");
        }
        checkOpen();
        counters.mapOutputBytes += (long) klen + vlen;
        if (buffer.add(partition, key, koff, klen, val, voff, vlen)) {
            return;
        }
        if (buffer.count() > 0) {
            sortAndSpill();
            if (buffer.add(partition, key, koff, klen, val, voff, vlen)) {
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
            entries = spills.get(0).index();
            Files.move(spills.get(0).file(), data, StandardCopyOption.REPLACE_EXISTING);
        } else {
            Combiner c = spills.size() >= MIN_SPILLS_FOR_COMBINE ? combiner : null;
            entries = new SpillMerger(partitions, mergeFactor, counters, this::newSpillFile)
                    .mergeAll(spills, data, c);
        }
        spills.clear();
        MapOutputFile.writeIndex(index, entries);
        complete = true;
        return new MapOutputFile(data, index, entries);
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
        for (Path p : created) {
            deleteQuietly(p);
        }
        created.clear();
        if (!complete) {
            deleteQuietly(workDir.resolve(MapOutputFile.DATA_NAME));
            deleteQuietly(workDir.resolve(MapOutputFile.INDEX_NAME));
            deleteQuietly(MapOutputFile.tempIndex(workDir.resolve(MapOutputFile.INDEX_NAME)));
        }
    }

    private void sortAndSpill() throws IOException {
        SortBuffer b = buffer;
        b.sort();
        ensureWorkDir();
        Path file = newSpillFile();
        IndexEntry[] index = new IndexEntry[partitions];
        int n = b.count();
        try (SegmentWriter w = SegmentWriter.create(file)) {
            int i = 0;
            for (int p = 0; p < partitions; p++) {
                int from = i;
                while (i < n && b.partition(i) == p) {
                    i++;
                }
                if (i > from) {
                    RawRecordCursor run = b.range(from, i);
                    if (combiner != null) {
                        combiner.combine(run, w);
                    } else {
                        w.appendAll(run);
                    }
                }
                index[p] = w.endSegment();
            }
            counters.spilledRecords += w.records();
        }
        spills.add(new SpillMerger.Spill(file, index));
        counters.spills++;
        b.reset();
    }

    private void spillSingle(int partition, byte[] key, int koff, int klen, byte[] val, int voff, int vlen)
            throws IOException {
        ensureWorkDir();
        Path file = newSpillFile();
        IndexEntry[] index = new IndexEntry[partitions];
        try (SegmentWriter w = SegmentWriter.create(file)) {
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
    private Path newSpillFile() {
        Path p = workDir.resolve("spill" + nextSpill++ + ".out");
        created.add(p);
        return p;
    }

    private void ensureWorkDir() throws IOException {
        if (!dirReady) {
            Files.createDirectories(workDir);
            dirReady = true;
        }
    }

    private void checkOpen() {
        if (finished || closed) {
            throw new IllegalStateException("map output buffer is " + (closed ? "closed" : "finished"));
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
