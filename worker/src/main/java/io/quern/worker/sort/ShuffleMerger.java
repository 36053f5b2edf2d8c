package io.quern.worker.sort;

import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.zip.CRC32;

/**
 * Reduce side of the shuffle: collects fetched segments, in memory while they fit the budget and
 * otherwise in files, verifies each against its CRC32, and {@link #finish() merges} them into one
 * key-ordered cursor. A segment may use at most a quarter of the budget, so that one large segment
 * cannot starve the others of memory.
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
    private record OnDisk(Path file, long length) {}

    private final Path workDir;
    private final long budget;
    private final Object lock = new Object();
    // Guarded by lock:
    private long reserved;
    private final List<byte[]> memory = new ArrayList<>();
    private final List<OnDisk> disk = new ArrayList<>();
    private final Set<Path> files = new HashSet<>();
    private long committed;
    private int nextFile;
    private boolean finished;
    private boolean closed;
    private MergingCursor result;
    // Set once by finish(), read by mergeProgress() from any thread.
    private volatile MergingCursor progressSource;
    private volatile long totalBytes;
    private final MergePasses passes;

    /**
     * @param workDir directory for on-disk segments and merge passes; created if missing
     * @param memoryBudgetBytes bytes of fetched segments held in memory at most
     * @param mergeFactor most on-disk segments merged at once, at least 2
     */
    public ShuffleMerger(Path workDir, long memoryBudgetBytes, int mergeFactor) {
        if (workDir == null) {
            throw new IllegalArgumentException("workDir is required");
        }
        if (memoryBudgetBytes < 0) {
            throw new IllegalArgumentException("memoryBudgetBytes must be >= 0: " + memoryBudgetBytes);
        }
        if (mergeFactor < 2) {
            throw new IllegalArgumentException("mergeFactor must be >= 2: " + mergeFactor);
        }
        this.workDir = workDir;
        this.budget = memoryBudgetBytes;
        this.passes = new MergePasses(mergeFactor);
    }

    /** Starts receiving a segment of {@code length} bytes: in memory if it fits, else in a file. */
    public SegmentSink newSegment(long length) throws IOException {
        if (length < 0) {
            throw new IllegalArgumentException("segment length must be >= 0: " + length);
        }
        Path file;
        synchronized (lock) {
            checkOpen();
            if (length <= budget / 4 && length <= budget - reserved && length <= MAX_ARRAY) {
                reserved += length;
                return new MemorySink((int) length);
            }
            file = newFile();
        }
        Files.createDirectories(workDir);
        return new DiskSink(file, length);
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
        dsk = passes.run(dsk, OnDisk::length, this::mergeToFile);
        List<RawRecordCursor> inputs = openAll(dsk);
        long total = 0;
        for (OnDisk d : dsk) {
            total += d.length();
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
        List<Path> toDelete;
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
        for (Path p : toDelete) {
            delete(p);
        }
    }

    private OnDisk mergeToFile(List<OnDisk> group) throws IOException {
        Path out;
        synchronized (lock) {
            checkNotClosed();
            out = newFile();
        }
        IndexEntry entry;
        try (MergingCursor merged = new MergingCursor(openAll(group).toArray(new RawRecordCursor[0]));
             SegmentWriter w = SegmentWriter.create(out)) {
            passes.merging(merged);
            w.appendAll(merged);
            entry = w.endSegment();
        } finally {
            passes.merging(null);
        }
        for (OnDisk d : group) {
            delete(d.file());
        }
        return new OnDisk(out, entry.length());
    }

    /** Opens a reader per on-disk segment; closes those already open if one fails. */
    private static List<RawRecordCursor> openAll(List<OnDisk> segments) throws IOException {
        List<RawRecordCursor> readers = new ArrayList<>();
        try {
            for (OnDisk d : segments) {
                readers.add(SegmentReader.ofFile(d.file(), 0, d.length()));
            }
        } catch (IOException | RuntimeException e) {
            closeAll(readers, e);
            throw e;
        }
        return readers;
    }

    private Path newFile() {
        Path p = workDir.resolve("segment" + nextFile++ + ".seg");
        files.add(p);
        return p;
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

    private void delete(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException e) {
            // close() cannot fail; the task's work directory is removed as a whole when the task ends.
            LOG.log(System.Logger.Level.WARNING, "cannot delete " + p, e);
        }
        synchronized (lock) {
            files.remove(p);
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

    /** The checks every sink makes; a corrupt segment is discarded before the exception is thrown. */
    private abstract static class CheckedSink implements SegmentSink {
        final long length;
        final CRC32 crc = new CRC32();
        long received;
        /** Set by the owning thread, under the merger lock together with the merger state it changes. */
        boolean done;

        CheckedSink(long length) {
            this.length = length;
        }

        @Override
        public final void write(byte[] b, int off, int len) throws IOException {
            checkActive();
            if (len > length - received) {
                abort();
                throw new CorruptSegmentException("segment longer than the announced " + length + " bytes");
            }
            store(b, off, len);
            crc.update(b, off, len);
            received += len;
        }

        abstract void store(byte[] b, int off, int len) throws IOException;

        /** Verifies length and checksum before a commit. */
        final void verify(long expectedCrc32) throws CorruptSegmentException {
            checkActive();
            if (received != length) {
                abort();
                throw new CorruptSegmentException("segment length mismatch: expected " + length
                        + " bytes, received " + received);
            }
            if (crc.getValue() != expectedCrc32) {
                abort();
                throw new CorruptSegmentException("segment CRC32 mismatch: expected " + expectedCrc32
                        + ", computed " + crc.getValue());
            }
        }

        private void checkActive() {
            if (done) {
                throw new IllegalStateException("segment already committed or aborted");
            }
        }
    }

    /** A segment received into a reserved byte array. */
    private final class MemorySink extends CheckedSink {
        private final byte[] data;

        MemorySink(int length) {
            super(length);
            data = new byte[length];
        }

        @Override
        void store(byte[] b, int off, int len) {
            System.arraycopy(b, off, data, (int) received, len);
        }

        @Override
        public void commit(long expectedCrc32) throws IOException {
            verify(expectedCrc32);
            synchronized (lock) {
                done = true;
                if (closed || finished) {
                    release();
                    throw new IllegalStateException("shuffle merger already closed or finished");
                }
                memory.add(data);
                committed += data.length;
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
                reserved -= data.length;
            }
        }
    }

    /** A segment streamed into a file. */
    private final class DiskSink extends CheckedSink {
        private final Path file;
        private final OutputStream out;

        DiskSink(Path file, long length) throws IOException {
            super(length);
            this.file = file;
            this.out = new BufferedOutputStream(Files.newOutputStream(file), WRITE_BUFFER_BYTES);
        }

        @Override
        void store(byte[] b, int off, int len) throws IOException {
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
                    disk.add(new OnDisk(file, length));
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
                LOG.log(System.Logger.Level.WARNING, "cannot close aborted segment " + file, e);
            }
            delete(file);
        }
    }
}
