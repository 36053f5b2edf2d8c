package io.quern.worker.exec;

import io.quern.common.job.AttemptId;
import io.quern.common.job.AttemptOutcome;
import io.quern.common.job.AttemptProgress;
import io.quern.common.job.AttemptResult;
import io.quern.common.job.Compression;
import io.quern.common.job.Counters;
import io.quern.common.job.EngineConf;
import io.quern.common.job.TaskAssignment;
import io.quern.common.job.TaskKind;
import io.quern.common.storage.JobStorage;
import io.quern.common.storage.JobStorages;
import io.quern.worker.compress.BlockCodecs;
import io.quern.worker.compress.CompressionUnavailableException;
import io.quern.worker.shuffle.FetchFailedException;
import io.quern.worker.shuffle.FetchRefusedException;
import io.quern.worker.shuffle.JobSecrets;
import io.quern.worker.shuffle.SegmentFetcher;
import io.quern.worker.storage.DiskQuota;
import io.quern.worker.storage.DiskQuotaExceededException;
import io.quern.worker.storage.LocalStore;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Runs task attempts as threads of this long-lived JVM (never a JVM per task). The coordinator
 * decides how many run at once (the worker's slots), so the pool here does not queue: a killed
 * attempt stuck in user code cannot hold back the next one. Every attempt ends with exactly one
 * report. Thread-safe.
 */
public final class TaskExecutor implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(TaskExecutor.class);

    private final String workerId;
    private final LocalStore store;
    private final DiskQuota quota;
    private final AttemptReporter reporter;
    private final WorkerTuning tuning;
    private final SegmentFetcher fetcher;
    private final JobClasses classes;
    private final JobSecrets secrets;
    private final Map<AttemptId, RunningAttempt> running = new ConcurrentHashMap<>();
    private final Object finished = new Object();
    private volatile boolean draining;
    private final ExecutorService pool = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "task");
        t.setDaemon(true);
        return t;
    });

    /** An executor without a disk quota. */
    public TaskExecutor(String workerId, LocalStore store, JarSource jars, AttemptReporter reporter,
                        WorkerTuning tuning, SegmentFetcher fetcher, JobSecrets secrets) {
        this(workerId, store, new DiskQuota(workerId, DiskQuota.UNLIMITED), jars, reporter, tuning, fetcher, secrets);
    }

    /** @param quota the account of the intermediate data in {@code store}, which every attempt's files count in */
    public TaskExecutor(String workerId, LocalStore store, DiskQuota quota, JarSource jars, AttemptReporter reporter,
                        WorkerTuning tuning, SegmentFetcher fetcher, JobSecrets secrets) {
        this.workerId = workerId;
        this.store = store;
        this.quota = quota;
        this.reporter = reporter;
        this.tuning = tuning;
        this.fetcher = fetcher;
        this.secrets = secrets;
        this.classes = new JobClasses(jars);
    }

    /** Starts an attempt; a repeated request for an attempt already running is ignored. */
    public void start(TaskAssignment assignment) {
        if (draining) {
            reporter.ended(killed(assignment.attempt())); // handed straight back: the worker is stopping
            return;
        }
        RunningAttempt attempt = new RunningAttempt(assignment);
        if (running.putIfAbsent(assignment.attempt(), attempt) != null) {
            return;
        }
        if (assignment.kind() == TaskKind.MAP) {
            // Before the map writes anything, so that no output of the job is ever here unguarded.
            secrets.record(assignment.attempt().jobId(), assignment.shuffleSecret());
        }
        pool.execute(() -> execute(attempt));
    }

    /** Kills an attempt if it runs here; its report says KILLED. */
    public void kill(AttemptId id) {
        RunningAttempt a = running.get(id);
        if (a != null) {
            a.kill();
        }
    }

    /**
     * Asks a map attempt running here to stop at the next record: it then succeeds with the output
     * of what it read and reports the rest of its split as {@link AttemptResult#remainder()}. Ignored
     * for reduces and for attempts not running here (already ended, say).
     */
    public void requestStop(AttemptId id) {
        RunningAttempt a = running.get(id);
        if (a != null && id.task().kind() == TaskKind.MAP) {
            a.requestStop();
        }
    }

    /** The job is over: stops its attempts and deletes its data and class loader. */
    public void cleanupJob(String jobId) {
        for (RunningAttempt a : running.values()) {
            if (a.assignment.attempt().jobId().equals(jobId)) {
                a.kill();
            }
        }
        classes.release(jobId);
        try {
            store.deleteJob(jobId);
        } catch (IOException e) {
            log.warn("cannot delete data of job {}: {}", jobId, e.toString());
        }
        quota.releaseJob(jobId); // what could not be deleted is the disk's to report, not the quota's
        secrets.forget(jobId);
    }

    public List<AttemptProgress> progress() {
        List<AttemptProgress> out = new ArrayList<>(running.size());
        for (RunningAttempt a : running.values()) {
            out.add(a.progress());
        }
        return out;
    }

    public int runningCount() {
        return running.size();
    }

    private void execute(RunningAttempt attempt) {
        AttemptId id = attempt.assignment.attempt();
        Thread self = Thread.currentThread();
        attempt.bind(self);
        self.setName("task " + id);
        MDC.put("job", id.jobId());
        MDC.put("task", id.task().toString());
        MDC.put("attempt", Integer.toString(id.attempt()));
        ClassLoader previousLoader = self.getContextClassLoader();
        long start = System.nanoTime();
        AttemptResult result;
        Path workDir = null;
        try {
            workDir = store.attemptDir(id);
            log.info("attempt {} started", id);
            AttemptContext ctx = new AttemptContext(id, attempt.assignment.job().conf());
            ClassLoader loader = classes.loader(id.jobId(), attempt.assignment.job());
            self.setContextClassLoader(loader);
            WorkerTuning jobTuning = tuning.forJob(attempt.assignment.job().conf(),
                    clamped -> log.warn("attempt {}: {}", id, clamped));
            DiskQuota.Space space = quota.space(id);
            if (!attempt.assignment.job().isMapOnly()) {
                requireCodec(EngineConf.compression(attempt.assignment.job().conf()));
            }
            // Input and output are in the store of the job's output (admission refused any other).
            JobStorage storage = JobStorages.forPath(attempt.assignment.job().output());
            TaskOutput out = id.task().kind() == TaskKind.MAP
                    ? MapTaskRunner.run(attempt, ctx, loader, workDir, jobTuning, space, storage)
                    : ReduceTaskRunner.run(attempt, ctx, loader, workDir, jobTuning, fetcher, space, storage);
            long millis = (System.nanoTime() - start) / 1_000_000;
            Map<String, Long> counters = new java.util.TreeMap<>(out.counters());
            counters.merge(id.task().kind() == TaskKind.MAP ? Counters.MAP_TASK_MILLIS : Counters.REDUCE_TASK_MILLIS,
                    millis, Long::sum);
            if (attempt.isKilled()) {
                result = killed(id);
            } else {
                result = new AttemptResult(workerId, id, AttemptOutcome.SUCCEEDED, counters, null,
                        out.partitionBytes(), out.outputFile(), null, null, out.remainder(), out.hotKeys());
                log.info("attempt {} succeeded in {} ms", id, millis);
            }
        } catch (Throwable t) {
            if (attempt.isKilled()) {
                result = killed(id);
                log.info("attempt {} killed", id);
            } else {
                String message = oneLine(t);
                result = new AttemptResult(workerId, id, AttemptOutcome.FAILED, Map.of(), message, List.of(), null,
                        t instanceof TaskFailedException f ? f.badRecord() : null,
                        t instanceof FetchFailedException f
                                ? new AttemptResult.MapOutputRef(f.location().mapIndex(), f.location().attempt())
                                : null);
                log.warn("attempt {} failed: {}", id, message, t);
            }
        } finally {
            self.setContextClassLoader(previousLoader);
            MDC.clear();
            Thread.interrupted();
            self.setName("task");
        }
        // A map's local output stays for the shuffle, unless the map wrote the job's output (map-only).
        if (result.outcome() != AttemptOutcome.SUCCEEDED || id.task().kind() == TaskKind.REDUCE
                || attempt.assignment.job().isMapOnly()) {
            discard(attempt, workDir, result.outcome() != AttemptOutcome.SUCCEEDED);
        }
        reporter.ended(result);
        running.remove(id);
        synchronized (finished) {
            finished.notifyAll();
        }
    }

    /**
     * Graceful stop: takes no new attempts (each is reported KILLED at once), kills the running ones
     * so that their KILLED reports hand them back to the coordinator, and waits for them to end.
     *
     * @return true if every attempt ended within {@code timeout}
     */
    public boolean drain(Duration timeout) throws InterruptedException {
        draining = true;
        for (RunningAttempt a : running.values()) {
            a.kill();
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (finished) {
            while (!running.isEmpty()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(finished, left);
            }
        }
        return true;
    }

    private AttemptResult killed(AttemptId id) {
        return new AttemptResult(workerId, id, AttemptOutcome.KILLED, Map.of(), null, List.of(), null, null, null);
    }

    /** Removes an attempt's local work, and its partial output file (reduce, map-only map) if it did not succeed. */
    private void discard(RunningAttempt attempt, Path workDir, boolean failed) {
        String partial = attempt.assignment.attemptOutput();
        if (partial != null && failed) {
            deletePartial(partial);
        }
        try {
            if (workDir != null) {
                LocalStore.deleteTree(workDir);
            }
        } catch (IOException e) {
            log.warn("cannot delete {}: {}", workDir, e.toString());
        }
        quota.releaseAttempt(attempt.assignment.attempt());
    }

    /** Deletes a failed or killed attempt's partial output file. */
    static void deletePartial(String file) {
        try {
            JobStorages.forPath(file).delete(file);
        } catch (IOException ignored) {
            // the coordinator removes the whole temporary area at the end of the job
        }
    }

    /** Fails an attempt at its start, with the reason alone, if the job's codec cannot run here. */
    private static void requireCodec(Compression c) throws TaskFailedException {
        try {
            BlockCodecs.check(c);
        } catch (CompressionUnavailableException e) {
            throw new TaskFailedException(e.getMessage(), e);
        }
    }

    static String oneLine(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof DiskQuotaExceededException) {
                t = c; // the quota's message says it all, however deep the writer that hit it
                break;
            }
        }
        String m = t instanceof TaskFailedException || t instanceof FetchRefusedException
                || t instanceof DiskQuotaExceededException ? t.getMessage() : t.toString();
        if (m == null) {
            m = t.getClass().getName();
        }
        m = m.replace('\n', ' ').replace('\r', ' ');
        return m.length() > 500 ? m.substring(0, 500) + "..." : m;
    }

    @Override
    public void close() {
        for (RunningAttempt a : running.values()) {
            a.kill();
        }
        pool.shutdownNow();
        try {
            pool.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        classes.close();
    }
}
