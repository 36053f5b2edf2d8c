package io.quern.coordinator.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import io.quern.common.job.AttemptId;
import io.quern.common.job.AttemptOutcome;
import io.quern.common.job.AttemptProgress;
import io.quern.common.job.AttemptResult;
import io.quern.common.job.RecordRef;
import io.quern.common.job.FileRange;
import io.quern.common.job.InputFormat;
import io.quern.common.job.JobSpec;
import io.quern.common.job.TaskId;
import io.quern.common.job.TaskKind;
import io.quern.common.job.WorkerAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.random.RandomGenerator;

/**
 * A {@link Scheduler} wired to a {@link ManualScheduledExecutor}, a {@link FakeWorkerGateway} and a
 * {@link FakeOutputCommitter}, with short-hands for what workers and clients do. Every action runs the
 * executor until it is idle, so its effects are visible when the call returns.
 */
final class SchedulerFixture {
    static final Duration BACKOFF = Duration.ofMillis(100);
    static final Duration MAX_BACKOFF = Duration.ofSeconds(1);
    /** Long, so that only the tests about hung attempts ever reach it. */
    static final Duration TASK_TIMEOUT = Duration.ofHours(1);
    static final Duration HANG_CHECK = Duration.ofSeconds(1);
    static final Duration PROGRESS_INTERVAL = Duration.ofMillis(250);

    final ManualScheduledExecutor executor = new ManualScheduledExecutor();
    final FakeWorkerGateway gateway = new FakeWorkerGateway();
    final FakeOutputCommitter committer = new FakeOutputCommitter();
    /** What the scheduler's onFinished callback received. */
    final List<JobSnapshot> finished = new ArrayList<>();
    final Scheduler scheduler;

    /** Attempts the fixture reported as ended (or whose start failed), as a worker would see them. */
    private final Set<AttemptId> ended = new HashSet<>();
    /** Per worker id: how many starts had been made when it last joined; earlier ones belong to an old incarnation. */
    private final Map<String, Integer> joinedAtStart = new HashMap<>();
    private long joins;

    SchedulerFixture() {
        this(TASK_TIMEOUT);
    }

    /** @param workerSilence how long a worker may go without heartbeats before it gets no new tasks */
    SchedulerFixture(Duration workerSilence) {
        scheduler = new Scheduler(gateway, committer, executor.clock(), executor::nanoTime, executor,
                new SchedulerConfig(BACKOFF, MAX_BACKOFF, PROGRESS_INTERVAL, 50, TASK_TIMEOUT, HANG_CHECK,
                        workerSilence),
                new MidpointRandom(),
                finished::add);
        scheduler.start();
    }

    // ------------------------------------------------------------------ jobs and workers

    static JobSpec spec(String jobId, int reducers) {
        return spec(jobId, reducers, JobSpec.DEFAULT_MAX_ATTEMPTS, Duration.ZERO);
    }

    static JobSpec spec(String jobId, int reducers, int maxAttempts, Duration timeout) {
        return new JobSpec("wordcount", null, null, null, null, null, List.of("/in/" + jobId), "/out/" + jobId,
                reducers, 1024, InputFormat.TEXT, Map.of(), maxAttempts, 0, timeout);
    }

    void addJob(String jobId, int maps, int reducers) {
        addJob(jobId, spec(jobId, reducers), maps);
    }

    void addJob(String jobId, JobSpec spec, int maps) {
        List<List<FileRange>> splits = new ArrayList<>();
        for (int i = 0; i < maps; i++) {
            splits.add(List.of(new FileRange("/in/" + jobId + "/part-" + i, 0, 1000, false)));
        }
        done(scheduler.addJob(jobId, spec, splits));
    }

    void addJob(String jobId, JobSpec spec, List<List<FileRange>> splits) {
        done(scheduler.addJob(jobId, spec, splits));
    }

    WorkerAddress join(String workerId, int slots) {
        WorkerAddress address = new WorkerAddress(workerId, "host-" + workerId, 7001, slots, ++joins);
        joinedAtStart.put(workerId, gateway.starts.size());
        scheduler.workerJoined(address);
        executor.runAll();
        return address;
    }

    void lose(String workerId) {
        scheduler.workerLost(workerId);
        executor.runAll();
    }

    JobSnapshot snapshot(String jobId) {
        return done(scheduler.job(jobId)).orElseThrow(() -> new AssertionError("no job " + jobId));
    }

    /** Watches a job; the returned list fills with every snapshot the listener gets. */
    List<JobSnapshot> watch(String jobId, List<JobSnapshot> into) {
        assertThat(done(scheduler.watch(jobId, into::add))).as("watch(%s) found the job", jobId).isTrue();
        return into;
    }

    void tick() {
        executor.advance(PROGRESS_INTERVAL);
    }

    // ------------------------------------------------------------------ what workers report

    static AttemptId map(String jobId, int index, int attempt) {
        return new AttemptId(jobId, TaskId.map(index), attempt);
    }

    static AttemptId reduce(String jobId, int index, int attempt) {
        return new AttemptId(jobId, TaskId.reduce(index), attempt);
    }

    void succeed(AttemptId attempt) {
        succeed(attempt, Map.of());
    }

    void succeed(AttemptId attempt, Map<String, Long> counters) {
        report(attempt, AttemptOutcome.SUCCEEDED, counters, null);
    }

    /** A map attempt succeeds with these partition sizes, having left {@code remainder} unread. */
    void succeedMap(AttemptId attempt, List<Long> partitionBytes, List<FileRange> remainder) {
        FakeWorkerGateway.Start start = gateway.start(attempt);
        ended.add(attempt);
        String file = start.task().job().isMapOnly() ? committer.attemptFile(start.task().job(), attempt) : null;
        scheduler.attemptEnded(new AttemptResult(start.workerId(), attempt, AttemptOutcome.SUCCEEDED, Map.of(), null,
                partitionBytes, file, null, null, remainder, List.of()));
        executor.runAll();
    }

    void fail(AttemptId attempt, String error) {
        report(attempt, AttemptOutcome.FAILED, Map.of(), error);
    }

    /** The worker the attempt was started on reports its end; a reduce names its attempt file. */
    void report(AttemptId attempt, AttemptOutcome outcome, Map<String, Long> counters, String error) {
        report(attempt, outcome, counters, error, null);
    }

    /** The attempt failed on a record whose map/reduce call threw. */
    void failOnRecord(AttemptId attempt, RecordRef record) {
        report(attempt, AttemptOutcome.FAILED, Map.of(), "mapper threw on " + record.describe(), record);
    }

    void report(AttemptId attempt, AttemptOutcome outcome, Map<String, Long> counters, String error,
                RecordRef badRecord) {
        FakeWorkerGateway.Start start = gateway.start(attempt);
        String file = attempt.task().kind() == TaskKind.REDUCE || start.task().job().isMapOnly()
                ? committer.attemptFile(start.task().job(), attempt) : null;
        ended.add(attempt);
        scheduler.attemptEnded(new AttemptResult(start.workerId(), attempt, outcome, counters, error, List.of(),
                file, badRecord, null));
        executor.runAll();
    }

    /** The worker refuses (or cannot be reached for) the start of this attempt. */
    void failStart(AttemptId attempt, Throwable error) {
        ended.add(attempt);
        gateway.start(attempt).reply().completeExceptionally(error);
        executor.runAll();
    }

    /** The attempts the scheduler no longer wants. */
    List<AttemptId> heartbeat(String workerId, AttemptProgress... running) {
        return heartbeatReply(workerId, running).kill();
    }

    HeartbeatReply heartbeatReply(String workerId, AttemptProgress... running) {
        return done(scheduler.heartbeat(workerId, List.of(running)));
    }

    // ------------------------------------------------------------------ what the scheduler did

    /** Attempts placed on the worker's current incarnation that were neither reported, refused nor killed. */
    List<AttemptId> runningOn(String workerId) {
        Set<AttemptId> killed = new HashSet<>(gateway.killedAttempts());
        List<FakeWorkerGateway.Start> starts = gateway.starts;
        return starts.subList(joinedAtStart.getOrDefault(workerId, 0), starts.size()).stream()
                .filter(s -> s.workerId().equals(workerId))
                .map(FakeWorkerGateway.Start::attempt)
                .filter(a -> !ended.contains(a) && !killed.contains(a))
                .toList();
    }

    /** Starts made since {@code mark} (a earlier {@code gateway.starts.size()}). */
    List<FakeWorkerGateway.Start> startsSince(int mark) {
        return List.copyOf(gateway.starts.subList(mark, gateway.starts.size()));
    }

    List<AttemptId> attemptsSince(int mark) {
        return startsSince(mark).stream().map(FakeWorkerGateway.Start::attempt).toList();
    }

    /** Runs the executor and returns the future's value, which must be there by then. */
    <T> T done(CompletableFuture<T> future) {
        executor.runAll();
        assertThat(future).as("scheduler call completed on the executor").isDone();
        return future.join();
    }

    /** Jitter factor exactly 1: {@code 0.8 + 0.4 * 0.5}. */
    private static final class MidpointRandom implements RandomGenerator {
        @Override
        public long nextLong() {
            return 0;
        }

        @Override
        public double nextDouble() {
            return 0.5;
        }
    }
}
