package io.quern.coordinator.split;

import io.quern.common.job.FileRange;
import io.quern.common.job.InputFormat;
import io.quern.common.storage.InputException;
import io.quern.common.storage.JobStorage;
import io.quern.common.storage.SharedFileSystemStorage;
import io.quern.common.storage.StoredFile;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Lists a job's inputs, through their {@link JobStorage}, and cuts them into map splits, each a list
 * of ranges. Confined to one thread.
 *
 * <p>Text files are cut into ranges of {@code splitSize} bytes, except that the last range may be up
 * to 10% larger rather than leaving a tiny tail (Hadoop's split slop). Gzip files cannot be read
 * from the middle, so each is one whole range, as is every file in whole-file format. An empty file
 * has no lines and so no text range, but in whole-file format it is still one record.
 *
 * <p>Ranges smaller than the pack size (small files, and the tail pieces of cut files) are then
 * packed together, in input order, into splits of at most the pack size and
 * {@link #MAX_RANGES_PER_SPLIT} ranges (see {@link SplitPacker}); ten thousand small files make a
 * handful of map tasks, not ten thousand. The pack size is {@code splitSize}, or a sixteenth of a
 * small input (at least 1 MiB): four files of 4 MiB stay four map tasks ({@link #packSize}).
 */
public final class InputSplitter {
    /**
     * Ranges one split may hold. An assignment lists every range (path and offsets, some 100 bytes),
     * so this keeps it near 200 KB, far below gRPC's message limit, and a map opens at most this
     * many files.
     */
    public static final int MAX_RANGES_PER_SPLIT = 2_000;
    /** Splits that packing aims for at least, when the input is small; see {@link #packSize}. */
    static final int MIN_PACKED_SPLITS = 16;
    static final long MIN_PACK_BYTES = 1 << 20;

    private final long splitSize;
    private final int maxRanges;
    private final InputFormat format;
    private final JobStorage storage;
    private long totalBytes;

    /** Inputs on the shared file system. */
    public InputSplitter(long splitSize, InputFormat format) {
        this(splitSize, format, MAX_RANGES_PER_SPLIT, SharedFileSystemStorage.INSTANCE);
    }

    /** Inputs on the shared file system; {@code maxRanges} 1 gives every range a split of its own (no packing). */
    public InputSplitter(long splitSize, InputFormat format, int maxRanges) {
        this(splitSize, format, maxRanges, SharedFileSystemStorage.INSTANCE);
    }

    public InputSplitter(long splitSize, InputFormat format, int maxRanges, JobStorage storage) {
        if (splitSize < 1) {
            throw new IllegalArgumentException("splitSize must be >= 1: " + splitSize);
        }
        if (maxRanges < 1) {
            throw new IllegalArgumentException("maxRanges must be >= 1: " + maxRanges);
        }
        this.splitSize = splitSize;
        this.maxRanges = maxRanges;
        this.format = Objects.requireNonNull(format, "format");
        this.storage = Objects.requireNonNull(storage, "storage");
    }

    /**
     * The splits of {@code inputs}. Files are taken in input order, each directory's files in name
     * order, and the result depends on nothing else: the same inputs give the same splits. A file
     * named twice is read twice. Paths are kept absolute and normalized, symbolic links unresolved.
     */
    public List<List<FileRange>> splitInputs(List<String> inputs) throws InvalidInputException, IOException {
        totalBytes = 0;
        List<StoredFile> files = new ArrayList<>();
        for (String input : inputs) {
            for (StoredFile file : list(storage.normalize(input))) {
                files.add(file);
                totalBytes += file.size();
            }
        }
        SplitPacker packer = new SplitPacker(packSize(splitSize, totalBytes), maxRanges);
        for (StoredFile file : files) {
            addRanges(file.path(), file.size(), packer);
        }
        return packer.finish();
    }

    /** {@link #splitInputs} of paths on the shared file system. */
    public List<List<FileRange>> split(List<Path> inputs) throws InvalidInputException, IOException {
        List<String> paths = new ArrayList<>(inputs.size());
        for (Path p : inputs) {
            paths.add(p.toString());
        }
        return splitInputs(paths);
    }

    /**
     * The most bytes packed into one split: the split size, but for a small input no more than a
     * sixteenth of it (and no less than 1 MiB), so that a few small files still make enough map
     * tasks to keep a small cluster busy rather than one.
     */
    static long packSize(long splitSize, long totalBytes) {
        return Math.min(splitSize, Math.max(MIN_PACK_BYTES, (totalBytes + MIN_PACKED_SPLITS - 1) / MIN_PACKED_SPLITS));
    }

    /** Input bytes seen by the last {@link #split} (compressed bytes for gzip files). */
    public long totalBytes() {
        return totalBytes;
    }

    private List<StoredFile> list(String input) throws InvalidInputException, IOException {
        List<StoredFile> files = new ArrayList<>();
        try {
            files.addAll(storage.listInput(input));
        } catch (InputException e) {
            throw new InvalidInputException(switch (e.reason()) {
                case NOT_FOUND -> "input not found: ";
                case NOT_READABLE -> "input not readable: ";
                case NOT_FILE_OR_DIRECTORY -> "input is not a file or directory: ";
            } + e.path());
        }
        // Listing order is up to the store; name order makes splits repeatable.
        files.sort(Comparator.comparing(f -> storage.name(f.path())));
        return files;
    }

    private void addRanges(String path, long size, SplitPacker packer) {
        if (format == InputFormat.WHOLE_FILE) {
            packer.add(new FileRange(path, 0, size, true));
            return;
        }
        if (size == 0) {
            return; // no lines
        }
        if (path.endsWith(".gz")) {
            packer.add(new FileRange(path, 0, size, true));
            return;
        }
        long start = 0;
        long remaining = size;
        // Cut while more than 1.1 split sizes remain: remaining > 1.1 * splitSize, in exact
        // integer arithmetic (x > s / 10 for an integer x is x > floor(s / 10)).
        while (remaining - splitSize > splitSize / 10) {
            packer.add(new FileRange(path, start, splitSize, false));
            start += splitSize;
            remaining -= splitSize;
        }
        packer.add(new FileRange(path, start, remaining, false));
    }
}
