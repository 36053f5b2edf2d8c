package io.quern.coordinator.schedule;

import io.quern.common.job.AttemptId;
import io.quern.common.job.MapOutputLocation;
import io.quern.common.job.TaskAssignment;
import io.quern.common.job.TaskKind;
import io.quern.common.job.WorkerAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Placement: deals ready tasks to free slots, one at a time, round-robin over running jobs (starting
 * after the job served last) and over workers best first (fast and idle: {@link WorkerSlots#score()}),
 * skipping workers a job has blacklisted and, when there is a choice, the worker a task last failed
 * on; then launches each attempt. A job's reduces become ready only once all its maps have succeeded.
 * Slots still free afterwards go to {@link Stragglers}. Works on the scheduler's state, on the
 * scheduler's thread.
 */
final class Dispatcher {
    private static final Logger log = LoggerFactory.getLogger(Dispatcher.class);

    /** Called on the scheduler thread when a worker refused an attempt or could not be reached. */
    interface StartFailure {
        void startFailed(JobRun job, TaskRun task, AttemptRun attempt, WorkerAddress worker, Throwable error);
    }

    private final Map<String, JobRun> jobs;
    private final Map<String, WorkerSlots> workers;
    private final WorkerGateway gateway;
    private final OutputCommitter committer;
    private final LongSupplier ticker;
    private final Executor executor;
    private final StartFailure onStartFailed;
    private final Stragglers stragglers;
    private final FreeSlots free;
    private final long stragglerCheckNanos;
    /** When stragglers were last looked for, in scheduler nanos. */
    private long lastStragglerCheck;
    private boolean checkedStragglers;
    /** The job dealt the last slot; the next deal starts after it, so round-robin holds across dispatches. */
    private String lastServedJob;

    Dispatcher(Map<String, JobRun> jobs, Map<String, WorkerSlots> workers, FreeSlots free, WorkerGateway gateway,
               OutputCommitter committer, LongSupplier ticker, Executor executor, StartFailure onStartFailed,
               StragglerConfig stragglerConfig) {
        this.jobs = jobs;
        this.free = free;
        this.workers = workers;
        this.gateway = gateway;
        this.committer = committer;
        this.ticker = ticker;
        this.executor = executor;
        this.onStartFailed = onStartFailed;
        this.stragglerCheckNanos = stragglerConfig.checkInterval().toNanos();
        this.stragglers = new Stragglers(jobs, workers, free, stragglerConfig, ticker);
    }

    /** Deals ready tasks to free slots until one of them runs out; then lets idle slots help stragglers. */
    void dispatch() {
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
        List<JobRun> running = new ArrayList<>();
        for (int k = 0; k < all.size(); k++) {
            JobRun j = all.get((first + k) % all.size());
            if (j.isRunning()) {
                running.add(j);
            }
        }
        if (running.isEmpty()) {
            return;
        }
        List<JobRun> active = new ArrayList<>();
        for (JobRun j : running) {
            if (!j.pendingMaps.isEmpty() || (j.mapsDone() && !j.pendingReduces.isEmpty())) {
                active.add(j);
            }
        }
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
                WorkerSlots w = free.take(x -> !job.blacklist.contains(x.id()), task.lastFailedWorker);
                if (w == null) {
                    job.enqueue(task); // every free worker is blacklisted for this job
                    continue;
                }
                launch(job, task, w, false);
                lastServedJob = job.id;
                assigned = true;
            }
        }
        long now = ticker.getAsLong();
        if (!free.isEmpty() && (!checkedStragglers || now - lastStragglerCheck >= stragglerCheckNanos)) {
            // In a job's tail every event frees a slot; looking at every running attempt each time
            // would make each decision O(running attempts). The hang check's dispatch (every second)
            // catches up on a look skipped here.
            checkedStragglers = true;
            lastStragglerCheck = now;
            stragglers.mitigate(running, free, this::launch);
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

    private void launch(JobRun job, TaskRun task, WorkerSlots w, boolean backup) {
        long now = ticker.getAsLong();
        AttemptId id = new AttemptId(job.id, task.id, task.nextAttemptNumber());
        AttemptRun a = new AttemptRun(id, w.id(), now, backup, job.running);
        task.attempts.add(a);
        if (task.state() == TaskState.PENDING) {
            task.moveTo(TaskState.RUNNING); // a backup joins a task that already runs
        }
        w.started(id);
        job.dirty = true;
        TaskAssignment assignment;
        if (task.id.kind() == TaskKind.MAP) {
            if (job.mapStartNanos < 0) {
                job.mapStartNanos = now;
            }
            assignment = TaskAssignment.map(id, job.spec, task.ranges,
                    job.spec.isMapOnly() ? committer.attemptFile(job.spec, id) : null, task.skip,
                    job.reportsPartitionBytes(task), job.shuffleSecret);
        } else {
            if (job.reduceStartNanos < 0) {
                job.reduceStartNanos = now;
            }
            assignment = TaskAssignment.reduce(id, job.spec, job.partitionsOf(task), mapOutputs(job),
                    committer.attemptFile(job.spec, id), task.skip, job.shuffleSecret);
        }
        log.debug("assign {} to {}{}", id, w.id(), backup ? " (backup)" : "");
        gateway.startTask(w.address, assignment).whenCompleteAsync((ok, error) -> {
            if (error != null && a.isRunning() && job.isRunning()) {
                onStartFailed.startFailed(job, task, a, w.address, error);
            }
        }, executor);
    }

    /**
     * The job's table of committed map outputs, built once and shared by every reduce assignment until
     * a map's committed attempt changes: O(maps) per job, not per reduce.
     */
    private List<MapOutputLocation> mapOutputs(JobRun job) {
        if (job.mapOutputTable != null) {
            return job.mapOutputTable;
        }
        List<MapOutputLocation> out = new ArrayList<>(job.maps.size());
        for (TaskRun m : job.maps) {
            WorkerSlots w = workers.get(m.committed.workerId);
            WorkerAddress addr = w.address;
            out.add(new MapOutputLocation(m.id.index(), m.committed.id.attempt(), addr.workerId(), addr.host(),
                    addr.port()));
        }
        job.mapOutputTable = List.copyOf(out); // immutable, so TaskAssignment keeps it without a copy
        return job.mapOutputTable;
    }
}
