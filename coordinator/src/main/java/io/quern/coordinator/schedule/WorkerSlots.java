package io.quern.coordinator.schedule;

import io.quern.common.job.AttemptId;
import io.quern.common.job.WorkerAddress;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A live worker and the attempts the scheduler has placed on it. Every change to what ranks it among
 * free workers (its running attempts, suspension, speed) goes through a method here that re-ranks it
 * in the scheduler's {@link FreeSlots}. Confined to the scheduler thread.
 */
final class WorkerSlots {
    final WorkerAddress address;
    private final Set<AttemptId> running = new LinkedHashSet<>();
    private final Set<AttemptId> runningView = Collections.unmodifiableSet(running);
    private final FreeSlots free;
    /** When this worker was last heard from (joined, or sent a heartbeat), in scheduler nanos. */
    long lastHeardNanos;
    /**
     * No new tasks while set: the worker could not be reached or went silent. Cleared by its next
     * heartbeat; a dead worker is removed when its ZooKeeper session ends or it re-registers.
     */
    private boolean suspended;
    /**
     * How fast this worker finishes tasks relative to the others: a moving average of each successful
     * attempt's throughput over its phase's mean (1 = typical). Placement and backups prefer fast workers.
     */
    private double speed = 1.0;
    /** Map attempts to ask, with the next heartbeat reply, to stop at a record boundary. */
    final Set<AttemptId> stops = new LinkedHashSet<>();
    /** Join order, to break ties in placement. */
    final long seq;
    private boolean gone;

    /** A worker that joined; it ranks itself in {@code free} at once. */
    WorkerSlots(WorkerAddress address, long nowNanos, long seq, FreeSlots free) {
        this.address = address;
        this.lastHeardNanos = nowNanos;
        this.seq = seq;
        this.free = free;
        free.joined(this);
    }

    String id() {
        return address.workerId();
    }

    int free() {
        return suspended || gone ? 0 : address.slots() - running.size();
    }

    /** Placement preference: fast and idle first. */
    double score() {
        return speed * free() / Math.max(1, address.slots());
    }

    double speed() {
        return speed;
    }

    boolean suspended() {
        return suspended;
    }

    /** The attempts placed here that have not ended (a read-only view). */
    Set<AttemptId> running() {
        return runningView;
    }

    /** A copy, for loops that end attempts as they go. */
    List<AttemptId> runningCopy() {
        return List.copyOf(running);
    }

    void started(AttemptId id) {
        free.detach(this);
        running.add(id);
        free.attach(this);
    }

    /** The attempt no longer holds a slot here; false when it did not. */
    boolean ended(AttemptId id) {
        if (!running.contains(id)) {
            return false;
        }
        free.detach(this);
        running.remove(id);
        if (!gone) {
            free.attach(this);
        }
        return true;
    }

    void suspend() {
        free.detach(this);
        suspended = true;
        free.speedChanged();
    }

    void resume() {
        suspended = false;
        free.speedChanged();
        if (!gone) {
            free.attach(this);
        }
    }

    /** Folds one successful attempt's relative throughput into {@link #speed}. */
    void observe(double relativeThroughput) {
        double r = Math.max(0.05, Math.min(20, relativeThroughput));
        free.detach(this);
        speed = 0.7 * speed + 0.3 * r;
        free.speedChanged();
        if (!gone) {
            free.attach(this);
        }
    }

    /** The worker left: it takes no more slots, and its attempts are forgotten here. */
    void leave() {
        if (!gone) {
            free.left(this);
            gone = true;
            running.clear();
        }
    }
}
