package io.quern.worker.sort;

import io.quern.common.job.Compression;
import io.quern.worker.compress.BlockCodecs;
import io.quern.worker.compress.BlockInput;
import io.quern.worker.storage.DiskQuota;
import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Reduce side of the shuffle: collects fetched segments, in memory while they fit the budget and
 * otherwise in files, verifies each against its CRC32, and {@link #finish() merges} them into one
 * key-ordered cursor. A segment may use at most a quarter of the budget, so that one large segment
 * cannot starve the others of memory. Compressed segments stay compressed on disk and are decoded
 * as they are merged; one kept in memory is decoded once, when it is committed, on the fetch thread
 * (so the merge of many small segments needs no decoding buffer per segment), and holds the budget
 * for its stored and its raw bytes until then and for its raw bytes afterwards. Segments on disk and
 * merge passes are counted in the attempt's share of the worker's disk account as they are written.
 *
 * <p>{@link #newSegment}, the returned sinks' {@code commit} and {@code abort}, {@link #committedBytes},
 * {@link #passProgress} and {@link #mergeProgress} are thread-safe (several fetch threads); each sink is confined to the
 * thread that writes it, and {@link #finish} and the cursor it returns to the reduce thread.
 */
public final class ShuffleMerger implements Closeable {
    private static final System.Logger LOG = System.getLogger(ShuffleMerger.class.getName());
    private static final int MAX_ARRAY = Integer.MAX_VALUE - 8;
    private static final int WRITE_BUFFER_BYTES = 64 * 1024;

    /** A committed segment in a file. */
    private record OnDisk(DiskQuota.Charge file, long length, long rawLength) {}

    private final Path workDir;
    private final long budget;
    private final Compression compression;
    private final DiskQuota.Space space;
    private final Object lock = new Object();
    // Guarded by lock:
    private long reserved;
    private final List<byte[]> memory = new ArrayList<>();
    private final List<OnDisk> disk = new ArrayList<>();
    private final Set<DiskQuota.Charge> files = new HashSet<>();
    private long committed;
    private int nextFile;
    private boolean finished;
    private boolean closed;
    private MergingCursor result;
    // Set once by finish(), read by mergeProgress() from any thread.
    private volatile MergingCursor progressSource;
    private volatile long totalBytes;
    private final MergePasses passes;

    /** A merger of uncompressed segments. */
    public ShuffleMerger(Path workDir, long memoryBudgetBytes, int mergeFactor) {
        this(workDir, memoryBudgetBytes, mergeFactor, Compression.NONE);
    }

    /**
     * @param workDir directory for on-disk segments and merge passes; created if missing
     * @param memoryBudgetBytes bytes of fetched segments held in memory at most
     * @param mergeFactor most on-disk segments merged at once, at least 2
     * @param compression how the fetched segments are compressed, and how merge passes will write
     */
    public ShuffleMerger(Path workDir, long memoryBudgetBytes, int mergeFactor, Compression compression) {
        this(workDir, memoryBudgetBytes, mergeFactor, compression, DiskQuota.untracked());
    }

    /** @param space the attempt's share of the disk account, which every file written is charged to */
    public ShuffleMerger(Path workDir, long memoryBudgetBytes, int mergeFactor, Compression compression,
                         DiskQuota.Space space) {
        if (workDir == null || compression == null || space == null) {
            throw new IllegalArgumentException("workDir, compression and space are required");
        }
        if (memoryBudgetBytes < 0) {
            throw new IllegalArgumentException("memoryBudgetBytes must be >= 0: " + memoryBudgetBytes);
        }
        if (mergeFactor < 2) {
            throw new IllegalArgumentException("mergeFactor must be >= 2: " + mergeFactor);
        }
        this.workDir = workDir;
        this.budget = memoryBudgetBytes;
        this.compression = compression;
        this.space = space;
        this.passes = new MergePasses(mergeFactor);
    }

    /** How the segments are compressed. */
    public Compression compression() {
        return compression;
    }

    /**
     * Starts receiving a segment of {@code length} bytes as stored, holding {@code rawLength} bytes
     * of records: in memory if it fits, else in a file.
     *
     * @throws CorruptSegmentException if the two lengths cannot belong to one segment
     */
    public SegmentSink newSegment(long length, long rawLength) throws IOException {
        if (length < 0 || rawLength < 0) {
            throw new IllegalArgumentException("segment lengths must be >= 0: " + length + ", " + rawLength);
        }
        boolean raw = compression == Compression.NONE;
        if (raw ? rawLength != length : (length == 0) != (rawLength == 0)) {
            throw new CorruptSegmentException("a segment of " + length + " bytes cannot hold " + rawLength
                    + " bytes of records stored " + compression.confName());
        }
        // A compressed segment is held twice while it is decoded.
        long need = raw ? length : length + rawLength;
        DiskQuota.Charge file;
        synchronized (lock) {
            checkOpen();
            if (need <= budget / 4 && need <= budget - reserved && Math.max(length, rawLength) <= MAX_ARRAY) {
                reserved += need;
                return new MemorySink((int) length, (int) rawLength);
            }
            file = newFile();
        }
        Files.createDirectories(workDir);
        return new DiskSink(file, length, rawLength);
    }

    /**
     * Merges every committed segment: first, while more than {@code mergeFactor} are on disk, the
     * smallest of them into bigger files, then all of them at once into the returned cursor, which
     * is valid until this merger is closed. Segments still open are left out.
     */
    public RawRecordCursor finish() throws IOException {
        List<byte[]> mem;
        List<OnDisk> dsk;
        synchronized (lock) {
            checkOpen();
            finished = true;
            mem = new ArrayList<>(memory);
            dsk = new ArrayList<>(disk);
        }
        dsk = passes.run(dsk, OnDisk::rawLength, this::mergeToFile);
        List<RawRecordCursor> inputs = openAll(dsk);
        long total = 0;
        for (OnDisk d : dsk) {
            total += d.rawLength();
        }
        for (byte[] m : mem) {
            inputs.add(SegmentReader.ofBytes(m, 0, m.length));
            total += m.length;
        }
        MergingCursor cursor = new MergingCursor(inputs.toArray(new RawRecordCursor[0]));
        synchronized (lock) {
            if (closed) {
                closeAll(inputs, null);
                throw new IllegalStateException("shuffle merger closed while finishing");
            }
            result = cursor;
        }
        totalBytes = total;
        progressSource = cursor;
        return cursor;
    }

    /**
     * The committed segments one after another, not merged, if every one of them is in memory: for
     * a reduce whose result does not depend on the order of its records (a sum), which can then skip
     * the merge. It does not finish this merger, so {@link #finish()} may still follow; close the
     * cursor first. Empty when a segment went to disk.
     */
    public Optional<RawRecordCursor> inMemoryUnordered() {
        List<byte[]> mem;
        synchronized (lock) {
            checkOpen();
            if (!disk.isEmpty()) {
                return Optional.empty();
            }
            mem = new ArrayList<>(memory);
        }
        List<RawRecordCursor> readers = new ArrayList<>(mem.size());
        for (byte[] m : mem) {
            readers.add(SegmentReader.ofBytes(m, 0, m.length));
        }
        return Optional.of(new ConcatenatedCursor(readers));
    }

    /**
     * Fraction of the bytes that the merge passes of {@link #finish()} (more segments on disk than the
     * merge factor) have read: 0 before it, 1 once the passes are over or when none are needed.
     */
    public double passProgress() {
        return passes.progress();
    }

    /** Fraction of the merged bytes the cursor from {@link #finish()} has returned; 0 before it. */
    public double mergeProgress() {
        MergingCursor c = progressSource;
        if (c == null) {
            return 0.0;
        }
        long total = totalBytes;
        return total == 0 ? 1.0 : Math.min(1.0, (double) c.bytesConsumed() / total);
    }

    /** Bytes of the segments committed so far. */
    public long committedBytes() {
        synchronized (lock) {
            return committed;
        }
    }

    /** Bytes of memory reserved by segments in memory, committed or still being received. */
    long reservedBytes() {
        synchronized (lock) {
            return reserved;
        }
    }

    /** Closes the merged cursor, frees memory and deletes every file. Idempotent. */
    @Override
    public void close() {
        List<DiskQuota.Charge> toDelete;
        MergingCursor cursor;
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
            memory.clear();
            disk.clear();
            reserved = 0;
            toDelete = new ArrayList<>(files);
            files.clear();
            cursor = result;
            result = null;
        }
        if (cursor != null) {
            try {
                cursor.close();
            } catch (IOException e) {
                LOG.log(System.Logger.Level.WARNING, "cannot close merged segments", e);
            }
        }
        for (DiskQuota.Charge c : toDelete) {
            delete(c);
        }
    }

    private OnDisk mergeToFile(List<OnDisk> group) throws IOException {
        DiskQuota.Charge out;
        synchronized (lock) {
            checkNotClosed();
            out = newFile();
        }
        IndexEntry entry;
        try (MergingCursor merged = new MergingCursor(openAll(group).toArray(new RawRecordCursor[0]));
             SegmentWriter w = SegmentWriter.create(out, compression)) {
            passes.merging(merged);
            w.appendAll(merged);
            entry = w.endSegment();
        } finally {
            passes.merging(null);
        }
        for (OnDisk d : group) {
            delete(d.file());
        }
        return new OnDisk(out, entry.length(), entry.rawLength());
    }

    /** Opens a reader per on-disk segment; closes those already open if one fails. */
    private List<RawRecordCursor> openAll(List<OnDisk> segments) throws IOException {
        List<RawRecordCursor> readers = new ArrayList<>();
        try {
            for (OnDisk d : segments) {
                readers.add(SegmentReader.ofFile(d.file().path(), 0, d.length(), d.rawLength(), compression));
            }
        } catch (IOException | RuntimeException e) {
            closeAll(readers, e);
            throw e;
        }
        return readers;
    }

    private DiskQuota.Charge newFile() {
        DiskQuota.Charge c = space.file(workDir.resolve("segment" + nextFile++ + ".seg"));
        files.add(c);
        return c;
    }

    private void checkOpen() {
        checkNotClosed();
        if (finished) {
            throw new IllegalStateException("shuffle merger already finished");
        }
    }

    private void checkNotClosed() {
        if (closed) {
            throw new IllegalStateException("shuffle merger closed");
        }
    }

    private void delete(DiskQuota.Charge c) {
        try {
            c.delete();
        } catch (IOException e) {
            // close() cannot fail; the task's work directory is removed as a whole when the task ends.
            LOG.log(System.Logger.Level.WARNING, "cannot delete " + c.path(), e);
        }
        synchronized (lock) {
            files.remove(c);
        }
    }

    private static void closeAll(List<? extends RawRecordCursor> cursors, Exception primary) {
        for (RawRecordCursor c : cursors) {
            try {
                c.close();
            } catch (IOException e) {
                if (primary != null) {
                    primary.addSuppressed(e);
                } else {
                    LOG.log(System.Logger.Level.WARNING, "cannot close segment", e);
                }
            }
        }
    }

    /** A segment received into a reserved byte array, and decoded into another if compressed. */
    private final class MemorySink extends CheckedSink {
        private final byte[] data;
        private final int rawLength;
        /** Bytes of the budget this sink holds. */
        private long reservation;

        MemorySink(int length, int rawLength) {
            super(length);
            this.data = new byte[length];
            this.rawLength = rawLength;
            this.reservation = compression == Compression.NONE ? length : (long) length + rawLength;
        }

        @Override
        void store(byte[] b, int off, int len) {
            System.arraycopy(b, off, data, (int) received, len);
        }

        @Override
        public void commit(long expectedCrc32) throws IOException {
            verify(expectedCrc32);
            byte[] records = data;
            if (compression != Compression.NONE && rawLength > 0) {
                records = new byte[rawLength];
                BlockInput blocks = new BlockInput(BlockCodecs.open(compression));
                try {
                    blocks.decodeAll(data, 0, data.length, records);
                } catch (IOException | RuntimeException e) {
                    abort();
                    throw e;
                } finally {
                    blocks.close();
                }
            }
            synchronized (lock) {
                done = true;
                if (closed || finished) {
                    release();
                    throw new IllegalStateException("shuffle merger already closed or finished");
                }
                reserved -= reservation - records.length; // the stored bytes are let go
                reservation = records.length;
                memory.add(records);
                committed += length;
            }
        }

        @Override
        public void abort() {
            synchronized (lock) {
                if (!done) {
                    done = true;
                    release();
                }
            }
        }

        private void release() {
            if (!closed) {
                reserved -= reservation;
            }
        }
    }

    /** A segment streamed into a file. */
    private final class DiskSink extends CheckedSink {
        private final DiskQuota.Charge file;
        private final long rawLength;
        private final OutputStream out;

        DiskSink(DiskQuota.Charge file, long length, long rawLength) throws IOException {
            super(length);
            this.file = file;
            this.rawLength = rawLength;
            this.out = new BufferedOutputStream(Files.newOutputStream(file.path()), WRITE_BUFFER_BYTES);
        }

        @Override
        void store(byte[] b, int off, int len) throws IOException {
            file.reserve(len); // a fetched chunk at a time
            out.write(b, off, len);
        }

        @Override
        public void commit(long expectedCrc32) throws IOException {
            verify(expectedCrc32);
            try {
                out.close();
            } catch (IOException e) {
                abort();
                throw e;
            }
            boolean accepted;
            synchronized (lock) {
                done = true;
                accepted = !closed && !finished;
                if (accepted) {
                    disk.add(new OnDisk(file, length, rawLength));
                    committed += length;
                }
            }
            if (!accepted) {
                delete(file);
                throw new IllegalStateException("shuffle merger already closed or finished");
            }
        }

        @Override
        public void abort() {
            synchronized (lock) {
                if (done) {
                    return;
                }
                done = true;
            }
            try {
                out.close();
            } catch (IOException e) {
                LOG.log(System.Logger.Level.WARNING, "cannot close aborted segment " + file.path(), e);
            }
            delete(file);
        }
    }
}
