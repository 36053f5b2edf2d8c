package io.quern.coordinator.schedule;

import io.quern.common.job.AttemptId;
import io.quern.common.job.WorkerAddress;
import java.util.LinkedHashSet;
import java.util.Set;

/** A live worker and the attempts the scheduler has placed on it. Confined to the scheduler thread. */
final class WorkerSlots {
    final WorkerAddress address;
    final Set<AttemptId> running = new LinkedHashSet<>();
    /** When this worker was last heard from (joined, or sent a heartbeat), in scheduler nanos. */
    long lastHeardNanos;
    /**
     * No new tasks while set: the worker could not be reached or went silent. Cleared by its next
     * heartbeat; a dead worker is removed when its ZooKeeper session ends or it re-registers.
     */
    boolean suspended;
    /**
     * How fast this worker finishes tasks relative to the others: a moving average of each successful
     * attempt's throughput over its phase's mean (1 = typical). Placement and backups prefer fast workers.
     */
    double speed = 1.0;
    /** Map attempts to ask, with the next heartbeat reply, to stop at a record boundary. */
    final Set<AttemptId> stops = new LinkedHashSet<>();
    /** Join order, to break ties in placement. */
    final long seq;

    WorkerSlots(WorkerAddress address, long nowNanos, long seq) {
        this.address = address;
        this.lastHeardNanos = nowNanos;
        this.seq = seq;
    }

    String id() {
        return address.workerId();
    }

    int free() {
        return suspended ? 0 : address.slots() - running.size();
    }

    /** Placement preference: fast and idle first. */
    double score() {
        return speed * free() / Math.max(1, address.slots());
    }

    /** Folds one successful attempt's relative throughput into {@link #speed}. */
    void observe(double relativeThroughput) {
        double r = Math.max(0.05, Math.min(20, relativeThroughput));
        speed = 0.7 * speed + 0.3 * r;
    }
}
