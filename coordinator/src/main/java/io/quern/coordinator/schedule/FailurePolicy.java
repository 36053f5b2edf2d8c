package io.quern.coordinator.schedule;

import io.quern.common.job.RecordRef;
import java.util.Collection;
import java.util.random.RandomGenerator;

/**
 * Decides what a failed or lost attempt means for its task and job: when to retry (exponential
 * back-off with jitter), when the job fails instead, which records to skip and which workers
 * a job stops using. It updates only the task's and job's failure bookkeeping; the scheduler makes
 * the state transitions. Confined to the scheduler thread.
 */
final class FailurePolicy {
    /** Failed attempts of one job on one worker before the job stops using that worker. */
    static final int BLACKLIST_AFTER = 3;

    /** Why an attempt failed. */
    enum Kind {
        /** The task's own work failed (user code, I/O, a full disk). Counts towards --max-attempts. */
        TASK,
        /** It made no progress for the task timeout. Counts. */
        HUNG,
        /** Its worker refused it or could not be reached. Counts. */
        START,
        /** A reduce could not fetch a map's output: the map's worker is to blame, not the reduce. */
        FETCH
    }

    /** The decision about a failure. */
    sealed interface Verdict permits Retry, FailJob {}

    /** Retry the task once the delay has passed. */
    record Retry(long delayNanos) implements Verdict {}

    /** Fail the job with this one-line diagnostic. */
    record FailJob(String diagnostics) implements Verdict {}

    private final SchedulerConfig config;
    private final RandomGenerator random;

    FailurePolicy(SchedulerConfig config, RandomGenerator random) {
        this.config = config;
        this.random = random;
    }

    /**
     * A failed attempt. With a skip budget, a failure on an identified record does not count
     * towards --max-attempts: the record is tried twice, then skipped by every later attempt
     * while the job's budget lasts, and the job fails when the budget is used up.
     */
    Verdict failed(JobRun job, TaskRun task, String workerId, String error, Kind kind, RecordRef badRecord,
                   Collection<String> liveWorkers) {
        task.lastError = error;
        task.lastFailedWorker = workerId;
        boolean skipping = badRecord != null && job.spec.maxSkippedRecords() > 0;
        if (kind != Kind.FETCH && !skipping) {
            blame(job, workerId, liveWorkers); // a record being skipped is the data's fault, not the worker's
        }
        if (kind == Kind.FETCH) {
            task.fetchFailures++;
            return new Retry(backoffNanos(task.fetchFailures));
        }
        if (skipping) {
            int times = task.badRecordFailures.merge(badRecord, 1, Integer::sum);
            if (times >= 2 && !task.skip.contains(badRecord)) {
                String what = task.id + " " + badRecord.describe();
                if (job.skipped.size() >= job.spec.maxSkippedRecords()) {
                    return new FailJob("record " + what + " failed twice and --max-skipped-records "
                            + job.spec.maxSkippedRecords() + " is used up; last error: " + error);
                }
                task.skip.add(badRecord);
                job.skipped.add(what);
                job.event("skipping record " + what + " after it failed twice");
            }
            return new Retry(backoffNanos(task.failures + times));
        }
        task.failures++;
        if (task.failures >= job.spec.maxAttempts()) {
            return new FailJob("task " + task.id + " failed " + task.failures
                    + (task.failures == 1 ? " time" : " times") + "; last error: " + error);
        }
        return new Retry(backoffNanos(task.failures));
    }

    /**
     * An attempt lost with its worker. Not the task's fault, so it does not count towards
     * --max-attempts; but a task whose every attempt takes its worker down must end some time.
     */
    Verdict lost(JobRun job, TaskRun task, String workerId) {
        task.lost++;
        int cap = 3 * job.spec.maxAttempts() + 2;
        if (task.lost >= cap) {
            return new FailJob("task " + task.id + " was lost " + task.lost + " times (its worker died or was cut "
                    + "off each time; last on " + workerId + ")");
        }
        return new Retry(0);
    }

    /** Counts a failure against the worker; a worker that keeps failing the job's tasks stops getting them. */
    private static void blame(JobRun job, String workerId, Collection<String> liveWorkers) {
        int n = job.failuresByWorker.merge(workerId, 1, Integer::sum);
        if (n < BLACKLIST_AFTER || job.blacklist.contains(workerId)) {
            return;
        }
        boolean anotherLeft = liveWorkers.stream().anyMatch(w -> !w.equals(workerId) && !job.blacklist.contains(w));
        if (anotherLeft) {
            job.blacklist.add(workerId);
            job.event("worker " + workerId + " blacklisted for this job after " + n + " failed attempts");
        }
    }

    long backoffNanos(int failures) {
        long base = config.retryBackoff().toNanos();
        long capped = Math.min(config.maxRetryBackoff().toNanos(), base << Math.min(20, Math.max(0, failures - 1)));
        return (long) (capped * (0.8 + 0.4 * random.nextDouble()));
    }
}
