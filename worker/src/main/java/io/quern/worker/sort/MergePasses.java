package io.quern.worker.sort;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.ToLongFunction;

/**
 * The merge passes that bring more sorted segments than the merge factor down to it, smallest
 * first, and how far they have got, measured in bytes read against a plan made from the segments'
 * lengths. The passes run on one thread; {@link #progress()} may be read from any thread.
 */
final class MergePasses {
    /** Merges a group of segments into one. */
    interface Pass<T> {
        T merge(List<T> group) throws IOException;
    }

    private final int mergeFactor;
    private volatile long planned = -1; // -1 until run() has planned the passes
    private volatile long done;
    private volatile MergingCursor current;

    MergePasses(int mergeFactor) {
        this.mergeFactor = mergeFactor;
    }

    /** Runs the passes over {@code segments}; returns the segments left, at most the merge factor. */
    <T> List<T> run(List<T> segments, ToLongFunction<T> length, Pass<T> pass) throws IOException {
        long[] total = {0};
        passes(segments.stream().map(length::applyAsLong).toList(), Long::longValue, group -> {
            long merged = sum(group, Long::longValue);
            total[0] += merged;
            return merged;
        });
        planned = total[0];
        List<T> left = passes(segments, length, group -> {
            T merged = pass.merge(group);
            done += sum(group, length);
            return merged;
        });
        done = total[0];
        return left;
    }

    /** The cursor a pass is draining now, or null between passes: for progress within a pass. */
    void merging(MergingCursor cursor) {
        current = cursor;
    }

    /** Fraction of the planned bytes read: 0 before the passes, 1 once over or when none are needed. */
    double progress() {
        long p = planned;
        if (p <= 0) {
            return p == 0 ? 1.0 : 0.0;
        }
        MergingCursor c = current;
        return Math.min(1.0, (double) (done + (c == null ? 0 : c.bytesConsumed())) / p);
    }

    /** While too many are left, merges the smallest: only as many as bring the count to the merge factor. */
    private <T> List<T> passes(List<T> segments, ToLongFunction<T> length, Pass<T> pass) throws IOException {
        List<T> left = new ArrayList<>(segments);
        while (left.size() > mergeFactor) {
            left.sort(Comparator.comparingLong(length));
            int g = Math.min(mergeFactor, left.size() - mergeFactor + 1);
            List<T> group = new ArrayList<>(left.subList(0, g));
            left.subList(0, g).clear();
            left.add(pass.merge(group));
        }
        return left;
    }

    private static <T> long sum(List<T> group, ToLongFunction<T> length) {
        return group.stream().mapToLong(length).sum();
    }
}
