package io.quern.coordinator.schedule;

import static io.quern.coordinator.schedule.SchedulerFixture.BACKOFF;
import static io.quern.coordinator.schedule.SchedulerFixture.map;
import static io.quern.coordinator.schedule.SchedulerFixture.reduce;
import static io.quern.coordinator.schedule.SchedulerFixture.spec;
import static org.assertj.core.api.Assertions.assertThat;

import io.quern.common.job.JobState;
import java.io.IOException;
import java.net.ConnectException;
import java.time.Duration;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

/** Failed attempts: back-off, placement of the retry, and the job failing after --max-attempts. */
class SchedulerRetryTest {
    private static final Duration JUST_BEFORE = Duration.ofNanos(1);

    private final SchedulerFixture f = new SchedulerFixture();

    @Test
    void failedAttempt_isRetriedAfterBackoff_notBefore() {
        f.join("w1", 2);
        f.addJob("j1", 1, 1);

        f.fail(map("j1", 0, 0), "boom");
        f.executor.advance(BACKOFF.minus(JUST_BEFORE));
        assertThat(f.gateway.startedAttempts()).as("started before the back-off of %s passed", BACKOFF)
                .containsExactly(map("j1", 0, 0));
        assertThat(f.snapshot("j1").map().pending()).isEqualTo(1);

        f.executor.advance(JUST_BEFORE);
        assertThat(f.gateway.startedAttempts()).containsExactly(map("j1", 0, 0), map("j1", 0, 1));
        assertThat(f.gateway.start(map("j1", 0, 1)).task().ranges())
                .as("the retry reads the same split").isEqualTo(f.gateway.start(map("j1", 0, 0)).task().ranges());
    }

    @Test
    void backoff_doublesWithEachFailureOfTheTask() {
        f.join("w1", 2);
        f.addJob("j1", 1, 1);
        f.fail(map("j1", 0, 0), "boom");
        f.executor.advance(BACKOFF);
        f.fail(map("j1", 0, 1), "boom");

        Duration second = BACKOFF.multipliedBy(2);
        f.executor.advance(second.minus(JUST_BEFORE));
        assertThat(f.gateway.starts).as("second retry before %s", second).hasSize(2);
        f.executor.advance(JUST_BEFORE);
        assertThat(f.gateway.startedAttempts()).last().isEqualTo(map("j1", 0, 2));
    }

    @Test
    void retry_prefersAnotherWorkerThanTheOneItFailedOn() {
        f.join("w1", 4);
        f.join("w2", 1);
        f.addJob("j1", 1, 1);
        assertThat(f.gateway.start(map("j1", 0, 0)).workerId()).isEqualTo("w1");

        f.fail(map("j1", 0, 0), "bad disk");
        f.executor.advance(BACKOFF);

        assertThat(f.gateway.start(map("j1", 0, 1)).workerId())
                .as("retry avoids w1 although w1 has the most free slots").isEqualTo("w2");
    }

    @Test
    void retry_runsOnTheSameWorkerWhenThereIsNoOther() {
        f.join("w1", 1);
        f.addJob("j1", 1, 1);
        f.fail(map("j1", 0, 0), "boom");
        f.executor.advance(BACKOFF);

        assertThat(f.gateway.start(map("j1", 0, 1)).workerId()).isEqualTo("w1");
    }

    @Test
    void maxAttemptsFailures_failTheJob_killRunningAttempts_abortOutput_neverCommit() {
        f.join("w1", 4);
        f.addJob("j1", spec("j1", 2, 2, Duration.ZERO), 3);

        f.fail(map("j1", 0, 0), "out of memory");
        f.executor.advance(BACKOFF);
        f.fail(map("j1", 0, 1), "disk on fire");

        JobSnapshot s = f.snapshot("j1");
        assertThat(s.state()).isEqualTo(JobState.FAILED);
        assertThat(s.diagnostics()).as("diagnostics name the task and its last error")
                .contains("m-000000").contains("2 times").contains("disk on fire");
        assertThat(s.map().failedAttempts()).isEqualTo(2);
        assertThat(s.map().running()).as("running tasks in the terminal snapshot").isZero();
        assertThat(f.gateway.killedAttempts()).as("the maps still running")
                .containsExactlyInAnyOrder(map("j1", 1, 0), map("j1", 2, 0));
        assertThat(f.committer.calls).containsExactly("abortJob /out/j1");
        assertThat(f.gateway.cleanups).containsExactly(new FakeWorkerGateway.Cleanup("w1", "j1"));
        assertThat(f.finished).extracting(JobSnapshot::state).containsExactly(JobState.FAILED);

        f.executor.advance(Duration.ofMinutes(1));
        assertThat(f.gateway.starts).as("nothing starts for a failed job").hasSize(4);
    }

    @Test
    void failedReduce_isRetried_andFailsTheJobAfterMaxAttempts_withoutCommitJob() {
        f.join("w1", 2);
        f.addJob("j1", spec("j1", 1, 2, Duration.ZERO), 1);
        f.succeed(map("j1", 0, 0));

        f.fail(reduce("j1", 0, 0), "reducer threw");
        f.executor.advance(BACKOFF);
        f.fail(reduce("j1", 0, 1), "reducer threw again");

        JobSnapshot s = f.snapshot("j1");
        assertThat(s.state()).isEqualTo(JobState.FAILED);
        assertThat(s.diagnostics()).contains("r-00000").contains("reducer threw again");
        assertThat(s.reduce().failedAttempts()).isEqualTo(2);
        assertThat(f.committer.count("commitTask")).isZero();
        assertThat(f.committer.count("commitJob")).isZero();
        assertThat(f.committer.count("abortJob")).isEqualTo(1);
    }

    @Test
    void failedAttempt_isRecordedAsAnEventWithItsError() {
        f.join("w1", 1);
        f.addJob("j1", 1, 1);
        f.fail(map("j1", 0, 0), "boom");

        assertThat(f.snapshot("j1").events()).anySatisfy(e ->
                assertThat(e).contains("m-000000").contains("w1").contains("boom"));
    }

    @Test
    void startTaskRpcFailure_countsAsFailedAttempt_andIsRetried() {
        f.join("w1", 1);
        f.join("w2", 1);
        f.addJob("j1", 1, 1);
        assertThat(f.gateway.start(map("j1", 0, 0)).workerId()).isEqualTo("w1");

        f.failStart(map("j1", 0, 0), new CompletionException(new ConnectException("connection refused")));

        JobSnapshot s = f.snapshot("j1");
        assertThat(s.map().failedAttempts()).isEqualTo(1);
        assertThat(s.events()).anySatisfy(e -> assertThat(e).contains("connection refused"));
        assertThat(f.runningOn("w1")).as("the refused attempt holds no slot").isEmpty();

        f.executor.advance(BACKOFF);
        assertThat(f.gateway.start(map("j1", 0, 1)).workerId()).isEqualTo("w2");
    }

    @Test
    void startTaskRpcFailure_lastAttempt_failsTheJobNamingTheCause() {
        f.join("w1", 1);
        f.addJob("j1", spec("j1", 1, 1, Duration.ZERO), 1);

        f.failStart(map("j1", 0, 0), new IOException("worker unreachable"));

        JobSnapshot s = f.snapshot("j1");
        assertThat(s.state()).isEqualTo(JobState.FAILED);
        assertThat(s.diagnostics()).contains("m-000000").contains("could not start").contains("worker unreachable");
        assertThat(f.committer.calls).containsExactly("abortJob /out/j1");
    }

    @Test
    void startTaskSuccess_changesNothing() {
        f.join("w1", 1);
        f.addJob("j1", 1, 1);
        f.gateway.start(map("j1", 0, 0)).reply().complete(null);
        f.executor.runAll();

        JobSnapshot s = f.snapshot("j1");
        assertThat(s.map().running()).isEqualTo(1);
        assertThat(s.map().failedAttempts()).isZero();
    }
}
