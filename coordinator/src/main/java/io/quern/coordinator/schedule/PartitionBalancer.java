package io.quern.coordinator.schedule;

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
        // Primitive arrays throughout: a large job deals 20,000 partitions over 5,000 reducers on the
        // scheduler's thread, once, in code that has not been compiled yet.
        int[] bySize = largestFirst(partitionBytes);
        long[] load = new long[reducers];
        int[] count = new int[reducers];
        // A binary min-heap of reducers by (bytes, then partitions, so empty ones still spread, then
        // index). All start equal, so ascending order is already a heap.
        int[] heap = new int[reducers];
        for (int r = 0; r < reducers; r++) {
            heap[r] = r;
        }
        int[] owner = new int[partitions];
        for (int p : bySize) {
            int r = heap[0];
            owner[p] = r;
            load[r] += partitionBytes[p];
            count[r]++;
            siftDown(heap, load, count);
        }
        for (int r = 0; r < reducers; r++) {
            out[r] = new int[count[r]];
        }
        int[] filled = new int[reducers];
        for (int p = 0; p < partitions; p++) {
            int r = owner[p];
            out[r][filled[r]++] = p; // ascending, as p ascends
        }
        return out;
    }

    private static boolean lighter(int a, int b, long[] load, int[] count) {
        if (load[a] != load[b]) {
            return load[a] < load[b];
        }
        return count[a] != count[b] ? count[a] < count[b] : a < b;
    }

    /** Restores the heap after its root got heavier. */
    private static void siftDown(int[] heap, long[] load, int[] count) {
        int n = heap.length;
        int i = 0;
        int moving = heap[0];
        while (true) {
            int child = 2 * i + 1;
            if (child >= n) {
                break;
            }
            if (child + 1 < n && lighter(heap[child + 1], heap[child], load, count)) {
                child++;
            }
            if (!lighter(heap[child], moving, load, count)) {
                break;
            }
            heap[i] = heap[child];
            i = child;
        }
        heap[i] = moving;
    }

    /** Partition indexes by size, largest first, equal sizes by index (a stable merge sort). */
    private static int[] largestFirst(long[] bytes) {
        int n = bytes.length;
        int[] a = new int[n];
        for (int p = 0; p < n; p++) {
            a[p] = p;
        }
        int[] b = new int[n];
        for (int width = 1; width < n; width *= 2) {
            for (int lo = 0; lo < n; lo += 2 * width) {
                int mid = Math.min(lo + width, n);
                int hi = Math.min(lo + 2 * width, n);
                int i = lo;
                int j = mid;
                int k = lo;
                while (i < mid && j < hi) {
                    b[k++] = bytes[a[j]] > bytes[a[i]] ? a[j++] : a[i++];
                }
                while (i < mid) {
                    b[k++] = a[i++];
                }
                while (j < hi) {
                    b[k++] = a[j++];
                }
            }
            int[] t = a;
            a = b;
            b = t;
        }
        return a;
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
