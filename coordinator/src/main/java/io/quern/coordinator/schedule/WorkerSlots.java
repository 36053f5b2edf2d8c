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

    WorkerSlots(WorkerAddress address, long nowNanos) {
        this.address = address;
        this.lastHeardNanos = nowNanos;
    }

    String id() {
        return address.workerId();
    }

    int free() {
        return suspended ? 0 : address.slots() - running.size();
    }
}
