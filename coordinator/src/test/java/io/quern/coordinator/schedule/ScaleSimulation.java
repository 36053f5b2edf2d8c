package io.quern.coordinator.schedule;

import io.quern.common.job.AttemptId;
import io.quern.common.job.AttemptOutcome;
import io.quern.common.job.AttemptProgress;
import io.quern.common.job.AttemptResult;
import io.quern.common.job.Counters;
import io.quern.common.job.EngineConf;
import io.quern.common.job.FileRange;
import io.quern.common.job.InputFormat;
import io.quern.common.job.JobSpec;
import io.quern.common.job.KeyCount;
import io.quern.common.job.MapOutputLocation;
import io.quern.common.job.TaskAssignment;
import io.quern.common.job.TaskKind;
import io.quern.common.job.TaskPhase;
import io.quern.common.job.WorkerAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The real {@link Scheduler} driving one job through a cluster of simulated workers, on simulated
 * time. Workers are fake only at the RPC boundary: a {@link WorkerGateway} that "runs" each attempt
 * for a drawn duration, then reports its end through {@link Scheduler#attemptEnded}, and a heartbeat
 * per worker every {@link Setup#heartbeat} carrying the progress of its running attempts, through
 * {@link Scheduler#heartbeat}, as the RPC services do. Kills (from the gateway or a heartbeat reply)
 * stop an attempt, which then reports KILLED, as a worker does.
 *
 * <p>It also checks what a correct scheduler must do: every map's success and every reduce's
 * commit happen once, and every reduce assignment lists, for each map, the worker and attempt whose
 * success the scheduler accepted. A table is checked when it differs (by identity) from the one the
 * previous reduce assignment carried, so sharing one table over all reduce assignments costs one check. Confined to the calling thread.
 */
final class ScaleSimulation {
    private static final long SPLIT_BYTES = 64L << 20;
    private static final int SPLITS_PER_FILE = 16;
    private static final List<String> MAP_COUNTERS = List.of(Counters.INPUT_BYTES, Counters.MAP_INPUT_RECORDS,
            Counters.MAP_OUTPUT_RECORDS, Counters.MAP_OUTPUT_BYTES, Counters.COMBINE_INPUT_RECORDS,
            Counters.COMBINE_OUTPUT_RECORDS, Counters.SPILLED_RECORDS, Counters.MAP_SPILLS, Counters.MAP_TASK_MILLIS);
    private static final List<String> REDUCE_COUNTERS = List.of(Counters.SHUFFLE_BYTES, Counters.REDUCE_INPUT_GROUPS,
            Counters.REDUCE_INPUT_RECORDS, Counters.REDUCE_OUTPUT_RECORDS, Counters.REDUCE_TASK_MILLIS);

    /**
     * @param mapSeconds mean simulated duration of a map attempt; each draws from 0.6..1.4 of it, times its worker's pace
     * @param verifyTables check every distinct map output location table against the accepted map successes
     */
    record Setup(int workers, int slots, int maps, int reduces, Duration heartbeat, double mapSeconds,
                 double reduceSeconds, long seed, boolean verifyTables) {
        Setup {
            if (workers < 1 || slots < 1 || maps < 0 || reduces < 1) {
                throw new IllegalArgumentException("bad simulation shape " + workers + "x" + slots + ", "
                        + maps + " maps, " + reduces + " reduces");
            }
        }
    }

    /** Milestones at which the caller may take measurements (on the simulation thread). */
    interface Observer {
        /** Every map but the last has been accepted; the last map's success is about to be reported. */
        default void lastMapReporting() {}

        /** The dispatch that placed the first wave of reduces has finished. */
        default void reducesAssigned() {}
    }

    /** What happened, as the simulated workers saw it. */
    record Result(JobSnapshot job, long assignments, long mapAssignments, long reduceAssignments, long kills,
                  long heartbeats, long reports, long distinctLocationTables, Duration simulated, long realNanos,
                  List<String> problems) {}

    private final Setup setup;
    private final Observer observer;
    private final ManualScheduledExecutor executor = new ManualScheduledExecutor();
    private final FakeOutputCommitter committer = new FakeOutputCommitter();
    private final SimGateway gateway = new SimGateway();
    private final SplittableRandom random;
    private final List<JobSnapshot> finished = new ArrayList<>();
    private final Scheduler scheduler;
    private final Map<String, SimWorker> workers = new LinkedHashMap<>();
    private final JobSpec spec;
    /** Partition sizes, shared between reports: the scheduler only reads them. */
    private final List<List<Long>> partitionSizes = new ArrayList<>();
    /** Per map: the attempt whose success was reported first (the one the scheduler accepts), and on which worker. */
    private final int[] acceptedAttempt;
    private final String[] acceptedWorker;
    private final int[] mapSuccessReports;
    private final int[] reduceSuccessReports;
    /** The location table checked last (by identity), and how many distinct tables were seen. */
    private List<MapOutputLocation> lastTable;
    private long distinctTables;
    private final List<String> problems = new ArrayList<>();
    private int mapsAccepted;
    private boolean reducesSeen;
    private long assignments;
    private long mapAssignments;
    private long reduceAssignments;
    private long kills;
    private long heartbeats;
    private long reports;

    ScaleSimulation(Setup setup, Observer observer) {
        this.setup = setup;
        this.observer = observer;
        this.random = new SplittableRandom(setup.seed());
        // Splitting stragglers would add map tasks; the job keeps exactly its maps. Backups stay on.
        this.spec = new JobSpec("wordcount", null, null, null, null, null, List.of("/in"), "/out", setup.reduces(),
                SPLIT_BYTES, InputFormat.TEXT, Map.of(EngineConf.SPLIT_STRAGGLERS, "false"), 4, 0, Duration.ZERO);
        int partitions = EngineConf.partitions(spec);
        for (int k = 0; k < 8; k++) {
            List<Long> sizes = new ArrayList<>(partitions);
            for (int p = 0; p < partitions; p++) {
                sizes.add(1000L + random.nextInt(20_000));
            }
            partitionSizes.add(List.copyOf(sizes));
        }
        acceptedAttempt = new int[setup.maps()];
        acceptedWorker = new String[setup.maps()];
        mapSuccessReports = new int[setup.maps()];
        reduceSuccessReports = new int[setup.reduces()];
        java.util.Arrays.fill(acceptedAttempt, -1);
        scheduler = new Scheduler(gateway, committer, executor.clock(), executor::nanoTime, executor,
                SchedulerConfig.defaults(), new SplittableRandom(setup.seed() + 1), finished::add);
    }

    /** Runs the job to its end (at most {@code limit} of simulated time). */
    Result run(Duration limit) {
        long began = System.nanoTime();
        scheduler.start();
        for (int i = 0; i < setup.workers(); i++) {
            SimWorker w = new SimWorker(new WorkerAddress(String.format("w%05d", i), "host-" + i, 7001,
                    setup.slots(), 1), 0.8 + 0.4 * random.nextDouble());
            workers.put(w.address.workerId(), w);
            scheduler.workerJoined(w.address);
            long phase = (long) (random.nextDouble() * setup.heartbeat().toNanos());
            executor.scheduleAtFixedRate(w::heartbeat, phase, setup.heartbeat().toNanos(), TimeUnit.NANOSECONDS);
        }
        executor.runAll();
        List<List<FileRange>> splits = new ArrayList<>(setup.maps());
        String file = null;
        for (int i = 0; i < setup.maps(); i++) {
            if (i % SPLITS_PER_FILE == 0) {
                file = "/in/part-" + (i / SPLITS_PER_FILE);
            }
            splits.add(List.of(new FileRange(file, (i % SPLITS_PER_FILE) * SPLIT_BYTES, SPLIT_BYTES, false)));
        }
        scheduler.addJob("job-0000000001", spec, splits);
        splits = null;
        Duration step = Duration.ofSeconds(1);
        Duration elapsed = Duration.ZERO;
        while (finished.isEmpty() && elapsed.compareTo(limit) < 0) {
            executor.advance(step);
            elapsed = elapsed.plus(step);
        }
        scheduler.close();
        long realNanos = System.nanoTime() - began;
        check();
        JobSnapshot last = finished.isEmpty() ? null : finished.get(0);
        return new Result(last, assignments, mapAssignments, reduceAssignments, kills, heartbeats, reports,
                distinctTables, elapsed, realNanos, List.copyOf(problems));
    }

    private void check() {
        for (int m = 0; m < setup.maps(); m++) {
            if (mapSuccessReports[m] != 1) {
                problems.add("map " + m + " reported success " + mapSuccessReports[m] + " times");
            }
        }
        Map<AttemptId, Integer> commits = new HashMap<>();
        for (AttemptId a : committer.committed) {
            commits.merge(new AttemptId(a.jobId(), a.task(), 0), 1, Integer::sum);
        }
        for (int r = 0; r < setup.reduces(); r++) {
            if (reduceSuccessReports[r] != 1) {
                problems.add("reduce " + r + " reported success " + reduceSuccessReports[r] + " times");
            }
        }
        if (commits.size() != setup.reduces() || commits.values().stream().anyMatch(n -> n != 1)) {
            problems.add("reduce commits: " + committer.committed.size() + " over " + commits.size() + " tasks");
        }
    }

    // ------------------------------------------------------------------ simulated workers

    /** One attempt a simulated worker runs. */
    private static final class SimAttempt {
        final AttemptId id;
        final long startNanos;
        final long endNanos;
        final boolean reportSizes;
        ScheduledFuture<?> end;

        SimAttempt(AttemptId id, long startNanos, long endNanos, boolean reportSizes) {
            this.id = id;
            this.startNanos = startNanos;
            this.endNanos = endNanos;
            this.reportSizes = reportSizes;
        }

        double fraction(long now) {
            return Math.min(1, (double) (now - startNanos) / Math.max(1, endNanos - startNanos));
        }
    }

    private final class SimWorker {
        final WorkerAddress address;
        /** Above 1 slower than typical, below 1 faster. */
        final double pace;
        final Map<AttemptId, SimAttempt> running = new LinkedHashMap<>();

        SimWorker(WorkerAddress address, double pace) {
            this.address = address;
            this.pace = pace;
        }

        void start(TaskAssignment task) {
            double mean = task.kind() == TaskKind.MAP ? setup.mapSeconds() : setup.reduceSeconds();
            double seconds = mean * pace * (0.6 + 0.8 * random.nextDouble());
            long now = executor.nanoTime();
            SimAttempt a = new SimAttempt(task.attempt(), now, now + (long) (seconds * 1e9), task.reportPartitionBytes());
            running.put(a.id, a);
            a.end = executor.schedule(() -> succeed(a), a.endNanos - now, TimeUnit.NANOSECONDS);
        }

        void kill(AttemptId id) {
            SimAttempt a = running.remove(id);
            if (a != null) {
                a.end.cancel(false);
                kills++;
                report(new AttemptResult(address.workerId(), id, AttemptOutcome.KILLED, Map.of(), null, List.of(),
                        null, null, null));
            }
        }

        void heartbeat() {
            long now = executor.nanoTime();
            List<AttemptProgress> progress = new ArrayList<>(running.size());
            for (SimAttempt a : running.values()) {
                double f = a.fraction(now);
                if (a.id.task().kind() == TaskKind.MAP) {
                    progress.add(new AttemptProgress(a.id, f, (long) (f * SPLIT_BYTES), 0, TaskPhase.MAP));
                } else {
                    TaskPhase phase = f < 1.0 / 3 ? TaskPhase.SHUFFLE : f < 2.0 / 3 ? TaskPhase.MERGE : TaskPhase.REDUCE;
                    progress.add(new AttemptProgress(a.id, f, 0, (long) (f * SPLIT_BYTES), phase));
                }
            }
            heartbeats++;
            scheduler.heartbeat(address.workerId(), progress).thenAccept(reply -> {
                for (AttemptId id : reply.kill()) {
                    kill(id);
                }
            });
        }

        void succeed(SimAttempt a) {
            running.remove(a.id);
            int index = a.id.task().index();
            if (a.id.task().kind() == TaskKind.MAP) {
                mapSuccessReports[index]++;
                if (acceptedAttempt[index] < 0) {
                    acceptedAttempt[index] = a.id.attempt();
                    acceptedWorker[index] = address.workerId();
                    if (++mapsAccepted == setup.maps()) {
                        observer.lastMapReporting();
                    }
                }
                List<Long> sizes = a.reportSizes ? partitionSizes.get(index % partitionSizes.size()) : List.of();
                List<KeyCount> keys = new ArrayList<>();
                for (int k = 0; k < 10; k++) {
                    keys.add(new KeyCount(fresh("word" + random.nextInt(50)), 1000 + random.nextInt(1000)));
                }
                report(new AttemptResult(address.workerId(), a.id, AttemptOutcome.SUCCEEDED, counters(MAP_COUNTERS),
                        null, sizes, null, null, null, List.of(), keys));
            } else {
                reduceSuccessReports[index]++;
                report(new AttemptResult(address.workerId(), a.id, AttemptOutcome.SUCCEEDED,
                        counters(REDUCE_COUNTERS), null, List.of(), committer.attemptFile(spec, a.id), null, null));
            }
        }

        void report(AttemptResult r) {
            reports++;
            scheduler.attemptEnded(r);
        }
    }

    /**
     * A report's counters as the RPC layer hands them over: names and values decoded afresh for each
     * message, so the scheduler's memory per map is what a real coordinator's would be.
     */
    private Map<String, Long> counters(List<String> names) {
        Map<String, Long> out = new HashMap<>();
        for (String name : names) {
            out.put(fresh(name), 1000L + random.nextInt(1_000_000));
        }
        return out;
    }

    private static String fresh(String s) {
        return new String(s.toCharArray());
    }

    /** The RPC boundary towards workers: each call lands on a simulated worker. */
    private final class SimGateway implements WorkerGateway {
        @Override
        public CompletableFuture<Void> startTask(WorkerAddress worker, TaskAssignment task) {
            assignments++;
            if (task.kind() == TaskKind.MAP) {
                mapAssignments++;
            } else {
                reduceAssignments++;
                checkLocations(task);
                if (!reducesSeen) {
                    reducesSeen = true;
                    executor.execute(observer::reducesAssigned); // runs once the current dispatch is over
                }
            }
            workers.get(worker.workerId()).start(task);
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public void killTask(WorkerAddress worker, AttemptId attempt) {
            SimWorker w = workers.get(worker.workerId());
            // A worker answers a kill by reporting the attempt KILLED, in a later message.
            executor.execute(() -> w.kill(attempt));
        }

        @Override
        public void cleanupJob(WorkerAddress worker, String jobId) {}

        @Override
        public void forget(String workerId) {}
    }

    private void checkLocations(TaskAssignment task) {
        List<MapOutputLocation> table = task.mapOutputs();
        if (table.size() != setup.maps()) {
            problems.add(task.attempt() + " lists " + table.size() + " map outputs, not " + setup.maps());
            return;
        }
        if (table == lastTable) {
            return;
        }
        lastTable = table;
        distinctTables++;
        if (!setup.verifyTables()) {
            return;
        }
        boolean[] seen = new boolean[setup.maps()];
        for (MapOutputLocation l : table) {
            int m = l.mapIndex();
            if (m >= seen.length || seen[m] || l.attempt() != acceptedAttempt[m]
                    || !l.workerId().equals(acceptedWorker[m])
                    || !l.host().equals(workers.get(l.workerId()).address.host())) {
                problems.add(task.attempt() + ": wrong map output location " + l);
                return;
            }
            seen[m] = true;
        }
    }
}
