package io.quern.coordinator.schedule;

import io.quern.common.job.AttemptId;
import io.quern.common.job.AttemptProgress;
import io.quern.common.job.AttemptResult;
import io.quern.common.job.FileRange;
import io.quern.common.job.JobSpec;
import io.quern.common.job.JobState;
import io.quern.common.job.MapOutputLocation;
import io.quern.common.job.RecordRef;
import io.quern.common.job.TaskAssignment;
import io.quern.common.job.TaskKind;
import io.quern.common.job.WorkerAddress;
import io.quern.common.lifecycle.Lifecycle;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The single owner of all job, task, attempt and slot state. Every public method hops onto one
 * serial executor, so the state needs no locks and every transition happens in one order.
 * Maps run first; a job's reduces become ready once all its maps have succeeded. Tasks are dealt
 * one at a time round-robin over running jobs and over workers with free slots, idlest first.
 */
public final class Scheduler implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Scheduler.class);
    private static final int MAX_FINISHED_JOBS = 1000;

    private final WorkerGateway gateway;
    private final OutputCommitter committer;
    private final Clock clock;
    private final LongSupplier ticker;
    private final ScheduledExecutorService executor;
    private final SchedulerConfig config;
    private final RandomGenerator random;
    private final Consumer<JobSnapshot> onFinished;
    private final Lifecycle lifecycle = new Lifecycle("scheduler");
    private final Map<String, JobRun> jobs = new LinkedHashMap<>();
    private final Map<String, WorkerSlots> workers = new LinkedHashMap<>();
    private ScheduledFuture<?> progressTick;
    /** The job dealt the last slot; the next deal starts after it, so round-robin holds across dispatches. */
    private String lastServedJob;

    /**
     * @param ticker nanosecond time for deadlines and rates
     * @param executor serial (single-threaded) executor that owns the state
     * @param onFinished called on the scheduler thread with each job's final snapshot
     */
    public Scheduler(WorkerGateway gateway, OutputCommitter committer, Clock clock, LongSupplier ticker,
                     ScheduledExecutorService executor, SchedulerConfig config, RandomGenerator random,
                     Consumer<JobSnapshot> onFinished) {
        this.gateway = gateway;
        this.committer = committer;
        this.clock = clock;
        this.ticker = ticker;
        this.executor = executor;
        this.config = config;
        this.random = random;
        this.onFinished = onFinished;
    }

    public void start() {
        lifecycle.start();
        long every = config.progressInterval().toNanos();
        progressTick = executor.scheduleAtFixedRate(this::publishProgress, every, every, TimeUnit.NANOSECONDS);
    }

    @Override
    public void close() {
        if (lifecycle.close() && progressTick != null) {
            progressTick.cancel(false);
        }
    }

    // ------------------------------------------------------------------ public API (any thread)

    /** Adds a validated job whose output area is set up; its tasks start as slots allow. */
    public CompletableFuture<Void> addJob(String jobId, JobSpec spec, List<List<FileRange>> splits) {
        return run(() -> {
            if (jobs.containsKey(jobId)) {
                throw new IllegalArgumentException("duplicate job id " + jobId);
            }
            JobRun job = new JobRun(jobId, spec, splits, clock.millis(), config.maxEvents());
            jobs.put(jobId, job);
            evictFinishedJobs();
            if (!spec.timeout().isZero()) {
                job.deadline = executor.schedule(() -> {
                    if (job.isRunning()) {
                        endJob(job, JobState.FAILED, "timed out after " + format(spec.timeout()));
                        dispatch();
                    }
                }, spec.timeout().toNanos(), TimeUnit.NANOSECONDS);
            }
            log.info("job {} added: {} map tasks, {} reduce tasks", jobId, job.maps.length, job.reduces.length);
            if (job.maps.length == 0) {
                job.mapStartNanos = job.mapEndNanos = ticker.getAsLong();
            }
            dispatch();
            return null;
        });
    }

    public void workerJoined(WorkerAddress address) {
        run(() -> {
            WorkerSlots old = workers.get(address.workerId());
            if (old != null && old.address.equals(address)) {
                return null;
            }
            if (old != null) {
                lose(old, "re-registered");
            }
            workers.put(address.workerId(), new WorkerSlots(address));
            log.info("worker {} joined at {} with {} slots", address.workerId(), address.hostPort(), address.slots());
            dispatch();
            return null;
        });
    }

    public void workerLost(String workerId) {
        run(() -> {
            WorkerSlots w = workers.get(workerId);
            if (w != null) {
                lose(w, "lost");
                dispatch();
            }
            return null;
        });
    }

    public void attemptEnded(AttemptResult result) {
        run(() -> {
            onAttemptEnded(result);
            dispatch();
            return null;
        });
    }

    /** Records progress; returns the attempts the worker runs that are no longer wanted. */
    public CompletableFuture<List<AttemptId>> heartbeat(String workerId, List<AttemptProgress> running) {
        return run(() -> {
            long now = ticker.getAsLong();
            List<AttemptId> unwanted = new ArrayList<>();
            for (AttemptProgress p : running) {
                AttemptRun a = attempt(p.attempt());
                if (a == null || !a.isRunning() || !a.workerId.equals(workerId)) {
                    unwanted.add(p.attempt());
                    continue;
                }
                if (p.fraction() > a.progress || p.bytesRead() > a.bytesRead || p.bytesShuffled() > a.bytesShuffled) {
                    a.lastProgressNanos = now;
                }
                a.progress = p.fraction();
                a.bytesRead = p.bytesRead();
                a.bytesShuffled = p.bytesShuffled();
                jobs.get(p.attempt().jobId()).dirty = true;
            }
            return unwanted;
        });
    }

    public CompletableFuture<Optional<JobSnapshot>> job(String jobId) {
        return run(() -> Optional.ofNullable(jobs.get(jobId)).map(j -> j.snapshot(ticker.getAsLong())));
    }

    public CompletableFuture<List<JobSnapshot>> jobs() {
        return run(() -> {
            long now = ticker.getAsLong();
            return jobs.values().stream().map(j -> j.snapshot(now)).toList();
        });
    }

    public CompletableFuture<List<WorkerAddress>> workers() {
        return run(() -> workers.values().stream().map(w -> w.address)
                .sorted(Comparator.comparing(WorkerAddress::workerId)).toList());
    }

    /** Kills a running job; empty when the job is unknown. A finished job is returned unchanged. */
    public CompletableFuture<Optional<JobSnapshot>> kill(String jobId) {
        return run(() -> {
            JobRun job = jobs.get(jobId);
            if (job == null) {
                return Optional.empty();
            }
            if (job.isRunning()) {
                endJob(job, JobState.KILLED, "killed");
                dispatch();
            }
            return Optional.of(job.snapshot(ticker.getAsLong()));
        });
    }

    /**
     * Sends the job's snapshot now and as it changes, the terminal one last. False when the job is
     * unknown.
     */
    public CompletableFuture<Boolean> watch(String jobId, JobListener listener) {
        return run(() -> {
            JobRun job = jobs.get(jobId);
            if (job == null) {
                return false;
            }
            listener.onUpdate(job.snapshot(ticker.getAsLong()));
            if (job.isRunning()) {
                job.listeners.add(listener);
            }
            return true;
        });
    }

    public void unwatch(String jobId, JobListener listener) {
        run(() -> {
            JobRun job = jobs.get(jobId);
            if (job != null) {
                job.listeners.remove(listener);
            }
            return null;
        });
    }

    // ------------------------------------------------------------------ event handling (scheduler thread)

    private void onAttemptEnded(AttemptResult r) {
        WorkerSlots w = workers.get(r.workerId());
        if (w != null) {
            w.running.remove(r.attempt());
        }
        JobRun job = jobs.get(r.attempt().jobId());
        AttemptRun a = attempt(r.attempt());
        if (job == null || a == null || !a.isRunning() || !job.isRunning()) {
            // Killed, lost, duplicate, or its job is over: nothing of it may reach the output.
            if (r.outputFile() != null) {
                committer.discardAttempt(r.outputFile());
            }
            return;
        }
        TaskRun task = job.task(r.attempt().task());
        switch (r.outcome()) {
            case SUCCEEDED -> succeeded(job, task, a, r);
            case FAILED -> failed(job, task, a, r.error() == null ? "unknown error" : r.error(), r.badRecord());
            case KILLED -> {
                a.moveTo(AttemptState.KILLED);
                requeueIfIdle(job, task);
            }
        }
    }

    private void succeeded(JobRun job, TaskRun task, AttemptRun a, AttemptResult r) {
        if (task.id.kind() == TaskKind.REDUCE) {
            try {
                committer.commitTask(job.spec, a.id, r.outputFile());
            } catch (IOException | RuntimeException e) {
                failed(job, task, a, "commit of " + a.id + " failed: " + e.getMessage(), null);
                return;
            }
        }
        a.moveTo(AttemptState.SUCCEEDED);
        task.moveTo(TaskState.SUCCEEDED);
        task.committed = a;
        task.counters = r.counters();
        job.addCounters(r.counters(), +1);
        job.dirty = true;
        killOtherAttempts(task, a);
        long now = ticker.getAsLong();
        if (task.id.kind() == TaskKind.MAP) {
            job.mapsSucceeded++;
            if (job.mapsDone()) {
                job.mapEndNanos = now;
            }
        } else {
            job.reducesSucceeded++;
            if (job.reducesSucceeded == job.reduces.length) {
                job.reduceEndNanos = now;
                finishSuccessfully(job);
            }
        }
    }

    /**
     * An attempt failed. With a skip budget, a failure on an identified record does not count towards
     * --max-attempts: the record is retried once, then skipped by every later attempt while the
     * job's budget lasts, and the job fails when it is used up.
     */
    private void failed(JobRun job, TaskRun task, AttemptRun a, String error, RecordRef badRecord) {
        a.moveTo(AttemptState.FAILED);
        task.lastError = error;
        task.lastFailedWorker = a.workerId;
        if (task.id.kind() == TaskKind.MAP) {
            job.failedMapAttempts++;
        } else {
            job.failedReduceAttempts++;
        }
        job.event(a.id.task() + " attempt " + a.id.attempt() + " failed on " + a.workerId + ": " + error);
        log.warn("attempt {} failed on {}: {}", a.id, a.workerId, error);
        int retries;
        if (badRecord != null && job.spec.maxSkippedRecords() > 0) {
            int times = task.badRecordFailures.merge(badRecord, 1, Integer::sum);
            if (times >= 2 && !task.skip.contains(badRecord)) {
                String what = task.id + " " + badRecord.describe();
                if (job.skipped.size() >= job.spec.maxSkippedRecords()) {
                    endJob(job, JobState.FAILED, "record " + what + " failed twice and --max-skipped-records "
                            + job.spec.maxSkippedRecords() + " is used up; last error: " + error);
                    return;
                }
                task.skip.add(badRecord);
                job.skipped.add(what);
                job.event("skipping record " + what + " after it failed twice");
            }
            retries = task.failures + times;
        } else {
            task.failures++;
            retries = task.failures;
            if (task.failures >= job.spec.maxAttempts()) {
                endJob(job, JobState.FAILED, "task " + task.id + " failed " + task.failures
                        + (task.failures == 1 ? " time" : " times") + "; last error: " + error);
                return;
            }
        }
        if (!task.hasRunningAttempt()) {
            task.moveTo(TaskState.PENDING);
            long delay = backoffNanos(retries);
            executor.schedule(() -> {
                if (job.isRunning() && task.state() == TaskState.PENDING) {
                    enqueue(job, task);
                    dispatch();
                }
            }, delay, TimeUnit.NANOSECONDS);
        }
    }

    /** A worker is gone: its running attempts are lost, and so is the map output it held. */
    private void lose(WorkerSlots w, String why) {
        workers.remove(w.id());
        gateway.forget(w.id());
        int lostRunning = 0;
        for (AttemptId id : w.running) {
            AttemptRun a = attempt(id);
            JobRun job = jobs.get(id.jobId());
            if (a != null && a.isRunning() && job != null && job.isRunning()) {
                a.moveTo(AttemptState.LOST);
                requeueIfIdle(job, job.task(id.task()));
                lostRunning++;
            }
        }
        w.running.clear();
        for (JobRun job : jobs.values()) {
            if (job.isRunning() && job.reducesSucceeded < job.reduces.length) {
                rerunMapsOf(job, w.id());
            }
        }
        log.warn("worker {} {}: {} running attempts re-queued", w.id(), why, lostRunning);
    }

    private void rerunMapsOf(JobRun job, String workerId) {
        int rerun = 0;
        for (TaskRun t : job.maps) {
            if (t.state() == TaskState.SUCCEEDED && t.committed.workerId.equals(workerId)) {
                t.committed.moveTo(AttemptState.LOST);
                t.committed = null;
                t.moveTo(TaskState.PENDING);
                job.addCounters(t.counters, -1);
                t.counters = Map.of();
                job.mapsSucceeded--;
                job.mapEndNanos = -1;
                enqueue(job, t);
                rerun++;
            }
        }
        if (rerun == 0) {
            return;
        }
        // Running reduces fetch from every map; they cannot finish until the lost outputs exist again.
        for (TaskRun r : job.reduces) {
            for (AttemptRun a : r.attempts) {
                if (a.isRunning()) {
                    killAttempt(a);
                }
            }
            requeueIfIdle(job, r);
        }
        job.event("worker " + workerId + " lost: " + rerun + " completed map tasks re-run");
    }

    private void finishSuccessfully(JobRun job) {
        try {
            committer.commitJob(job.spec);
        } catch (IOException | RuntimeException e) {
            endJob(job, JobState.FAILED, "job commit failed: " + e.getMessage());
            return;
        }
        endJob(job, JobState.SUCCEEDED, "");
    }

    private void endJob(JobRun job, JobState state, String diagnostics) {
        job.moveTo(state);
        job.diagnostics = diagnostics;
        job.finishMillis = clock.millis();
        if (job.deadline != null) {
            job.deadline.cancel(false);
        }
        for (TaskRun[] tasks : List.of(job.maps, job.reduces)) {
            for (TaskRun t : tasks) {
                for (AttemptRun a : t.attempts) {
                    if (a.isRunning()) {
                        killAttempt(a);
                    }
                }
                if (t.state() == TaskState.RUNNING) {
                    t.moveTo(TaskState.PENDING); // no live attempt is left
                }
            }
        }
        job.pendingMaps.clear();
        job.pendingReduces.clear();
        if (state != JobState.SUCCEEDED) {
            committer.abortJob(job.spec);
        }
        for (WorkerSlots w : workers.values()) {
            gateway.cleanupJob(w.address, job.id);
        }
        log.info("job {} {}{}", job.id, state, diagnostics.isEmpty() ? "" : ": " + diagnostics);
        JobSnapshot last = job.snapshot(ticker.getAsLong());
        for (JobListener l : job.listeners) {
            notifyListener(l, last);
        }
        job.listeners.clear();
        onFinished.accept(last);
    }

    // ------------------------------------------------------------------ assignment

    /** Deals ready tasks to free slots until one of them runs out. */
    private void dispatch() {
        if (workers.isEmpty()) {
            return;
        }
        List<JobRun> all = new ArrayList<>(jobs.values());
        int first = 0;
        for (int i = 0; i < all.size(); i++) {
            if (all.get(i).id.equals(lastServedJob)) {
                first = i + 1;
                break;
            }
        }
        List<JobRun> active = new ArrayList<>();
        for (int k = 0; k < all.size(); k++) {
            JobRun j = all.get((first + k) % all.size());
            if (j.isRunning() && (!j.pendingMaps.isEmpty() || (j.mapsDone() && !j.pendingReduces.isEmpty()))) {
                active.add(j);
            }
        }
        if (active.isEmpty()) {
            return;
        }
        Deque<WorkerSlots> free = new ArrayDeque<>();
        workers.values().stream().filter(w -> w.free() > 0)
                .sorted(Comparator.comparingInt(WorkerSlots::free).reversed()).forEach(free::add);
        boolean assigned = true;
        while (assigned && !free.isEmpty()) {
            assigned = false;
            for (JobRun job : active) {
                if (free.isEmpty()) {
                    break;
                }
                TaskRun task = nextReady(job);
                if (task == null) {
                    continue;
                }
                WorkerSlots w = pick(free, task);
                launch(job, task, w);
                lastServedJob = job.id;
                free.remove(w);
                if (w.free() > 0) {
                    free.addLast(w);
                }
                assigned = true;
            }
        }
    }

    private static TaskRun nextReady(JobRun job) {
        TaskRun t;
        while ((t = job.pendingMaps.poll()) != null) {
            if (t.state() == TaskState.PENDING) {
                return t;
            }
        }
        if (!job.mapsDone()) {
            return null;
        }
        while ((t = job.pendingReduces.poll()) != null) {
            if (t.state() == TaskState.PENDING) {
                return t;
            }
        }
        return null;
    }

    /** The idlest free worker, avoiding the one the task last failed on when there is a choice. */
    private static WorkerSlots pick(Deque<WorkerSlots> free, TaskRun task) {
        if (task.lastFailedWorker != null) {
            for (WorkerSlots w : free) {
                if (!w.id().equals(task.lastFailedWorker)) {
                    return w;
                }
            }
        }
        return free.peekFirst();
    }

    private void launch(JobRun job, TaskRun task, WorkerSlots w) {
        long now = ticker.getAsLong();
        AttemptId id = new AttemptId(job.id, task.id, task.nextAttemptNumber());
        AttemptRun a = new AttemptRun(id, w.id(), now);
        task.attempts.add(a);
        task.moveTo(TaskState.RUNNING);
        w.running.add(id);
        job.dirty = true;
        TaskAssignment assignment;
        if (task.id.kind() == TaskKind.MAP) {
            if (job.mapStartNanos < 0) {
                job.mapStartNanos = now;
            }
            assignment = TaskAssignment.map(id, job.spec, task.ranges, task.skip);
        } else {
            if (job.reduceStartNanos < 0) {
                job.reduceStartNanos = now;
            }
            assignment = TaskAssignment.reduce(id, job.spec, mapOutputs(job), committer.attemptFile(job.spec, id),
                    task.skip);
        }
        log.debug("assign {} to {}", id, w.id());
        gateway.startTask(w.address, assignment).whenCompleteAsync((ok, error) -> {
            if (error != null && a.isRunning() && job.isRunning()) {
                WorkerSlots still = workers.get(a.workerId);
                if (still != null) {
                    still.running.remove(id);
                }
                failed(job, task, a, "could not start on " + a.workerId + ": " + rootMessage(error), null);
                dispatch();
            }
        }, executor);
    }

    private List<MapOutputLocation> mapOutputs(JobRun job) {
        List<MapOutputLocation> out = new ArrayList<>(job.maps.length);
        for (TaskRun m : job.maps) {
            WorkerSlots w = workers.get(m.committed.workerId);
            WorkerAddress addr = w.address;
            out.add(new MapOutputLocation(m.id.index(), m.committed.id.attempt(), addr.workerId(), addr.host(),
                    addr.port()));
        }
        return out;
    }

    // ------------------------------------------------------------------ helpers

    private void killAttempt(AttemptRun a) {
        a.moveTo(AttemptState.KILLED);
        WorkerSlots w = workers.get(a.workerId);
        if (w != null) {
            w.running.remove(a.id);
            gateway.killTask(w.address, a.id);
        }
    }

    private void killOtherAttempts(TaskRun task, AttemptRun winner) {
        for (AttemptRun other : task.attempts) {
            if (other != winner && other.isRunning()) {
                killAttempt(other);
            }
        }
    }

    private void requeueIfIdle(JobRun job, TaskRun task) {
        if (task.state() == TaskState.RUNNING && !task.hasRunningAttempt()) {
            task.moveTo(TaskState.PENDING);
            enqueue(job, task);
        }
    }

    private static void enqueue(JobRun job, TaskRun task) {
        Deque<TaskRun> q = task.id.kind() == TaskKind.MAP ? job.pendingMaps : job.pendingReduces;
        q.addFirst(task); // retries first: they hold the job back the most
    }

    private AttemptRun attempt(AttemptId id) {
        JobRun job = jobs.get(id.jobId());
        TaskRun task = job == null ? null : job.task(id.task());
        return task == null ? null : task.attempt(id.attempt());
    }

    private long backoffNanos(int failures) {
        long base = config.retryBackoff().toNanos();
        long capped = Math.min(config.maxRetryBackoff().toNanos(), base << Math.min(20, failures - 1));
        return (long) (capped * (0.8 + 0.4 * random.nextDouble()));
    }

    private void publishProgress() {
        long now = ticker.getAsLong();
        for (JobRun job : jobs.values()) {
            if (job.dirty && !job.listeners.isEmpty()) {
                JobSnapshot s = job.snapshot(now);
                for (JobListener l : List.copyOf(job.listeners)) {
                    notifyListener(l, s);
                }
            }
            job.dirty = false;
        }
    }

    private static void notifyListener(JobListener l, JobSnapshot s) {
        try {
            l.onUpdate(s);
        } catch (RuntimeException e) {
            log.warn("job listener failed", e);
        }
    }

    private void evictFinishedJobs() {
        int finished = 0;
        for (JobRun j : jobs.values()) {
            finished += j.isRunning() ? 0 : 1;
        }
        Iterator<JobRun> it = jobs.values().iterator();
        while (finished > MAX_FINISHED_JOBS && it.hasNext()) {
            if (!it.next().isRunning()) {
                it.remove();
                finished--;
            }
        }
    }

    private <T> CompletableFuture<T> run(Supplier<T> action) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return action.get();
            } catch (RuntimeException e) {
                log.error("scheduler action failed", e);
                throw e;
            }
        }, executor);
    }

    static String rootMessage(Throwable t) {
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }

    static String format(Duration d) {
        long s = d.toSeconds();
        return s % 60 == 0 && s > 0 ? (s / 60) + "m" : d.toMillis() % 1000 == 0 ? s + "s" : d.toMillis() + "ms";
    }
}
