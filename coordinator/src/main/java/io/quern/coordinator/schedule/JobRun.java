package io.quern.coordinator.schedule;

import io.quern.common.job.Counters;
import io.quern.common.job.FileRange;
import io.quern.common.job.JobSpec;
import io.quern.common.job.JobState;
import io.quern.common.job.TaskId;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Set;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ScheduledFuture;

/**
 * One job: its tasks, queues of tasks waiting for a slot, counters of committed attempts and
 * phase timings. Confined to the scheduler thread; the scheduler drives every transition.
 */
final class JobRun {
    private static final Transitions<JobState> TRANSITIONS = Transitions.of(JobState.class)
            .to(JobState.SUCCEEDED, JobState.RUNNING)
            .to(JobState.FAILED, JobState.RUNNING)
            .to(JobState.KILLED, JobState.RUNNING)
            .build();

    final String id;
    final JobSpec spec;
    final TaskRun[] maps;
    final TaskRun[] reduces;
    final Deque<TaskRun> pendingMaps = new ArrayDeque<>();
    final Deque<TaskRun> pendingReduces = new ArrayDeque<>();
    final long submitMillis;
    private JobState state = JobState.RUNNING;
    String diagnostics = "";
    long finishMillis;
    int mapsSucceeded;
    int reducesSucceeded;
    int failedMapAttempts;
    int failedReduceAttempts;
    long mapStartNanos = -1;
    long mapEndNanos = -1;
    long reduceStartNanos = -1;
    long reduceEndNanos = -1;
    /** Sum over committed attempts; a map whose output is lost has its share taken back. */
    private final Map<String, Long> counters = new TreeMap<>();
    private final List<String> events = new ArrayList<>();
    /** Records skipped under --max-skipped-records, as {@code task description}. */
    final List<String> skipped = new ArrayList<>();
    /** Failed attempts per worker, and the workers this job no longer uses because of them. */
    final Map<String, Integer> failuresByWorker = new HashMap<>();
    final Set<String> blacklist = new HashSet<>();
    /** Reduce reports that a map's committed output could not be fetched, per map index. */
    final Map<Integer, Integer> fetchFailureReports = new HashMap<>();
    private final int maxEvents;
    final List<JobListener> listeners = new ArrayList<>(1);
    boolean dirty = true;
    /** Attempts silent for longer than this are abandoned as hung. */
    long taskTimeoutNanos = Long.MAX_VALUE;
    ScheduledFuture<?> deadline;

    JobRun(String id, JobSpec spec, List<List<FileRange>> splits, long submitMillis, int maxEvents) {
        this.id = id;
        this.spec = spec;
        this.submitMillis = submitMillis;
        this.maxEvents = maxEvents;
        maps = new TaskRun[splits.size()];
        for (int i = 0; i < maps.length; i++) {
            maps[i] = new TaskRun(TaskId.map(i), List.copyOf(splits.get(i)));
            pendingMaps.add(maps[i]);
        }
        reduces = new TaskRun[spec.reducers()];
        for (int i = 0; i < reduces.length; i++) {
            reduces[i] = new TaskRun(TaskId.reduce(i), List.of());
            pendingReduces.add(reduces[i]);
        }
    }

    /** The map output partitions a reduce task reads. */
    List<Integer> partitionsOf(TaskRun reduce) {
        int written = io.quern.common.job.EngineConf.partitions(spec);
        List<Integer> out = new ArrayList<>();
        for (int p = reduce.id.index(); p < written; p += reduces.length) {
            out.add(p);
        }
        return out;
    }

    JobState state() {
        return state;
    }

    void moveTo(JobState next) {
        state = TRANSITIONS.check(id, state, next);
    }

    boolean isRunning() {
        return state == JobState.RUNNING;
    }

    /** Puts a PENDING task back in its queue, at the front: retries hold the job back the most. */
    void enqueue(TaskRun task) {
        (task.id.kind() == io.quern.common.job.TaskKind.MAP ? pendingMaps : pendingReduces).addFirst(task);
    }

    boolean mapsDone() {
        return mapsSucceeded == maps.length;
    }

    TaskRun task(TaskId id) {
        TaskRun[] tasks = switch (id.kind()) {
            case MAP -> maps;
            case REDUCE -> reduces;
        };
        return id.index() < tasks.length ? tasks[id.index()] : null;
    }

    void addCounters(Map<String, Long> delta, int sign) {
        for (Map.Entry<String, Long> e : delta.entrySet()) {
            counters.merge(e.getKey(), sign * e.getValue(), Long::sum);
        }
    }

    void event(String text) {
        if (events.size() == maxEvents) {
            events.remove(0);
        }
        events.add(text);
        dirty = true;
    }

    JobSnapshot snapshot(long nowNanos) {
        long read = counters.getOrDefault(Counters.INPUT_BYTES, 0L);
        long shuffled = counters.getOrDefault(Counters.SHUFFLE_BYTES, 0L);
        for (TaskRun t : maps) {
            if (t.state() == TaskState.RUNNING) {
                read += maxRunning(t, true);
            }
        }
        for (TaskRun t : reduces) {
            if (t.state() == TaskState.RUNNING) {
                shuffled += maxRunning(t, false);
            }
        }
        return new JobSnapshot(id, spec.displayName(), state, spec.output(),
                phase(maps, failedMapAttempts, mapStartNanos, mapEndNanos, nowNanos),
                phase(reduces, failedReduceAttempts, reduceStartNanos, reduceEndNanos, nowNanos),
                Map.copyOf(counters), diagnostics, submitMillis, finishMillis, read, shuffled, List.copyOf(events),
                List.copyOf(skipped));
    }

    private static long maxRunning(TaskRun t, boolean read) {
        long best = 0;
        for (AttemptRun a : t.attempts) {
            if (a.isRunning()) {
                best = Math.max(best, read ? a.bytesRead : a.bytesShuffled);
            }
        }
        return best;
    }

    private static PhaseProgress phase(TaskRun[] tasks, int failedAttempts, long start, long end, long now) {
        int pending = 0;
        int running = 0;
        int succeeded = 0;
        double done = 0;
        for (TaskRun t : tasks) {
            switch (t.state()) {
                case PENDING -> pending++;
                case SUCCEEDED -> {
                    succeeded++;
                    done += 1;
                }
                case RUNNING -> {
                    running++;
                    double best = 0;
                    for (AttemptRun a : t.attempts) {
                        if (a.isRunning()) {
                            best = Math.max(best, a.progress);
                        }
                    }
                    done += best;
                }
            }
        }
        double fraction = tasks.length == 0 ? (start >= 0 ? 1 : 0) : done / tasks.length;
        long elapsed = start < 0 ? 0 : ((end >= 0 ? end : now) - start) / 1_000_000;
        return new PhaseProgress(tasks.length, pending, running, succeeded, failedAttempts, fraction, elapsed);
    }
}
