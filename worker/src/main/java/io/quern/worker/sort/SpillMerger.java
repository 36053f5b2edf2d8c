package io.quern.worker.sort;

import io.quern.common.job.Compression;
import io.quern.worker.storage.DiskQuota;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Merges map-side spill files, partition by partition, into one file of the same layout. When there
 * are more spills than the merge factor, intermediate passes first merge runs of consecutive spills
 * (consecutive, so equal keys keep their spill order) until at most the merge factor remain, merging
 * no more than needed to get there. Deletes every input it has merged. Confined to one thread.
 */
final class SpillMerger {

    /** A spill file (with its bytes in the disk account) and the location of each partition's segment in it. */
    record Spill(DiskQuota.Charge file, IndexEntry[] index) {
        Spill {
            if (file == null || index == null) {
                throw new IllegalArgumentException("spill needs a file and an index");
            }
        }
    }

    private final int partitions;
    private final int mergeFactor;
    private final SortCounters counters;
    private final Compression compression;
    private final Supplier<DiskQuota.Charge> newSpillFile;

    /** @param compression how the spills are compressed, and how the merged files will be */
    SpillMerger(int partitions, int mergeFactor, SortCounters counters, Compression compression,
                Supplier<DiskQuota.Charge> newSpillFile) {
        this.partitions = partitions;
        this.mergeFactor = mergeFactor;
        this.counters = counters;
        this.compression = compression;
        this.newSpillFile = newSpillFile;
    }

    /**
     * Merges {@code spills} (oldest first) into {@code out}, applying {@code combiner} (nullable) in
     * the final pass; returns the index of {@code out}.
     */
    IndexEntry[] mergeAll(List<Spill> spills, DiskQuota.Charge out, Combiner combiner) throws IOException {
        List<Spill> runs = new ArrayList<>(spills);
        while (runs.size() > mergeFactor) {
            runs = intermediatePass(runs);
        }
        IndexEntry[] index = merge(runs, out, combiner);
        delete(runs);
        return index;
    }

    private List<Spill> intermediatePass(List<Spill> runs) throws IOException {
        int excess = runs.size() - mergeFactor;
        List<Spill> next = new ArrayList<>();
        int i = 0;
        while (i < runs.size()) {
            // Merging g runs removes g - 1 of them; stop merging once the final pass can take the rest.
            int g = Math.min(Math.min(mergeFactor, excess + 1), runs.size() - i);
            if (g < 2) {
                next.add(runs.get(i++));
                continue;
            }
            List<Spill> group = runs.subList(i, i + g);
            DiskQuota.Charge file = newSpillFile.get();
            next.add(new Spill(file, merge(group, file, null)));
            delete(group);
            excess -= g - 1;
            i += g;
        }
        return next;
    }

    private IndexEntry[] merge(List<Spill> inputs, DiskQuota.Charge target, Combiner combiner) throws IOException {
        int n = inputs.size();
        FileChannel[] channels = new FileChannel[n];
        SegmentReader[] readers = new SegmentReader[n];
        try {
            for (int i = 0; i < n; i++) {
                channels[i] = FileChannel.open(inputs.get(i).file().path(), StandardOpenOption.READ);
                readers[i] = SegmentReader.forChannels(compression);
            }
            IndexEntry[] index = new IndexEntry[partitions];
            try (SegmentWriter w = SegmentWriter.create(target, compression)) {
                for (int p = 0; p < partitions; p++) {
                    for (int i = 0; i < n; i++) {
                        IndexEntry e = inputs.get(i).index()[p];
                        readers[i].reset(channels[i], e.offset(), e.length(), e.rawLength());
                    }
                    MergingCursor merged = new MergingCursor(readers);
                    if (combiner != null) {
                        combiner.combine(merged, w);
                    } else {
                        w.appendAll(merged);
                    }
                    index[p] = w.endSegment();
                }
                counters.spilledRecords += w.records();
            }
            return index;
        } finally {
            // The readers hold only their codecs (native memory for zstd), the channels the files.
            List<java.io.Closeable> all = new ArrayList<>(java.util.Arrays.asList(readers));
            all.addAll(java.util.Arrays.asList(channels));
            Closing.closeAll(all);
        }
    }

    private static void delete(List<Spill> spills) throws IOException {
        for (Spill s : spills) {
            s.file().delete();
        }
    }
}
