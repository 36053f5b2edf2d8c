package io.quern.coordinator.schedule;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/**
 * Deals the partitions the maps wrote to the reduce tasks by size: largest first, each to the reduce
 * with the fewest bytes so far (longest processing time first). No reduce then holds more than 4/3 of
 * the best possible largest load, which is at least the mean load and at least the largest partition.
 * With as many partitions as reducers the assignment is the identity, so a user's partitioner decides
 * exactly which keys meet in which part file.
 */
final class PartitionBalancer {
    private PartitionBalancer() {}

    /** @return for each reduce task, its partitions in ascending order; none is empty when partitions >= reducers */
    static int[][] assign(long[] partitionBytes, int reducers) {
        int partitions = partitionBytes.length;
        int[][] out = new int[reducers][];
        if (partitions == reducers) {
            for (int r = 0; r < reducers; r++) {
                out[r] = new int[] {r};
            }
            return out;
        }
        Integer[] bySize = new Integer[partitions];
        for (int p = 0; p < partitions; p++) {
            bySize[p] = p;
        }
        Arrays.sort(bySize, Comparator.<Integer>comparingLong(p -> partitionBytes[p]).reversed()
                .thenComparingInt(p -> p));
        long[] load = new long[reducers];
        List<List<Integer>> owned = new ArrayList<>(reducers);
        // Least bytes, then fewest partitions (so empty partitions still spread), then lowest index.
        PriorityQueue<Integer> least = new PriorityQueue<>(Comparator.<Integer>comparingLong(r -> load[r])
                .thenComparingInt(r -> owned.get(r).size()).thenComparingInt(r -> r));
        for (int r = 0; r < reducers; r++) {
            owned.add(new ArrayList<>());
            least.add(r);
        }
        for (int p : bySize) {
            int r = least.poll();
            owned.get(r).add(p);
            load[r] += partitionBytes[p];
            least.add(r);
        }
        for (int r = 0; r < reducers; r++) {
            out[r] = owned.get(r).stream().mapToInt(Integer::intValue).sorted().toArray();
        }
        return out;
    }

    static long[] loads(long[] partitionBytes, int[][] assignment) {
        long[] load = new long[assignment.length];
        for (int r = 0; r < assignment.length; r++) {
            for (int p : assignment[r]) {
                load[r] += partitionBytes[p];
            }
        }
        return load;
    }
}
