package io.quern.coordinator.split;

import io.quern.common.job.FileRange;
import java.util.ArrayList;
import java.util.List;

/**
 * The input of a map that stopped early (see {@code HeartbeatResponse.stop}): what it covered, and
 * its unread rest cut into new splits. Cuts may fall anywhere inside a text range, because a line
 * belongs to the range that holds its first byte; whole ranges (gzip, whole-file input) are never cut.
 */
public final class Remainders {
    private Remainders() {}

    /**
     * The part of {@code ranges} a map read when it left {@code remainder} unread. The remainder is a
     * suffix of the split: possibly the tail of one range, then whole later ranges.
     *
     * @throws IllegalArgumentException when {@code remainder} is not such a suffix
     */
    public static List<FileRange> covered(List<FileRange> ranges, List<FileRange> remainder) {
        if (remainder.isEmpty()) {
            return ranges;
        }
        int first = ranges.size() - remainder.size();
        if (first < 0) {
            throw new IllegalArgumentException("remainder " + remainder + " is longer than the split " + ranges);
        }
        for (int i = 1; i < remainder.size(); i++) {
            if (!remainder.get(i).equals(ranges.get(first + i))) {
                throw new IllegalArgumentException("remainder " + remainder + " is not a suffix of " + ranges);
            }
        }
        FileRange cut = ranges.get(first);
        FileRange rest = remainder.get(0);
        if (rest.equals(cut)) {
            return List.copyOf(ranges.subList(0, first));
        }
        if (cut.whole() || !rest.path().equals(cut.path()) || rest.end() != cut.end() || rest.start() < cut.start()) {
            throw new IllegalArgumentException("remainder " + rest + " is not the tail of " + cut);
        }
        List<FileRange> out = new ArrayList<>(ranges.subList(0, first));
        out.add(new FileRange(cut.path(), cut.start(), rest.start() - cut.start(), false));
        return out;
    }

    /**
     * Cuts {@code ranges} into at most {@code pieces} splits of about equal bytes, in order; fewer when
     * whole ranges cannot be cut. Every byte lands in exactly one split.
     */
    public static List<List<FileRange>> divide(List<FileRange> ranges, int pieces) {
        if (pieces < 1) {
            throw new IllegalArgumentException("pieces must be >= 1: " + pieces);
        }
        long total = bytes(ranges);
        List<List<FileRange>> out = new ArrayList<>();
        List<FileRange> current = new ArrayList<>();
        long target = Math.max(1, (total + pieces - 1) / pieces);
        long room = target;
        for (FileRange r : ranges) {
            FileRange left = r;
            while (!left.whole() && left.length() > room && out.size() < pieces - 1) {
                if (room > 0) {
                    current.add(new FileRange(left.path(), left.start(), room, false));
                }
                left = new FileRange(left.path(), left.start() + room, left.length() - room, false);
                out.add(current);
                current = new ArrayList<>();
                room = target;
            }
            current.add(left);
            room -= left.length();
            if (room <= 0 && out.size() < pieces - 1) {
                out.add(current);
                current = new ArrayList<>();
                room = target;
            }
        }
        if (!current.isEmpty()) {
            out.add(current);
        }
        return out;
    }

    public static long bytes(List<FileRange> ranges) {
        long total = 0;
        for (FileRange r : ranges) {
            total += r.length();
        }
        return total;
    }
}
