package io.quern.coordinator.schedule;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.function.Predicate;

/**
 * The workers with free slots during one dispatch, best first: fastest and idlest by
 * {@link WorkerSlots#score()}, then most free slots, then the earliest to join.
 */
final class FreeSlots {
    private static final Comparator<WorkerSlots> BEST_FIRST = Comparator.comparingDouble(WorkerSlots::score).reversed()
            .thenComparing(Comparator.comparingInt(WorkerSlots::free).reversed())
            .thenComparingLong(w -> w.seq);

    private final PriorityQueue<WorkerSlots> queue = new PriorityQueue<>(BEST_FIRST);

    FreeSlots(Collection<WorkerSlots> workers) {
        for (WorkerSlots w : workers) {
            if (w.free() > 0) {
                queue.add(w);
            }
        }
    }

    boolean isEmpty() {
        return queue.isEmpty();
    }

    int slots() {
        int n = 0;
        for (WorkerSlots w : queue) {
            n += w.free();
        }
        return n;
    }

    /**
     * Takes the best worker that {@code allowed} accepts, preferring any other over {@code avoid};
     * null when none is allowed. Put it back with {@link #release} once its slot is used.
     */
    WorkerSlots take(Predicate<WorkerSlots> allowed, String avoid) {
        List<WorkerSlots> passed = new ArrayList<>();
        WorkerSlots chosen = null;
        WorkerSlots fallback = null;
        while (!queue.isEmpty()) {
            WorkerSlots w = queue.poll();
            if (!allowed.test(w)) {
                passed.add(w);
            } else if (avoid != null && w.id().equals(avoid)) {
                fallback = w;
            } else {
                chosen = w;
                break;
            }
        }
        if (chosen == null && fallback != null) {
            chosen = fallback;
        } else if (fallback != null) {
            queue.add(fallback);
        }
        queue.addAll(passed);
        return chosen;
    }

    /** Returns a taken worker, re-ranked, if it still has a free slot. */
    void release(WorkerSlots w) {
        if (w.free() > 0) {
            queue.add(w);
        }
    }

    /** The workers still free, best first (a copy). */
    List<WorkerSlots> ranked() {
        List<WorkerSlots> out = new ArrayList<>(queue);
        out.sort(BEST_FIRST);
        return out;
    }
}
