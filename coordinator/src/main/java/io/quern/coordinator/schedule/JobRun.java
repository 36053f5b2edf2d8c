package io.quern.coordinator.schedule;

import io.quern.common.job.Counters;
import io.quern.common.job.EngineConf;
import io.quern.common.job.KeyCount;
import io.quern.common.job.MapOutputLocation;
import io.quern.common.job.TaskKind;
import io.quern.common.job.FileRange;
import io.quern.common.job.JobSpec;
import io.quern.common.job.JobState;
import io.quern.common.job.TaskId;
import io.quern.common.security.ShuffleSecret;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
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

    private static final int MAX_HOT_KEYS = 100;
    private static final int REPORTED_HOT_KEYS = 10;
    private static final int REPORTED_PARTITIONS = 5;
    /**
     * Partition sizes a job's maps may report in all (maps x partitions). Beyond it only every
     * {@link #sizeSampleEvery}-th map reports them, so that a map's report stays small however many
     * reducers there are, and the job's partition sizes are estimated from that sample.
     */
    static final long PARTITION_SIZE_BUDGET = 1L << 24;

    final String id;
    final JobSpec spec;
    /** Sent with every assignment of the job; never in a snapshot, an event or a log line. */
    final ShuffleSecret shuffleSecret;
    /** Grows when a straggling map hands the rest of its split to new tasks. */
    final List<TaskRun> maps;
    final TaskRun[] reduces;
    /** Backups allowed ({@code quern.speculation}); stragglers' splits handed over ({@code quern.skew.split}). */
    final boolean speculation;
    final boolean splitStragglers;
    /**
     * Map output bytes per partition, summed over the first success of each map that reports them;
     * scaled up to the whole job when the maps are done if only a sample reported.
     */
    final long[] partitionBytes;
    /** Every this-many-th map (by index) reports its partition sizes; 1: every map, and the sizes are exact. */
    final int sizeSampleEvery;
    /** Maps, and their bytes of input, whose partition sizes were added. */
    int sizedMaps;
    private long sizedWork;
    /** Each reduce task's partitions, dealt by size once all maps are done; null before. */
    int[][] reducePartitions;
    long[] reduceBytes;
    /** The map asked to stop and hand over its rest, until it reports (one at a time per job). */
    TaskRun splitInFlight;
    int backupsLaunched;
    int backupsWon;
    int mapsSplit;
    int splitTasksAdded;
    /** Throughput (bytes of task work per second) of successful attempts, per kind: sum and count. */
    private final double[] throughputSum = new double[2];
    private final int[] throughputCount = new int[2];
    /** Sampled map output key counts of committed maps, pruned to the heaviest. */
    final Map<String, Long> hotKeys = new HashMap<>();
    /** Every attempt of this job now RUNNING, in launch order (attempts leave it themselves). */
    final Set<AttemptRun> running = new LinkedHashSet<>();
    /**
     * Where each map's committed output lives, by map index: the one table every reduce assignment
     * shares. Built when a reduce is placed; dropped (null) whenever a map's committed attempt changes.
     */
    List<MapOutputLocation> mapOutputTable;
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

    JobRun(String id, JobSpec spec, List<List<FileRange>> splits, ShuffleSecret shuffleSecret, long submitMillis,
           int maxEvents) {
        this.id = id;
        this.spec = spec;
        this.shuffleSecret = shuffleSecret;
        this.submitMillis = submitMillis;
        this.maxEvents = maxEvents;
        this.speculation = EngineConf.speculation(spec.conf());
        this.splitStragglers = EngineConf.splitStragglers(spec.conf());
        this.partitionBytes = new long[EngineConf.partitions(spec)];
        long sizes = (long) splits.size() * partitionBytes.length;
        this.sizeSampleEvery = (int) Math.max(1, (sizes + PARTITION_SIZE_BUDGET - 1) / PARTITION_SIZE_BUDGET);
        maps = new ArrayList<>(splits.size());
        for (List<FileRange> split : splits) {
            addMap(split);
        }
        reduces = new TaskRun[spec.reducers()];
        for (int i = 0; i < reduces.length; i++) {
            reduces[i] = new TaskRun(TaskId.reduce(i), List.of());
            pendingReduces.add(reduces[i]);
        }
    }

    /** A new map task over {@code split}, queued at the back. */
    TaskRun addMap(List<FileRange> split) {
        TaskRun t = new TaskRun(TaskId.map(maps.size()), List.copyOf(split));
        maps.add(t);
        pendingMaps.addLast(t);
        return t;
    }

    /** The map output partitions a reduce task reads; dealt when the maps are done. */
    List<Integer> partitionsOf(TaskRun reduce) {
        return Arrays.stream(reducePartitions[reduce.id.index()]).boxed().toList();
    }

    /** Whether attempts of this map report each partition's size (see {@link #PARTITION_SIZE_BUDGET}). */
    boolean reportsPartitionBytes(TaskRun map) {
        return map.id.index() % sizeSampleEvery == 0;
    }

    /** Deals the partitions over the reduce tasks by size; each reduce's work is then its bytes. */
    void balancePartitions() {
        if (sizeSampleEvery > 1 && sizedWork > 0) {
            long work = 0;
            for (TaskRun m : maps) {
                work += m.work;
            }
            double scale = (double) work / sizedWork;
            for (int p = 0; p < partitionBytes.length; p++) {
                partitionBytes[p] = Math.round(partitionBytes[p] * scale);
            }
        }
        reducePartitions = PartitionBalancer.assign(partitionBytes, reduces.length);
        reduceBytes = PartitionBalancer.loads(partitionBytes, reducePartitions);
        for (TaskRun r : reduces) {
            r.work = Math.max(1, reduceBytes[r.id.index()]);
        }
    }

    /** A map's first success: its partition sizes and sampled keys join the job's. */
    void addMapOutput(TaskRun map, List<Long> bytes, List<KeyCount> keys) {
        if (map.sizesCounted) {
            return;
        }
        map.sizesCounted = true;
        if (!bytes.isEmpty()) {
            sizedMaps++;
            sizedWork += map.work;
        }
        int p = 0;
        for (long b : bytes) {
            if (p == partitionBytes.length) {
                break;
            }
            partitionBytes[p++] += b;
        }
        for (KeyCount k : keys) {
            hotKeys.merge(k.key(), k.count(), Long::sum);
        }
        if (hotKeys.size() > MAX_HOT_KEYS * 4) {
            List<Map.Entry<String, Long>> heaviest = heaviestKeys(MAX_HOT_KEYS);
            hotKeys.clear();
            heaviest.forEach(e -> hotKeys.put(e.getKey(), e.getValue()));
        }
    }

    private List<Map.Entry<String, Long>> heaviestKeys(int n) {
        return hotKeys.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .limit(n).map(e -> Map.entry(e.getKey(), e.getValue())).toList();
    }

    /** Records a successful attempt's throughput; returns it relative to its phase's mean so far. */
    double recordThroughput(TaskKind kind, double bytesPerSecond) {
        int k = kind.ordinal();
        throughputSum[k] += bytesPerSecond;
        throughputCount[k]++;
        return bytesPerSecond / (throughputSum[k] / throughputCount[k]);
    }

    /** Mean throughput of successful attempts of this kind, or NaN when none succeeded yet. */
    double meanThroughput(TaskKind kind) {
        int k = kind.ordinal();
        return throughputCount[k] == 0 ? Double.NaN : throughputSum[k] / throughputCount[k];
    }

    /** The tasks of the phase now running: maps until they are all done, then reduces. */
    List<TaskRun> currentPhase() {
        return mapsDone() ? Arrays.asList(reduces) : maps;
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
        (task.id.kind() == TaskKind.MAP ? pendingMaps : pendingReduces).addFirst(task);
    }

    boolean mapsDone() {
        return mapsSucceeded == maps.size();
    }

    TaskRun task(TaskId id) {
        return switch (id.kind()) {
            case MAP -> id.index() < maps.size() ? maps.get(id.index()) : null;
            case REDUCE -> id.index() < reduces.length ? reduces[id.index()] : null;
        };
    }

    void addCounters(Map<String, Long> delta, int sign) {
        for (Map.Entry<String, Long> e : delta.entrySet()) {
            counters.merge(e.getKey(), sign * e.getValue(), Long::sum);
        }
    }

    /**
     * A committed map's counters, kept to take them back if its output is lost: the values in an
     * array beside a names array that maps with the same counters share, about 100 bytes a map
     * rather than a map of boxed values with its own copies of the names (1 KB).
     */
    record KeptCounters(String[] names, long[] values) {
        static final KeptCounters NONE = new KeptCounters(new String[0], new long[0]);
    }

    private String[] lastCounterNames = new String[0];

    KeptCounters keep(Map<String, Long> delta) {
        String[] names = delta.keySet().toArray(new String[0]);
        Arrays.sort(names);
        if (Arrays.equals(names, lastCounterNames)) {
            names = lastCounterNames;
        } else {
            lastCounterNames = names;
        }
        long[] values = new long[names.length];
        for (int i = 0; i < names.length; i++) {
            values[i] = delta.get(names[i]);
        }
        return new KeptCounters(names, values);
    }

    void takeBack(KeptCounters kept) {
        for (int i = 0; i < kept.names().length; i++) {
            counters.merge(kept.names()[i], -kept.values()[i], Long::sum);
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
                phase(Arrays.asList(reduces), failedReduceAttempts, reduceStartNanos, reduceEndNanos, nowNanos),
                Map.copyOf(counters), diagnostics, submitMillis, finishMillis, read, shuffled, List.copyOf(events),
                List.copyOf(skipped), isRunning() ? runningTasks(nowNanos) : List.of(), mitigation());
    }

    private List<JobSnapshot.RunningTask> runningTasks(long now) {
        List<JobSnapshot.RunningTask> out = new ArrayList<>();
        for (TaskRun t : currentPhase()) {
            if (t.state() != TaskState.RUNNING) {
                continue;
            }
            for (AttemptRun a : t.attempts) {
                if (a.isRunning()) {
                    Stragglers.Estimate e = Stragglers.estimate(a, now);
                    long left = Double.isInfinite(e.secondsLeft()) ? -1 : Math.round(e.secondsLeft() * 1000);
                    out.add(new JobSnapshot.RunningTask(a.id.task().toString(), a.id.attempt(), a.workerId, a.phase,
                            a.progress, e.rate(), left, a.backup));
                }
            }
        }
        return out;
    }

    private JobSnapshot.Mitigation mitigation() {
        List<JobSnapshot.PartitionSize> largest = new ArrayList<>();
        Integer[] order = new Integer[partitionBytes.length];
        for (int p = 0; p < order.length; p++) {
            order[p] = p;
        }
        Arrays.sort(order, (a, b) -> Long.compare(partitionBytes[b], partitionBytes[a]));
        for (int i = 0; i < Math.min(REPORTED_PARTITIONS, order.length); i++) {
            largest.add(new JobSnapshot.PartitionSize(order[i], partitionBytes[order[i]]));
        }
        List<KeyCount> keys = heaviestKeys(REPORTED_HOT_KEYS).stream()
                .map(e -> new KeyCount(e.getKey(), e.getValue())).toList();
        List<Long> loads = reduceBytes == null ? List.of() : Arrays.stream(reduceBytes).boxed().toList();
        return new JobSnapshot.Mitigation(speculation, splitStragglers || partitionBytes.length > reduces.length,
                backupsLaunched, backupsWon, mapsSplit,
                splitTasksAdded, partitionBytes.length, loads, largest, keys,
                counters.getOrDefault(Counters.MAP_OUTPUT_RECORDS, 0L));
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

    private static PhaseProgress phase(List<TaskRun> tasks, int failedAttempts, long start, long end, long now) {
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
        double fraction = tasks.isEmpty() ? (start >= 0 ? 1 : 0) : done / tasks.size();
        long elapsed = start < 0 ? 0 : ((end >= 0 ? end : now) - start) / 1_000_000;
        return new PhaseProgress(tasks.size(), pending, running, succeeded, failedAttempts, fraction, elapsed);
    }
}
