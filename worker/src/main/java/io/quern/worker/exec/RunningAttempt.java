package io.quern.worker.exec;

import io.quern.common.job.AttemptProgress;
import io.quern.common.job.TaskAssignment;

/**
 * An attempt in progress. The task thread writes progress; the heartbeat thread reads it; a kill
 * sets a flag the task checks between records (and interrupts blocking I/O). Thread-safe.
 */
final class RunningAttempt {
    final TaskAssignment assignment;
    private volatile boolean killed;
    private volatile Thread thread;
    volatile double progress;
    volatile long bytesRead;
    volatile long bytesShuffled;

    RunningAttempt(TaskAssignment assignment) {
        this.assignment = assignment;
    }

    void bind(Thread t) {
        thread = t;
    }

    void kill() {
        killed = true;
        Thread t = thread;
        if (t != null) {
            t.interrupt();
        }
    }

    boolean isKilled() {
        return killed;
    }

    /** Unwinds the task when its attempt was killed. */
    void checkKilled() {
        if (killed) {
            throw new AttemptKilledException();
        }
    }

    AttemptProgress progress() {
        return new AttemptProgress(assignment.attempt(), progress, bytesRead, bytesShuffled);
    }
}
