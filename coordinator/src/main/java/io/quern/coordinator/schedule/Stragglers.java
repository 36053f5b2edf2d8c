package io.quern.coordinator.schedule;

import io.quern.common.job.FileRange;
import io.quern.common.job.TaskKind;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What slots that would otherwise sit idle do about tasks that hold a job back. Works on the
 * scheduler's state, on the scheduler's thread, after every ready task has been placed.
 *
 * <p><b>Map splits</b> (in the spirit of SkewTune): a map that is still making progress but has the
 * most time left is asked to stop at its next record boundary; it commits what it read and reports
 * the unread rest, which becomes new map tasks spread over the free slots. One split per job is in
 * flight at a time; a map that does not answer within {@link StragglerConfig#stopGrace} may get a
 * backup instead.
 *
 * <p><b>Backups</b> (in the spirit of LATE, Zaharia et al., OSDI 2008): each running attempt's
 * progress rate gives its time left, {@code (1 - progress) / rate}. Among the tasks of the current
 * phase whose throughput is below {@link StragglerConfig#slowTaskFactor} of the phase's mean, the one
 * that would finish last gets a backup attempt on the fastest free worker that is not itself slow,
 * provided the backup is expected to finish sooner (the task's bytes at the phase's mean throughput,
 * scaled by the worker's speed). Backups hold at most {@link StragglerConfig#speculativeCap} of all
 * slots. Whichever attempt succeeds first commits; the scheduler kills the other.
 */
final class Stragglers {
    private static final Logger log = LoggerFactory.getLogger(Stragglers.class);

    /** An attempt's progress rate (fraction per second) and the time left at that rate. */
    record Estimate(double rate, double secondsLeft) {}

    /** Starts an attempt of a task on a worker. */
    interface Launcher {
        void launch(JobRun job, TaskRun task, WorkerSlots worker, boolean backup);
    }

    private final Map<String, JobRun> jobsById;
    private final Map<String, WorkerSlots> workers;
    private final FreeSlots free;
    private final StragglerConfig config;
    private final LongSupplier ticker;
    /** The median worker speed, and the {@link FreeSlots#speedVersion} it was computed at. */
    private double medianSpeed;
    private long medianVersion = -1;

    Stragglers(Map<String, JobRun> jobs, Map<String, WorkerSlots> workers, FreeSlots free, StragglerConfig config,
               LongSupplier ticker) {
        this.jobsById = jobs;
        this.workers = workers;
        this.free = free;
        this.config = config;
        this.ticker = ticker;
    }

    static Estimate estimate(AttemptRun a, long nowNanos) {
        double elapsed = (nowNanos - a.startNanos) / 1e9;
        double rate = elapsed > 0 ? a.progress / elapsed : 0;
        double left = rate > 0 ? (1 - a.progress) / rate : Double.POSITIVE_INFINITY;
        return new Estimate(rate, left);
    }

    /** Splits and backups for {@code jobs} (in round-robin order) while {@code free} has slots. */
    void mitigate(List<JobRun> jobs, FreeSlots free, Launcher launcher) {
        long now = ticker.getAsLong();
        int backups = 0;
        for (JobRun job : jobsById.values()) {
            for (AttemptRun a : job.running) {
                backups += a.backup ? 1 : 0;
            }
        }
        int cap = Math.max(1, (int) (config.speculativeCap() * this.free.totalSlots()));
        double slowNode = Double.NaN;
        for (JobRun job : jobs) {
            Collection<AttemptRun> attempts = job.running;
            if (free.isEmpty() || !job.isRunning() || attempts.isEmpty()) {
                continue;
            }
            if (job.splitStragglers && !job.mapsDone() && splitting(job, attempts, now)) {
                continue; // its rest will need the free slots
            }
            if (!job.speculation || backups >= cap) {
                continue;
            }
            if (Double.isNaN(slowNode)) {
                slowNode = config.slowNodeFactor() * medianSpeed();
            }
            for (Candidate c : backupCandidates(job, attempts, now)) {
                if (free.isEmpty() || backups >= cap) {
                    break;
                }
                if (tryBackup(job, c, free, launcher, slowNode)) {
                    backups++;
                }
            }
        }
    }

    // ------------------------------------------------------------------ splits

    /** True while a split of one of the job's maps is in flight (asking for one now if worthwhile). */
    private boolean splitting(JobRun job, Collection<AttemptRun> attempts, long now) {
        TaskRun inFlight = job.splitInFlight;
        if (inFlight != null) {
            if (inFlight.stopRequested() && inFlight.state() == TaskState.RUNNING
                    && now - inFlight.stopRequestedNanos < config.stopGrace().toNanos()) {
                return true;
            }
            job.splitInFlight = null; // answered, or it does not answer: go on without it
        }
        TaskRun best = null;
        AttemptRun bestAttempt = null;
        double bestLeft = config.minSplitTimeLeft().toNanos() / 1e9;
        for (AttemptRun a : attempts) {
            TaskRun t = job.task(a.id.task());
            if (t.id.kind() != TaskKind.MAP || t.stopRequested() || t.soleRunningAttempt() != a
                    || now - a.startNanos < config.minRuntime().toNanos()
                    || now - a.lastProgressNanos > config.stopGrace().toNanos()
                    || a.progress <= 0 || a.progress >= 1 || !splittable(t)
                    || (1 - a.progress) * t.work < 2.0 * config.minSplitBytes()) {
                continue;
            }
            double left = estimate(a, now).secondsLeft();
            if (left > bestLeft) {
                best = t;
                bestAttempt = a;
                bestLeft = left;
            }
        }
        if (best == null) {
            return false;
        }
        WorkerSlots holder = workers.get(bestAttempt.workerId);
        if (holder == null) {
            return false;
        }
        best.stopAsked = bestAttempt;
        best.stopRequestedNanos = now;
        holder.stops.add(bestAttempt.id);
        job.splitInFlight = best;
        job.event(best.id + " attempt " + bestAttempt.id.attempt() + " on " + holder.id()
                + ": asked to hand over the unread rest of its split (about "
                + Math.round((1 - bestAttempt.progress) * best.work / 1e6) + " MB, " + Math.round(bestLeft)
                + " s left)");
        log.info("asking {} on {} to stop early: {} s left", bestAttempt.id, holder.id(), Math.round(bestLeft));
        return true;
    }

    private static boolean splittable(TaskRun t) {
        if (t.ranges.size() > 1) {
            return true;
        }
        for (FileRange r : t.ranges) {
            if (!r.whole()) {
                return true;
            }
        }
        return false;
    }

    // ------------------------------------------------------------------ backups

    private record Candidate(TaskRun task, AttemptRun attempt, double secondsLeft, double typicalThroughput) {}

    /** The job's stragglers that may get a backup, the one expected to finish last first. */
    private List<Candidate> backupCandidates(JobRun job, Collection<AttemptRun> attempts, long now) {
        List<Candidate> out = new ArrayList<>();
        Map<TaskKind, Double> typical = new HashMap<>();
        for (AttemptRun a : attempts) {
            TaskRun t = job.task(a.id.task());
            if (t.state() != TaskState.RUNNING || t.soleRunningAttempt() != a
                    || now - a.startNanos < config.minRuntime().toNanos()
                    || (t.stopRequested() && now - t.stopRequestedNanos < config.stopGrace().toNanos())) {
                continue;
            }
            TaskKind kind = t.id.kind();
            double phaseThroughput = typical.computeIfAbsent(kind, k -> typicalThroughput(job, k, attempts, now));
            if (!(phaseThroughput > 0)) {
                continue; // nothing to compare with yet
            }
            Estimate e = estimate(a, now);
            if (e.rate() * t.work < config.slowTaskFactor() * phaseThroughput) {
                out.add(new Candidate(t, a, e.secondsLeft(), phaseThroughput));
            }
        }
        out.sort(Comparator.comparingDouble(Candidate::secondsLeft).reversed());
        return out;
    }

    /** Mean throughput of the phase's successful attempts, or of its running ones before any succeeded. */
    private double typicalThroughput(JobRun job, TaskKind kind, Collection<AttemptRun> attempts, long now) {
        double mean = job.meanThroughput(kind);
        if (!Double.isNaN(mean)) {
            return mean;
        }
        double sum = 0;
        int n = 0;
        for (AttemptRun a : attempts) {
            TaskRun t = job.task(a.id.task());
            if (t.id.kind() == kind && a.progress > 0 && now - a.startNanos >= config.minRuntime().toNanos()) {
                sum += estimate(a, now).rate() * t.work;
                n++;
            }
        }
        return n == 0 ? Double.NaN : sum / n;
    }

    private boolean tryBackup(JobRun job, Candidate c, FreeSlots free, Launcher launcher, double slowNode) {
        WorkerSlots w = free.take(x -> !job.blacklist.contains(x.id()) && x.speed() >= slowNode
                && !runsAttemptOf(x, c.task()), null);
        if (w == null) {
            return false;
        }
        double backupSeconds = c.task().work / (c.typicalThroughput() * w.speed());
        if (!(c.secondsLeft() > config.backupGain() * backupSeconds)) {
            return false;
        }
        launcher.launch(job, c.task(), w, true);
        job.backupsLaunched++;
        String left = Double.isInfinite(c.secondsLeft()) ? "no progress" : Math.round(c.secondsLeft()) + " s left";
        job.event(c.task().id + ": backup attempt on " + w.id() + " (attempt " + c.attempt().id.attempt() + " on "
                + c.attempt().workerId + ": " + left + "; a backup needs about " + Math.round(backupSeconds) + " s)");
        log.info("backup of {} on {}: original {} ({}), backup ~{} s", c.task().id, w.id(), c.attempt().id, left,
                Math.round(backupSeconds));
        return true;
    }

    private static boolean runsAttemptOf(WorkerSlots w, TaskRun task) {
        for (AttemptRun a : task.attempts) {
            if (a.isRunning() && a.workerId.equals(w.id())) {
                return true;
            }
        }
        return false;
    }

    /** The median speed of workers not suspended; recomputed only after a speed or suspension changed. */
    private double medianSpeed() {
        if (medianVersion == free.speedVersion()) {
            return medianSpeed;
        }
        double[] speeds = new double[workers.size()];
        int n = 0;
        for (WorkerSlots w : workers.values()) {
            if (!w.suspended()) {
                speeds[n++] = w.speed();
            }
        }
        Arrays.sort(speeds, 0, n);
        medianSpeed = n == 0 ? 0 : speeds[n / 2];
        medianVersion = free.speedVersion();
        return medianSpeed;
    }
}
