package io.quern.coordinator.schedule;

import static io.quern.coordinator.schedule.SchedulerFixture.BACKOFF;
import static io.quern.coordinator.schedule.SchedulerFixture.map;
import static io.quern.coordinator.schedule.SchedulerFixture.reduce;
import static org.assertj.core.api.Assertions.assertThat;

import io.quern.common.job.AttemptOutcome;
import io.quern.common.job.AttemptProgress;
import io.quern.common.job.AttemptResult;
import io.quern.common.job.InputFormat;
import io.quern.common.job.JobSpec;
import io.quern.common.job.JobState;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Hung attempts, unreachable map outputs, blacklisting, and tasks that keep losing their worker. */
class SchedulerFaultTest {
    private final SchedulerFixture f = new SchedulerFixture();

    private static JobSpec spec(Map<String, String> conf, int maxAttempts) {
        return new JobSpec("wordcount", null, null, null, null, null, List.of("/in/j1"), "/out/j1", 2, 1024,
                InputFormat.TEXT, conf, maxAttempts, 0, Duration.ZERO);
    }

    @Test
    void attemptWithoutProgressForTheTaskTimeout_isAbandonedKilledAndRetried() {
        f.join("w1", 1);
        f.join("w2", 1);
        f.addJob("j1", spec(Map.of("quern.task.timeout", "5s"), 4), 2);
        f.heartbeat("w1", new AttemptProgress(map("j1", 0, 0), 0.1, 100, 0));
        f.executor.advance(Duration.ofSeconds(3));
        f.heartbeat("w1", new AttemptProgress(map("j1", 0, 0), 0.1, 100, 0)); // alive, but stuck
        f.heartbeat("w2", new AttemptProgress(map("j1", 1, 0), 0.5, 500, 0)); // w2 keeps making progress
        f.executor.advance(Duration.ofSeconds(3));
        f.heartbeat("w1", new AttemptProgress(map("j1", 0, 0), 0.1, 100, 0));
        f.heartbeat("w2", new AttemptProgress(map("j1", 1, 0), 0.9, 900, 0));

        assertThat(f.gateway.killedAttempts()).as("silent for 6 s > 5 s").containsExactly(map("j1", 0, 0));
        JobSnapshot s = f.snapshot("j1");
        assertThat(s.map().failedAttempts()).isEqualTo(1);
        assertThat(s.events()).anyMatch(e -> e.contains("m-000000 attempt 0 abandoned: no progress"));
        f.succeed(map("j1", 1, 0));
        f.executor.advance(BACKOFF.multipliedBy(2));
        assertThat(f.gateway.start(map("j1", 0, 1)).workerId()).as("retried away from the hung worker")
                .isEqualTo("w2");
    }

    @Test
    void attemptsOfASilentWorker_areLostNotFailed_andTheWorkerGetsNoNewTasksUntilHeardFrom() {
        SchedulerFixture g = new SchedulerFixture(Duration.ofSeconds(2));
        g.join("w1", 1);
        g.join("w2", 1);
        g.addJob("j1", spec(Map.of("quern.task.timeout", "5s"), 1), 3);
        for (int t = 0; t < 6; t++) {
            g.executor.advance(Duration.ofSeconds(1));
            g.heartbeat("w2", new AttemptProgress(map("j1", 1, 0), 0.1 * (t + 1), 100L * (t + 1), 0));
        }

        JobSnapshot s = g.snapshot("j1");
        assertThat(s.state()).as("--max-attempts 1, yet nothing counts as failed").isEqualTo(JobState.RUNNING);
        assertThat(s.map().failedAttempts()).isZero();
        assertThat(s.events()).anyMatch(e -> e.contains("m-000000 attempt 0 lost: w1 silent"));
        g.succeed(map("j1", 1, 0));
        assertThat(g.gateway.start(map("j1", 0, 1)).workerId()).as("silent w1 gets nothing").isEqualTo("w2");
        g.heartbeat("w1");
        assertThat(g.gateway.start(map("j1", 2, 0)).workerId()).as("heard from again, w1 takes work")
                .isEqualTo("w1");
    }

    @Test
    void unreachableWorker_getsTheAttemptBackAsLost_notFailed_andIsSuspended() {
        f.join("w1", 2);
        f.join("w2", 1);
        f.addJob("j1", spec(Map.of(), 1), 2);
        f.failStart(map("j1", 0, 0), new WorkerUnreachableException("w1 unreachable: Connection refused", null));

        JobSnapshot s = f.snapshot("j1");
        assertThat(s.state()).isEqualTo(JobState.RUNNING);
        assertThat(s.map().failedAttempts()).isZero();
        f.succeed(map("j1", 1, 0));
        assertThat(f.gateway.start(map("j1", 0, 1)).workerId())
                .as("the lost attempt is retried, not on the unreachable w1").isEqualTo("w2");
    }

    @Test
    void lateReportOfAnAbandonedAttempt_isDiscarded() {
        f.join("w1", 1);
        f.addJob("j1", spec(Map.of("quern.task.timeout", "2s"), 4), 1);
        f.executor.advance(Duration.ofSeconds(3));

        f.succeed(map("j1", 0, 0));

        assertThat(f.snapshot("j1").map().succeeded()).as("the abandoned attempt cannot commit").isZero();
    }

    @Test
    void mapOutputUnfetchableByTwoReports_isReRun_andTheReduceFailureDoesNotCount() {
        f.join("w1", 2);
        f.join("w2", 2);
        f.addJob("j1", spec(Map.of(), 1), 2);
        f.succeed(map("j1", 0, 0));
        f.succeed(map("j1", 1, 0));
        String holder = f.gateway.start(map("j1", 0, 0)).workerId();

        fetchFailed(reduce("j1", 0, 0), 0, 0);
        assertThat(f.snapshot("j1").map().succeeded()).as("one report may be a passing error").isEqualTo(2);
        fetchFailed(reduce("j1", 1, 0), 0, 0);

        JobSnapshot s = f.snapshot("j1");
        assertThat(s.state()).as("--max-attempts 1, yet fetch failures do not fail reduces").isEqualTo(JobState.RUNNING);
        assertThat(s.map().succeeded()).isEqualTo(1);
        assertThat(f.gateway.startedAttempts()).contains(map("j1", 0, 1));
        assertThat(s.events()).anyMatch(e -> e.contains("m-000000: its output on " + holder + " could not be fetched"));
        f.succeed(map("j1", 0, 1));
        f.executor.advance(Duration.ofSeconds(2));
        assertThat(f.gateway.start(reduce("j1", 0, 1)).task().mapOutputs().get(0).attempt())
                .as("the retried reduce fetches the re-run map's output").isEqualTo(1);
    }

    @Test
    void workerFailingThreeAttemptsOfAJob_isBlacklistedForThatJob() {
        f.join("w1", 4);
        f.join("w2", 1);
        f.addJob("j1", spec(Map.of(), 10), 6);
        List<io.quern.common.job.AttemptId> onW1 = f.gateway.startedAttempts().stream()
                .filter(a -> f.gateway.start(a).workerId().equals("w1")).toList();
        assertThat(onW1).hasSize(4);
        for (int i = 0; i < 3; i++) {
            f.fail(onW1.get(i), "No space left on device");
        }
        f.executor.advance(Duration.ofSeconds(5));

        JobSnapshot s = f.snapshot("j1");
        assertThat(s.events()).anyMatch(e -> e.contains("worker w1 blacklisted for this job after 3 failed attempts"));
        int before = f.gateway.starts.size();
        f.succeed(onW1.get(3)); // frees a w1 slot
        f.executor.advance(Duration.ofSeconds(5));
        assertThat(f.gateway.starts.subList(before, f.gateway.starts.size()))
                .as("no new attempt of j1 goes to w1").allMatch(st -> st.workerId().equals("w2"));
    }

    @Test
    void lastUsableWorker_isNeverBlacklisted() {
        f.join("w1", 1);
        f.addJob("j1", spec(Map.of(), 10), 1);
        for (int a = 0; a < 4; a++) {
            f.fail(map("j1", 0, a), "boom");
            f.executor.advance(Duration.ofSeconds(5));
        }
        assertThat(f.snapshot("j1").events()).noneMatch(e -> e.contains("blacklisted"));
        assertThat(f.gateway.startedAttempts()).contains(map("j1", 0, 4));
    }

    @Test
    void taskLosingItsWorkerAgainAndAgain_eventuallyFailsTheJob() {
        f.addJob("j1", spec(Map.of(), 2), 1);
        int cap = 3 * 2 + 2;
        for (int i = 0; i < cap; i++) {
            f.join("w" + i, 1);
            f.lose("w" + i);
        }
        JobSnapshot s = f.snapshot("j1");
        assertThat(s.state()).isEqualTo(JobState.FAILED);
        assertThat(s.diagnostics()).contains("task m-000000 was lost " + cap + " times");
    }

    private void fetchFailed(io.quern.common.job.AttemptId reduceAttempt, int mapIndex, int mapAttempt) {
        FakeWorkerGateway.Start start = f.gateway.start(reduceAttempt);
        f.scheduler.attemptEnded(new AttemptResult(start.workerId(), reduceAttempt, AttemptOutcome.FAILED, Map.of(),
                "fetch of map " + mapIndex + " failed", List.of(), null, null,
                new AttemptResult.MapOutputRef(mapIndex, mapAttempt)));
        f.executor.runAll();
    }
}
