package io.quern.coordinator.schedule;

import io.quern.common.job.AttemptId;
import io.quern.common.job.MapOutputLocation;
import io.quern.common.job.TaskAssignment;
import io.quern.common.job.TaskKind;
import io.quern.common.job.WorkerAddress;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Placement: deals ready tasks to free slots, one at a time, round-robin over running jobs (starting
 * after the job served last) and over workers with the most free slots first, skipping workers a job
 * has blacklisted and, when there is a choice, the worker a task last failed on; then launches each
 * attempt. A job's reduces become ready only once all its maps have succeeded. Works on the
 * scheduler's state, on the scheduler's thread.
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
    /** The job dealt the last slot; the next deal starts after it, so round-robin holds across dispatches. */
    private String lastServedJob;

    Dispatcher(Map<String, JobRun> jobs, Map<String, WorkerSlots> workers, WorkerGateway gateway,
               OutputCommitter committer, LongSupplier ticker, Executor executor, StartFailure onStartFailed) {
        this.jobs = jobs;
        this.workers = workers;
        this.gateway = gateway;
        this.committer = committer;
        this.ticker = ticker;
        this.executor = executor;
        this.onStartFailed = onStartFailed;
    }

    /** Deals ready tasks to free slots until one of them runs out. */
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
                WorkerSlots w = pick(free, task, job);
                if (w == null) {
                    job.enqueue(task); // every free worker is blacklisted for this job
                    continue;
                }
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

    /**
     * The idlest free worker the job has not blacklisted, avoiding the one the task last failed on
     * when there is a choice; null when the job may use none of them.
     */
    private static WorkerSlots pick(Deque<WorkerSlots> free, TaskRun task, JobRun job) {
        WorkerSlots fallback = null;
        for (WorkerSlots w : free) {
            if (job.blacklist.contains(w.id())) {
                continue;
            }
            if (task.lastFailedWorker == null || !w.id().equals(task.lastFailedWorker)) {
                return w;
            }
            fallback = w;
        }
        return fallback;
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
            assignment = TaskAssignment.reduce(id, job.spec, job.partitionsOf(task), mapOutputs(job),
                    committer.attemptFile(job.spec, id), task.skip);
        }
        log.debug("assign {} to {}", id, w.id());
        gateway.startTask(w.address, assignment).whenCompleteAsync((ok, error) -> {
            if (error != null && a.isRunning() && job.isRunning()) {
                onStartFailed.startFailed(job, task, a, w.address, error);
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
}
