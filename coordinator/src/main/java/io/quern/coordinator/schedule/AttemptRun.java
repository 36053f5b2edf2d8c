package io.quern.coordinator.schedule;

import io.quern.common.job.AttemptId;

/** One attempt of a task. Confined to the scheduler thread. */
final class AttemptRun {
    final AttemptId id;
    final String workerId;
    final long startNanos;
    private AttemptState state = AttemptState.RUNNING;
    double progress;
    long bytesRead;
    long bytesShuffled;
    long lastProgressNanos;

    AttemptRun(AttemptId id, String workerId, long startNanos) {
        this.id = id;
        this.workerId = workerId;
        this.startNanos = startNanos;
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
