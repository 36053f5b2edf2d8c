package io.quern.coordinator.split;

import io.quern.common.job.FileRange;
import java.util.ArrayList;
import java.util.List;

/**
 * Packs ranges, offered in input order, into map splits of at most {@code splitSize} bytes, so that
 * many small files make a few map tasks rather than one each. Confined to one thread.
 *
 * <p>A range of {@code splitSize} bytes or more is a split of its own. Smaller ranges (small files,
 * the tail piece of a cut file) go into one open split, in the order offered; when the next one
 * would take it past {@code splitSize} bytes or past {@code maxRanges} ranges, the open split is
 * closed and a new one opened (next fit). Next fit keeps neighbouring files together and makes the
 * result a plain function of the input order, so the same inputs always give the same splits. A
 * split over the size is therefore always a single range. The range cap keeps an assignment message
 * small even for empty files, which weigh nothing.
 */
final class SplitPacker {
    private final long splitSize;
    private final int maxRanges;
    private final List<List<FileRange>> splits = new ArrayList<>();
    private List<FileRange> open = new ArrayList<>();
    private long openBytes;

    SplitPacker(long splitSize, int maxRanges) {
        if (splitSize < 1) {
            throw new IllegalArgumentException("splitSize must be >= 1: " + splitSize);
        }
        if (maxRanges < 1) {
            throw new IllegalArgumentException("maxRanges must be >= 1: " + maxRanges);
        }
        this.splitSize = splitSize;
        this.maxRanges = maxRanges;
    }

    void add(FileRange range) {
        if (range.length() >= splitSize) {
            // A full piece of a big file, or a big whole file: nothing can join it. The open split
            // stays open, so the small files on either side of a big one still share a task.
            splits.add(List.of(range));
            return;
        }
        if (!open.isEmpty() && (openBytes + range.length() > splitSize || open.size() == maxRanges)) {
            close();
        }
        open.add(range);
        openBytes += range.length();
    }

    /** The splits so far, the open one closed: in the order they were closed. */
    List<List<FileRange>> finish() {
        close();
        return List.copyOf(splits);
    }

    private void close() {
        if (!open.isEmpty()) {
            splits.add(List.copyOf(open));
            open = new ArrayList<>();
            openBytes = 0;
        }
    }
}
