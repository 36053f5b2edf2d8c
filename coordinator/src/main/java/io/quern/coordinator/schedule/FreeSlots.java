package io.quern.coordinator.schedule;

import java.util.Comparator;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * The live workers with a free slot, best first: fastest and idlest by {@link WorkerSlots#score()},
 * then most free slots, then the earliest to join. The scheduler keeps one for its whole life rather
 * than ranking every worker on every dispatch: each worker re-ranks itself here whenever its slots,
 * suspension or speed change (see {@link WorkerSlots}), so a placement costs O(log workers) however
 * large the cluster. Also counts the slots of all live workers. Confined to the scheduler thread.
 */
final class FreeSlots {
    private static final Comparator<WorkerSlots> BEST_FIRST = Comparator.comparingDouble(WorkerSlots::score).reversed()
            .thenComparing(Comparator.comparingInt(WorkerSlots::free).reversed())
            .thenComparingLong(w -> w.seq);

    /** Ordered by keys that change only between {@link #detach} and {@link #attach}. */
    private final TreeSet<WorkerSlots> ranked = new TreeSet<>(BEST_FIRST);
    private int totalSlots;
    /** Changes whenever a live worker's speed or suspension changes, or workers come and go. */
    private long speedVersion;

    boolean isEmpty() {
        return ranked.isEmpty();
    }

    /** Slots of every live worker, free or not. */
    int totalSlots() {
        return totalSlots;
    }

    long speedVersion() {
        return speedVersion;
    }

    /**
     * The best worker that {@code allowed} accepts, preferring any other over {@code avoid}; null when
     * none is allowed. It stays ranked: starting an attempt on it re-ranks it.
     */
    WorkerSlots take(Predicate<WorkerSlots> allowed, String avoid) {
        WorkerSlots fallback = null;
        for (WorkerSlots w : ranked) {
            if (!allowed.test(w)) {
                continue;
            }
            if (avoid != null && w.id().equals(avoid)) {
                fallback = w;
            } else {
                return w;
            }
        }
        return fallback;
    }

    void joined(WorkerSlots w) {
        totalSlots += w.address.slots();
        speedVersion++;
        attach(w);
    }

    void left(WorkerSlots w) {
        ranked.remove(w);
        totalSlots -= w.address.slots();
        speedVersion++;
    }

    /** Takes the worker out of the order before one of its ranking keys changes. */
    void detach(WorkerSlots w) {
        ranked.remove(w);
    }

    /** Puts the worker back, with its new keys, if it has a free slot. */
    void attach(WorkerSlots w) {
        if (w.free() > 0) {
            ranked.add(w);
        }
    }

    void speedChanged() {
        speedVersion++;
    }
}
