package io.quern.coordinator.schedule;

import io.quern.common.job.AttemptId;
import io.quern.common.job.TaskPhase;
import java.util.Set;

/**
 * One attempt of a task. While RUNNING it is a member of its job's set of running attempts, which it
 * leaves with its first transition, so the scheduler looks at running attempts without a pass over
 * every task. Confined to the scheduler thread.
 */
final class AttemptRun {
    final AttemptId id;
    final String workerId;
    final long startNanos;
    /** A backup (speculative) attempt, started while another attempt of the task still ran. */
    final boolean backup;
    TaskPhase phase;
    private AttemptState state = AttemptState.RUNNING;
    double progress;
    long bytesRead;
    long bytesShuffled;
    long lastProgressNanos;
    private final Set<AttemptRun> runningOfJob;

    /** A running attempt; it joins {@code runningOfJob} until it ends. */
    AttemptRun(AttemptId id, String workerId, long startNanos, boolean backup, Set<AttemptRun> runningOfJob) {
        this.id = id;
        this.workerId = workerId;
        this.startNanos = startNanos;
        this.backup = backup;
        this.lastProgressNanos = startNanos;
        this.runningOfJob = runningOfJob;
        runningOfJob.add(this);
    }

    AttemptState state() {
        return state;
    }

    void moveTo(AttemptState next) {
        state = AttemptState.TRANSITIONS.check(id, state, next);
        if (next != AttemptState.RUNNING) {
            runningOfJob.remove(this);
        }
    }

    boolean isRunning() {
        return state == AttemptState.RUNNING;
    }
}
