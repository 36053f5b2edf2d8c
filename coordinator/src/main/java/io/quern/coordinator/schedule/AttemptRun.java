package io.quern.coordinator.schedule;

import io.quern.common.job.AttemptId;
import io.quern.common.job.TaskPhase;

/** One attempt of a task. Confined to the scheduler thread. */
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

    AttemptRun(AttemptId id, String workerId, long startNanos, boolean backup) {
        this.id = id;
        this.workerId = workerId;
        this.startNanos = startNanos;
        this.backup = backup;
        this.lastProgressNanos = startNanos;
    }

    AttemptState state() {
        return state;
    }

    void moveTo(AttemptState next) {
        state = AttemptState.TRANSITIONS.check(id.toString(), state, next);
    }

    boolean isRunning() {
        return state == AttemptState.RUNNING;
    }
}
