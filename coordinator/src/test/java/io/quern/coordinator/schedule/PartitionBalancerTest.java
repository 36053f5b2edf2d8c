package io.quern.coordinator.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.Random;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

class PartitionBalancerTest {
    private final Random random = new Random(7);

    @RepeatedTest(200)
    void everyPartitionGoesToOneReducer_andTheLargestLoadIsWithinTheLptBound() {
        int reducers = 1 + random.nextInt(8);
        int partitions = reducers * (1 + random.nextInt(6));
        long[] bytes = new long[partitions];
        for (int p = 0; p < partitions; p++) {
            // Zipf-like sizes: a few heavy partitions, many light ones, some empty.
            bytes[p] = random.nextInt(4) == 0 ? 0 : (long) (1_000_000 / Math.pow(1 + random.nextInt(50), 1.2));
        }
        int[][] assignment = PartitionBalancer.assign(bytes, reducers);

        int[] owners = new int[partitions];
        Arrays.fill(owners, -1);
        for (int r = 0; r < reducers; r++) {
            assertThat(assignment[r]).as("reducer %d has partitions", r).isNotEmpty();
            for (int p : assignment[r]) {
                assertThat(owners[p]).as("partition %d dealt once", p).isEqualTo(-1);
                owners[p] = r;
            }
        }
        assertThat(owners).doesNotContain(-1);
        long total = Arrays.stream(bytes).sum();
        long largest = Arrays.stream(bytes).max().orElse(0);
        long lowerBound = Math.max((total + reducers - 1) / reducers, largest); // no assignment does better
        long max = Arrays.stream(PartitionBalancer.loads(bytes, assignment)).max().orElse(0);
        assertThat((double) max).isLessThanOrEqualTo(4.0 / 3 * lowerBound);
    }

    @Test
    void asManyPartitionsAsReducers_isTheIdentity() {
        int[][] a = PartitionBalancer.assign(new long[] {5, 500, 50}, 3);
        assertThat(a).isDeepEqualTo(new int[][] {{0}, {1}, {2}});
    }

    @Test
    void aHeavyPartitionSitsAlone() {
        int[][] a = PartitionBalancer.assign(new long[] {100, 10, 10, 10, 10, 10, 10, 10}, 2);
        assertThat(a).isDeepEqualTo(new int[][] {{0}, {1, 2, 3, 4, 5, 6, 7}});
    }

    @RepeatedTest(50)
    void dealsExactlyAsAPlainLptWithAPriorityQueue_ties_included() {
        int reducers = 1 + random.nextInt(40);
        int partitions = reducers * (2 + random.nextInt(5));
        long[] bytes = new long[partitions];
        for (int p = 0; p < partitions; p++) {
            bytes[p] = random.nextInt(3) == 0 ? 0 : random.nextInt(5) * 1000L; // many equal sizes
        }

        assertThat(PartitionBalancer.assign(bytes, reducers)).isDeepEqualTo(plainLpt(bytes, reducers));
    }

    /** The rule written the obvious way: largest first (ties by index), to the least loaded, fewest, lowest. */
    private static int[][] plainLpt(long[] bytes, int reducers) {
        Integer[] order = new Integer[bytes.length];
        for (int p = 0; p < order.length; p++) {
            order[p] = p;
        }
        Arrays.sort(order, Comparator.<Integer>comparingLong(p -> bytes[p]).reversed().thenComparingInt(p -> p));
        long[] load = new long[reducers];
        List<List<Integer>> owned = new ArrayList<>();
        PriorityQueue<Integer> least = new PriorityQueue<>(Comparator.<Integer>comparingLong(r -> load[r])
                .thenComparingInt(r -> owned.get(r).size()).thenComparingInt(r -> r));
        for (int r = 0; r < reducers; r++) {
            owned.add(new ArrayList<>());
            least.add(r);
        }
        for (int p : order) {
            int r = least.poll();
            owned.get(r).add(p);
            load[r] += bytes[p];
            least.add(r);
        }
        return owned.stream().map(l -> l.stream().mapToInt(Integer::intValue).sorted().toArray()).toArray(int[][]::new);
    }
}
