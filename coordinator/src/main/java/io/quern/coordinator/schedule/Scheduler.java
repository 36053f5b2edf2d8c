package io.quern.coordinator.schedule;

import io.quern.common.job.AttemptId;
import io.quern.common.job.AttemptProgress;
import io.quern.common.job.AttemptResult;
import io.quern.common.job.FileRange;
import io.quern.common.job.JobSpec;
import io.quern.common.job.JobState;
import io.quern.common.job.RecordRef;
import io.quern.common.job.TaskKind;
import io.quern.common.job.WorkerAddress;
import io.quern.common.lifecycle.Lifecycle;
import io.quern.common.security.ShuffleSecret;
import io.quern.coordinator.split.Remainders;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
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
import io.quern.common.job.EngineConf;
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
    /** Reduce reports that a map output cannot be fetched before that map is re-run. */
    static final int FETCH_FAILURES_TO_RERUN = 2;

    private final WorkerGateway gateway;
    private final OutputCommitter committer;
    private final Clock clock;
    private final LongSupplier ticker;
    private final ScheduledExecutorService executor;
    private final SchedulerConfig config;
    private final FailurePolicy policy;
    private final Dispatcher dispatcher;
    private final Consumer<JobSnapshot> onFinished;
    private final Lifecycle lifecycle = new Lifecycle("scheduler");
    private final Map<String, JobRun> jobs = new LinkedHashMap<>();
    private final Map<String, WorkerSlots> workers = new LinkedHashMap<>();
    /** The live workers with a free slot, ranked; kept up to date by each {@link WorkerSlots}. */
    private final FreeSlots free = new FreeSlots();
    private ScheduledFuture<?> progressTick;
    private ScheduledFuture<?> hangTick;
    private long workerJoins;

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
        this.policy = new FailurePolicy(config, random);
        this.dispatcher = new Dispatcher(jobs, workers, free, gateway, committer, ticker, executor, this::startFailed,
                config.stragglers());
        this.onFinished = onFinished;
    }

    public void start() {
        lifecycle.start();
        long every = config.progressInterval().toNanos();
        progressTick = executor.scheduleAtFixedRate(this::publishProgress, every, every, TimeUnit.NANOSECONDS);
        long hangCheck = config.hangCheckInterval().toNanos();
        hangTick = executor.scheduleAtFixedRate(this::checkForHungAttempts, hangCheck, hangCheck,
                TimeUnit.NANOSECONDS);
    }

    @Override
    public void close() {
        if (lifecycle.close() && progressTick != null) {
            progressTick.cancel(false);
            hangTick.cancel(false);
        }
    }

    // ------------------------------------------------------------------ public API (any thread)

    /** {@link #addJob(String, JobSpec, List, ShuffleSecret)} with a fresh secret. */
    public CompletableFuture<Void> addJob(String jobId, JobSpec spec, List<List<FileRange>> splits) {
        return addJob(jobId, spec, splits, ShuffleSecret.random(new java.security.SecureRandom()));
    }

    /**
     * Adds a validated job whose output area is set up; its tasks start as slots allow, each
     * assignment carrying {@code secret}.
     */
    public CompletableFuture<Void> addJob(String jobId, JobSpec spec, List<List<FileRange>> splits,
                                          ShuffleSecret secret) {
        return run(() -> {
            if (jobs.containsKey(jobId)) {
                throw new IllegalArgumentException("duplicate job id " + jobId);
            }
            JobRun job = new JobRun(jobId, spec, splits, secret, clock.millis(), config.maxEvents());
            job.taskTimeoutNanos = EngineConf.taskTimeout(spec.conf(), config.taskTimeout()).toNanos();
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
            log.info("job {} added: {} map tasks, {} reduce tasks", jobId, job.maps.size(), job.reduces.length);
            if (job.maps.isEmpty()) {
                job.mapStartNanos = job.mapEndNanos = ticker.getAsLong();
                if (spec.isMapOnly()) {
                    finishSuccessfully(job); // no input: nothing to commit but _SUCCESS
                } else {
                    job.balancePartitions();
                }
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
            workers.put(address.workerId(), new WorkerSlots(address, ticker.getAsLong(), ++workerJoins, free));
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

    /**
     * Records progress; returns the attempts the worker runs that are no longer wanted, and the map
     * attempts asked to stop early.
     */
    public CompletableFuture<HeartbeatReply> heartbeat(String workerId, List<AttemptProgress> running) {
        return run(() -> {
            long now = ticker.getAsLong();
            WorkerSlots worker = workers.get(workerId);
            if (worker != null) {
                worker.lastHeardNanos = now;
                if (worker.suspended()) {
                    worker.resume();
                    log.info("worker {} heard from again", workerId);
                    dispatch();
                }
            }
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
                a.phase = p.phase();
                jobs.get(p.attempt().jobId()).dirty = true;
            }
            List<AttemptId> stops = List.of();
            if (worker != null && !worker.stops.isEmpty()) {
                stops = worker.stops.stream().filter(id -> {
                    AttemptRun a = attempt(id);
                    return a != null && a.isRunning();
                }).toList();
                worker.stops.clear();
            }
            return new HeartbeatReply(unwanted, stops);
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
            w.ended(r.attempt());
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
            case FAILED -> {
                String error = r.error() == null ? "unknown error" : r.error();
                if (r.fetchFailure() != null) {
                    failed(job, task, a, error, FailurePolicy.Kind.FETCH, null);
                    fetchFailureReported(job, r.fetchFailure());
                } else {
                    failed(job, task, a, error, FailurePolicy.Kind.TASK, r.badRecord());
                }
            }
            case KILLED -> {
                a.moveTo(AttemptState.KILLED);
                requeueIfIdle(job, task);
            }
        }
    }

    private void succeeded(JobRun job, TaskRun task, AttemptRun a, AttemptResult r) {
        List<FileRange> covered = null;
        if (task.id.kind() == TaskKind.MAP && !r.remainder().isEmpty()) {
            try {
                covered = Remainders.covered(task.ranges, r.remainder());
            } catch (IllegalArgumentException e) {
                failed(job, task, a, "bad remainder: " + e.getMessage(), FailurePolicy.Kind.TASK, null);
                return;
            }
        }
        // A reduce's file, or a map's in a map-only job, becomes its part file before anything else
        // counts the attempt as done; a failed rename leaves the task as it was, to be retried.
        if (task.id.kind() == TaskKind.REDUCE || job.spec.isMapOnly()) {
            try {
                committer.commitTask(job.spec, a.id, r.outputFile());
            } catch (IOException | RuntimeException e) {
                failed(job, task, a, "commit of " + a.id + " failed: " + e.getMessage(), FailurePolicy.Kind.TASK, null);
                return;
            }
        }
        if (covered != null) {
            task.ranges = covered;
            task.work = Math.max(1, Remainders.bytes(task.ranges));
            handOver(job, task, a, r.remainder());
        }
        a.moveTo(AttemptState.SUCCEEDED);
        task.moveTo(TaskState.SUCCEEDED);
        task.committed = a;
        if (task.id.kind() == TaskKind.MAP) {
            task.counters = job.keep(r.counters());
        }
        job.addCounters(r.counters(), +1);
        job.dirty = true;
        killOtherAttempts(task, a);
        long now = ticker.getAsLong();
        observeSpeed(job, task, a, now);
        if (a.backup) {
            job.backupsWon++;
            job.event(task.id + ": backup attempt " + a.id.attempt() + " on " + a.workerId + " won");
        }
        if (task.id.kind() == TaskKind.MAP) {
            job.mapOutputTable = null;
            job.addMapOutput(task, r.partitionBytes(), r.hotKeys());
            job.mapsSucceeded++;
            if (job.mapsDone()) {
                job.mapEndNanos = now;
                if (job.spec.isMapOnly()) {
                    finishSuccessfully(job);
                } else if (job.reducePartitions == null) {
                    balance(job);
                }
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
     * A map stopped early: it committed what it read, and its unread rest becomes new map tasks, cut to
     * fill the free slots (each at least {@link StragglerConfig#minSplitBytes}).
     */
    private void handOver(JobRun job, TaskRun task, AttemptRun a, List<FileRange> rest) {
        long bytes = Remainders.bytes(rest);
        int free = 0;
        for (WorkerSlots w : workers.values()) {
            free += w.free();
        }
        int pieces = (int) Math.max(1, Math.min(Math.max(2, free), bytes / config.stragglers().minSplitBytes()));
        List<List<FileRange>> splits = Remainders.divide(rest, pieces);
        TaskRun firstNew = null;
        TaskRun lastNew = null;
        for (List<FileRange> split : splits) {
            lastNew = job.addMap(split);
            firstNew = firstNew == null ? lastNew : firstNew;
        }
        job.mapsSplit++;
        job.splitTasksAdded += splits.size();
        if (job.splitInFlight == task) {
            job.splitInFlight = null;
        }
        job.mapEndNanos = -1;
        job.event(task.id + " stopped early on " + a.workerId + ": its unread " + Math.round(bytes / 1e6)
                + " MB became " + splits.size() + " new map tasks (" + firstNew.id
                + (splits.size() > 1 ? ".." + lastNew.id : "") + ")");
        log.info("{} handed over {} bytes as {} new map tasks", a.id, bytes, splits.size());
    }

    /** A worker's speed: this attempt's bytes per second against its phase's mean. */
    private void observeSpeed(JobRun job, TaskRun task, AttemptRun a, long now) {
        double seconds = (now - a.startNanos) / 1e9;
        WorkerSlots w = workers.get(a.workerId);
        if (seconds < 0.001 || w == null) {
            return;
        }
        w.observe(job.recordThroughput(task.id.kind(), task.work / seconds));
    }

    /** All maps are done: their partitions are dealt over the reduce tasks by size. */
    private void balance(JobRun job) {
        job.balancePartitions();
        if (job.partitionBytes.length == job.reduces.length) {
            return;
        }
        long max = 0;
        long total = 0;
        for (long b : job.reduceBytes) {
            max = Math.max(max, b);
            total += b;
        }
        long mean = total / job.reduces.length;
        String sample = job.sizeSampleEvery == 1 ? ""
                : " (sizes estimated from the " + job.sizedMaps + " of " + job.maps.size() + " maps that reported them)";
        job.event(job.partitionBytes.length + " partitions dealt to " + job.reduces.length
                + " reduce tasks by size: largest " + max + " bytes, mean " + mean + " bytes" + sample);
    }

    private void failed(JobRun job, TaskRun task, AttemptRun a, String error, FailurePolicy.Kind kind,
                        RecordRef badRecord) {
        a.moveTo(AttemptState.FAILED);
        if (task.id.kind() == TaskKind.MAP) {
            job.failedMapAttempts++;
        } else {
            job.failedReduceAttempts++;
        }
        job.event(a.id.task() + " attempt " + a.id.attempt() + " failed on " + a.workerId + ": " + error);
        log.warn("attempt {} failed on {}: {}", a.id, a.workerId, error);
        apply(job, task, policy.failed(job, task, a.workerId, error, kind, badRecord, workers.keySet()));
    }

    /** Carries out a failure verdict: the job fails, or the task is retried after its back-off. */
    private void apply(JobRun job, TaskRun task, FailurePolicy.Verdict verdict) {
        if (verdict instanceof FailurePolicy.FailJob f) {
            endJob(job, JobState.FAILED, f.diagnostics());
            return;
        }
        long delay = ((FailurePolicy.Retry) verdict).delayNanos();
        if (task.state() != TaskState.RUNNING || task.hasRunningAttempt()) {
            return; // another attempt still runs, or the task already went back to the queue
        }
        task.moveTo(TaskState.PENDING);
        if (delay == 0) {
            job.enqueue(task);
            return;
        }
        executor.schedule(() -> {
            if (job.isRunning() && task.state() == TaskState.PENDING) {
                job.enqueue(task);
                dispatch();
            }
        }, delay, TimeUnit.NANOSECONDS);
    }

    /**
     * A reduce could not fetch a map's committed output. One report may be a passing network error;
     * after {@link #FETCH_FAILURES_TO_RERUN} the output is treated as lost and the map re-run.
     */
    private void fetchFailureReported(JobRun job, AttemptResult.MapOutputRef output) {
        if (!job.isRunning() || output.mapIndex() >= job.maps.size()) {
            return;
        }
        TaskRun map = job.maps.get(output.mapIndex());
        if (map.state() != TaskState.SUCCEEDED || map.committed.id.attempt() != output.attempt()) {
            return; // already being re-run
        }
        int reports = job.fetchFailureReports.merge(output.mapIndex(), 1, Integer::sum);
        if (reports >= FETCH_FAILURES_TO_RERUN) {
            String holder = map.committed.workerId;
            rerunMap(job, map);
            job.fetchFailureReports.remove(output.mapIndex());
            job.event(map.id + ": its output on " + holder + " could not be fetched (" + reports
                    + " reports): re-run");
        }
    }

    /**
     * Silence, checked every second. A worker not heard from for {@link SchedulerConfig#workerSilence}
     * gets no new tasks; once an attempt's job task timeout passes, attempts on a silent worker are
     * lost (the worker's fault, not counted), while an attempt without progress on a worker that
     * still sends heartbeats is hung: killed, and counted as a failure.
     */
    private void checkForHungAttempts() {
        long now = ticker.getAsLong();
        for (WorkerSlots w : workers.values()) {
            long silence = now - w.lastHeardNanos;
            if (silence > config.workerSilence().toNanos() && !w.suspended()) {
                suspend(w, "silent for " + silence / 1_000_000_000 + " s");
            }
        }
        // One pass over the running attempts, straight from each job's set; the few that are overdue
        // are dealt with afterwards, since ending them changes those sets.
        List<AttemptRun> overdue = new ArrayList<>(0);
        for (JobRun job : jobs.values()) {
            if (!job.isRunning()) {
                continue;
            }
            for (AttemptRun a : job.running) {
                WorkerSlots w = workers.get(a.workerId);
                if (w != null && (now - w.lastHeardNanos > job.taskTimeoutNanos
                        || now - a.lastProgressNanos > job.taskTimeoutNanos)) {
                    overdue.add(a);
                }
            }
        }
        for (AttemptRun a : overdue) {
            AttemptId id = a.id;
            JobRun job = jobs.get(id.jobId());
            WorkerSlots w = workers.get(a.workerId);
            if (w == null || !a.isRunning() || !job.isRunning()) {
                continue; // ended by an earlier one (its job failed, say)
            }
            long silence = now - w.lastHeardNanos;
            TaskRun task = job.task(id.task());
            if (silence > job.taskTimeoutNanos) {
                a.moveTo(AttemptState.LOST);
                w.ended(id);
                job.event(id.task() + " attempt " + id.attempt() + " lost: " + w.id() + " silent for "
                        + silence / 1_000_000_000 + " s");
                apply(job, task, policy.lost(job, task, w.id()));
                continue;
            }
            long still = now - a.lastProgressNanos;
            a.moveTo(AttemptState.FAILED);
            w.ended(id);
            gateway.killTask(w.address, id);
            failedHung(job, task, a, "no progress for " + still / 1_000_000_000 + " s on "
                    + a.workerId + " (task timeout " + format(Duration.ofNanos(job.taskTimeoutNanos)) + ")");
        }
        dispatch();
    }

    private void suspend(WorkerSlots w, String why) {
        w.suspend();
        log.warn("worker {} {}: no new tasks until it is heard from", w.id(), why);
    }

    private void failedHung(JobRun job, TaskRun task, AttemptRun a, String error) {
        if (task.id.kind() == TaskKind.MAP) {
            job.failedMapAttempts++;
        } else {
            job.failedReduceAttempts++;
        }
        job.event(a.id.task() + " attempt " + a.id.attempt() + " abandoned: " + error);
        log.warn("attempt {} abandoned: {}", a.id, error);
        apply(job, task, policy.failed(job, task, a.workerId, error, FailurePolicy.Kind.HUNG, null, workers.keySet()));
    }

    /** A worker is gone: its running attempts are lost, and so is the map output it held. */
    private void lose(WorkerSlots w, String why) {
        workers.remove(w.id());
        gateway.forget(w.id());
        List<AttemptId> held = w.runningCopy();
        w.leave();
        int lostRunning = 0;
        for (AttemptId id : held) {
            AttemptRun a = attempt(id);
            JobRun job = jobs.get(id.jobId());
            if (a != null && a.isRunning() && job != null && job.isRunning()) {
                a.moveTo(AttemptState.LOST);
                TaskRun task = job.task(id.task());
                apply(job, task, policy.lost(job, task, w.id()));
                lostRunning++;
            }
        }
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
                rerunMap(job, t);
                rerun++;
            }
        }
        if (rerun > 0) {
            job.event("worker " + workerId + " lost: " + rerun + " completed map tasks re-run");
        }
    }

    /**
     * A succeeded map's output is gone: the map runs again, its counters are taken back, and running
     * reduces (which fetch from every map) are stopped until the output exists again.
     */
    private void rerunMap(JobRun job, TaskRun t) {
        t.committed.moveTo(AttemptState.LOST);
        t.committed = null;
        job.mapOutputTable = null;
        t.moveTo(TaskState.PENDING);
        job.takeBack(t.counters);
        t.counters = JobRun.KeptCounters.NONE;
        job.mapsSucceeded--;
        job.mapEndNanos = -1;
        job.enqueue(t);
        for (TaskRun r : job.reduces) {
            for (AttemptRun a : r.attempts) {
                if (a.isRunning()) {
                    killAttempt(a);
                }
            }
            requeueIfIdle(job, r);
        }
    }

    private void finishSuccessfully(JobRun job) {
        try {
            List<TaskRun> parts = job.spec.isMapOnly() ? job.maps : java.util.Arrays.asList(job.reduces);
            committer.commitJob(job.spec, parts.stream().map(t -> t.id).toList());
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
        for (List<TaskRun> tasks : List.of(job.maps, java.util.Arrays.asList(job.reduces))) {
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

    /** A StartTask call failed: an unreachable worker gets the attempt back as lost; a refusal is a failure. */
    private void startFailed(JobRun job, TaskRun task, AttemptRun a, WorkerAddress target, Throwable error) {
        WorkerSlots still = workers.get(a.workerId);
        if (still != null) {
            still.ended(a.id);
        }
        Throwable cause = error instanceof java.util.concurrent.CompletionException ? error.getCause() : error;
        if (cause instanceof WorkerUnreachableException) {
            // The worker is gone or cut off: hand the attempt back without blaming the task.
            if (still != null && still.address.equals(target)) {
                suspend(still, "at " + target.hostPort() + " could not be reached");
            }
            a.moveTo(AttemptState.LOST);
            apply(job, task, policy.lost(job, task, a.workerId));
        } else {
            failed(job, task, a, "could not start on " + a.workerId + ": " + rootMessage(error),
                    FailurePolicy.Kind.START, null);
        }
        dispatch();
    }

    private void dispatch() {
        dispatcher.dispatch();
    }

    // ------------------------------------------------------------------ helpers

    private void killAttempt(AttemptRun a) {
        a.moveTo(AttemptState.KILLED);
        WorkerSlots w = workers.get(a.workerId);
        if (w != null) {
            w.ended(a.id);
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
            job.enqueue(task);
        }
    }


    private AttemptRun attempt(AttemptId id) {
        JobRun job = jobs.get(id.jobId());
        TaskRun task = job == null ? null : job.task(id.task());
        return task == null ? null : task.attempt(id.attempt());
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
