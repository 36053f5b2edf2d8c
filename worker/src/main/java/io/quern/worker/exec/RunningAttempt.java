package io.quern.worker.exec;

import io.quern.common.job.AttemptProgress;
import io.quern.common.job.TaskAssignment;
import io.quern.common.job.TaskKind;
import io.quern.common.job.TaskPhase;
import java.util.function.DoubleSupplier;

/**
 * An attempt in progress. The task thread writes progress and phase, or sets a source of progress
 * when it cannot write it itself (busy in a long call); the heartbeat thread reads them; a kill sets a flag the task checks between records (and interrupts blocking I/O); a stop
 * request sets a flag a map checks between records. Thread-safe.
 */
final class RunningAttempt {
    final TaskAssignment assignment;
    private volatile boolean killed;
    private volatile boolean stopRequested;
    private volatile Thread thread;
    volatile TaskPhase phase;
    /** Of the whole attempt, whatever the phase; unless a {@link #progressFrom source} is set. */
    volatile double progress;
    private volatile DoubleSupplier progressSource;
    volatile long bytesRead;
    volatile long bytesShuffled;

    RunningAttempt(TaskAssignment assignment) {
        this.assignment = assignment;
        this.phase = assignment.kind() == TaskKind.MAP ? TaskPhase.MAP : TaskPhase.SHUFFLE;
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

    /** Asks a map to stop reading at the next record and hand over the rest of its split. */
    void requestStop() {
        stopRequested = true;
    }

    boolean stopRequested() {
        return stopRequested;
    }

    /** From now on the attempt's progress is read from {@code source} (from any thread). */
    void progressFrom(DoubleSupplier source) {
        progressSource = source;
    }

    AttemptProgress progress() {
        DoubleSupplier source = progressSource;
        double fraction = source != null ? source.getAsDouble() : progress;
        return new AttemptProgress(assignment.attempt(), fraction, bytesRead, bytesShuffled, phase);
    }
}
