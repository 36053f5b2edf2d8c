package io.quern.coordinator.schedule;

import io.quern.common.job.FileRange;
import io.quern.common.job.RecordRef;
import io.quern.common.job.TaskId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** One task of a job and its attempts. Confined to the scheduler thread. */
final class TaskRun {
    final TaskId id;
    /** Map tasks: the split (once a map stopped early, only what it read); empty for reduces. */
    List<FileRange> ranges;
    /** The task's size in bytes: its split, or a reduce's share of map output once known (else 1). */
    long work;
    /** The map attempt asked to stop at a record boundary and hand over the rest of its split, and when. */
    AttemptRun stopAsked;
    long stopRequestedNanos;
    /** Whether this map's partition sizes and hot keys were added to the job's (once, by its first success). */
    boolean sizesCounted;
    private TaskState state = TaskState.PENDING;
    final List<AttemptRun> attempts = new ArrayList<>(1);
    /** Failed attempts that count; the job fails when this reaches --max-attempts. */
    int failures;
    /** Attempts lost with their worker (they do not count as failures, up to a cap). */
    int lost;
    /** Reduce attempts that failed because a map's output could not be fetched. */
    int fetchFailures;
    String lastError;
    String lastFailedWorker;
    /** The committed attempt, while SUCCEEDED. */
    AttemptRun committed;
    /** Failures per record whose map/reduce call threw; a record that failed twice is skipped if the job allows. */
    final Map<RecordRef, Integer> badRecordFailures = new HashMap<>(0);
    /** Records every later attempt skips. */
    final List<RecordRef> skip = new ArrayList<>(0);
    /** A committed map's counters, to take back if its output is lost. */
    JobRun.KeptCounters counters = JobRun.KeptCounters.NONE;

    TaskRun(TaskId id, List<FileRange> ranges) {
        this.id = id;
        this.ranges = ranges;
        long bytes = 0;
        for (FileRange r : ranges) {
            bytes += r.length();
        }
        this.work = Math.max(1, bytes);
    }

    /** Whether the attempt asked to stop still runs. */
    boolean stopRequested() {
        return stopAsked != null && stopAsked.isRunning();
    }

    /** The one running attempt, or null when none or several (a backup) run. */
    AttemptRun soleRunningAttempt() {
        AttemptRun only = null;
        for (AttemptRun a : attempts) {
            if (a.isRunning()) {
                if (only != null) {
                    return null;
                }
                only = a;
            }
        }
        return only;
    }

    int runningAttempts() {
        int n = 0;
        for (AttemptRun a : attempts) {
            n += a.isRunning() ? 1 : 0;
        }
        return n;
    }

    TaskState state() {
        return state;
    }

    void moveTo(TaskState next) {
        state = TaskState.TRANSITIONS.check(id, state, next);
    }

    int nextAttemptNumber() {
        return attempts.size();
    }

    boolean hasRunningAttempt() {
        for (AttemptRun a : attempts) {
            if (a.isRunning()) {
                return true;
            }
        }
        return false;
    }

    AttemptRun attempt(int number) {
        return number >= 0 && number < attempts.size() ? attempts.get(number) : null;
    }
}
