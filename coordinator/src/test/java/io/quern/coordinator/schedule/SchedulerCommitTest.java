package io.quern.coordinator.schedule;

import static io.quern.coordinator.schedule.SchedulerFixture.BACKOFF;
import static io.quern.coordinator.schedule.SchedulerFixture.map;
import static io.quern.coordinator.schedule.SchedulerFixture.reduce;
import static org.assertj.core.api.Assertions.assertThat;

import io.quern.common.job.AttemptOutcome;
import io.quern.common.job.AttemptResult;
import io.quern.common.job.JobState;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The exactly-once output protocol and counters of committed attempts only. */
class SchedulerCommitTest {
    private final SchedulerFixture f = new SchedulerFixture();

    @Test
    void duplicateSuccessReport_ofCommittedReduce_isDiscarded_andTaskCommittedOnce() {
        f.join("w1", 4);
        f.addJob("j1", 1, 2);
        f.succeed(map("j1", 0, 0));

        f.succeed(reduce("j1", 0, 0), Map.of("reduce.output.records", 7L));
        f.succeed(reduce("j1", 0, 0), Map.of("reduce.output.records", 7L));

        assertThat(f.committer.committed).containsExactly(reduce("j1", 0, 0));
        assertThat(f.committer.discarded).containsExactly("/out/j1/_temporary/" + reduce("j1", 0, 0));
        assertThat(f.snapshot("j1").counters()).as("the duplicate adds nothing")
                .containsEntry("reduce.output.records", 7L);
        assertThat(f.snapshot("j1").reduce().succeeded()).isEqualTo(1);
    }

    @Test
    void duplicateSuccessReport_afterJobSucceeded_isDiscarded_andCommitsNothingMore() {
        f.join("w1", 4);
        f.addJob("j1", 0, 1);
        f.succeed(reduce("j1", 0, 0));
        f.succeed(reduce("j1", 0, 0));

        assertThat(f.committer.calls).containsExactly(
                "commitTask " + reduce("j1", 0, 0),
                "commitJob /out/j1",
                "discardAttempt /out/j1/_temporary/" + reduce("j1", 0, 0));
    }

    @Test
    void eachReduceTask_isCommittedExactlyOnce_andCommitJobComesLast() {
        f.join("w1", 4);
        f.addJob("j1", 2, 3);
        f.succeed(map("j1", 0, 0));
        f.succeed(map("j1", 1, 0));
        f.succeed(reduce("j1", 2, 0));
        f.fail(reduce("j1", 0, 0), "boom");
        f.succeed(reduce("j1", 1, 0));
        f.executor.advance(BACKOFF);
        f.succeed(reduce("j1", 0, 1));

        assertThat(f.committer.committed)
                .containsExactly(reduce("j1", 2, 0), reduce("j1", 1, 0), reduce("j1", 0, 1));
        assertThat(f.committer.calls).last().isEqualTo("commitJob /out/j1");
        assertThat(f.committer.count("commitJob")).isEqualTo(1);
        assertThat(f.committer.count("abortJob")).isZero();
        assertThat(f.snapshot("j1").state()).isEqualTo(JobState.SUCCEEDED);
    }

    @Test
    void reportFromLostAttempt_isDiscarded_andTheRetryIsCommitted() {
        f.join("w1", 1);
        f.addJob("j1", 0, 1);
        f.lose("w1");
        f.join("w2", 1);
        assertThat(f.gateway.start(reduce("j1", 0, 1)).workerId()).isEqualTo("w2");

        // w1 was only cut off: its attempt still finishes and reports.
        f.succeed(reduce("j1", 0, 0), Map.of("reduce.output.records", 3L));
        assertThat(f.committer.committed).as("nothing of a lost attempt is committed").isEmpty();
        assertThat(f.committer.discarded).containsExactly("/out/j1/_temporary/" + reduce("j1", 0, 0));

        f.succeed(reduce("j1", 0, 1), Map.of("reduce.output.records", 3L));
        assertThat(f.committer.committed).containsExactly(reduce("j1", 0, 1));
        JobSnapshot s = f.snapshot("j1");
        assertThat(s.state()).isEqualTo(JobState.SUCCEEDED);
        assertThat(s.counters()).containsEntry("reduce.output.records", 3L);
    }

    @Test
    void reportFromKilledAttempt_isDiscarded_andCommitsNothing() {
        f.join("w1", 2);
        f.addJob("j1", 0, 2);
        f.done(f.scheduler.kill("j1"));

        f.succeed(reduce("j1", 0, 0));
        f.report(reduce("j1", 1, 0), AttemptOutcome.KILLED, Map.of(), null);

        assertThat(f.committer.count("commitTask")).isZero();
        assertThat(f.committer.count("commitJob")).isZero();
        assertThat(f.committer.discarded).containsExactlyInAnyOrder(
                "/out/j1/_temporary/" + reduce("j1", 0, 0), "/out/j1/_temporary/" + reduce("j1", 1, 0));
        assertThat(f.snapshot("j1").state()).isEqualTo(JobState.KILLED);
    }

    @Test
    void reportForUnknownJobOrAttempt_isDiscarded() {
        f.join("w1", 1);
        f.addJob("j1", 0, 1);
        f.scheduler.attemptEnded(new AttemptResult("w1", reduce("nope", 0, 0),
                AttemptOutcome.SUCCEEDED, Map.of(), null, List.of(), "/out/nope/file", null, null));
        f.scheduler.attemptEnded(new AttemptResult("w1", reduce("j1", 0, 5),
                AttemptOutcome.SUCCEEDED, Map.of(), null, List.of(), "/out/j1/file5", null, null));
        f.executor.runAll();

        assertThat(f.committer.discarded).containsExactly("/out/nope/file", "/out/j1/file5");
        assertThat(f.committer.count("commitTask")).isZero();
        assertThat(f.snapshot("j1").reduce().running()).isEqualTo(1);
    }

    @Test
    void counters_comeOnlyFromCommittedAttempts() {
        f.join("w1", 4);
        f.addJob("j1", 2, 1);

        f.report(map("j1", 0, 0), AttemptOutcome.FAILED, Map.of("records", 100L), "boom");
        f.succeed(map("j1", 1, 0), Map.of("records", 5L, "malformed", 1L));
        f.succeed(map("j1", 1, 0), Map.of("records", 5L, "malformed", 1L));
        assertThat(f.snapshot("j1").counters()).as("neither the failed attempt nor the duplicate count")
                .isEqualTo(Map.of("records", 5L, "malformed", 1L));

        f.executor.advance(BACKOFF);
        f.succeed(map("j1", 0, 1), Map.of("records", 10L));
        f.succeed(reduce("j1", 0, 0), Map.of("reduce.output.records", 2L));

        JobSnapshot s = f.snapshot("j1");
        assertThat(s.state()).isEqualTo(JobState.SUCCEEDED);
        assertThat(s.counters()).isEqualTo(Map.of("records", 15L, "malformed", 1L, "reduce.output.records", 2L));
        assertThat(f.finished).singleElement().extracting(JobSnapshot::counters).isEqualTo(s.counters());
    }

    @Test
    void reduceCommitFailure_countsAsFailedAttempt_andTheRetryIsCommitted() {
        f.join("w1", 2);
        f.addJob("j1", 0, 1);
        f.committer.nextCommitTaskFailure = new IOException("rename failed");

        f.succeed(reduce("j1", 0, 0), Map.of("reduce.output.records", 9L));
        JobSnapshot afterFailure = f.snapshot("j1");
        assertThat(afterFailure.state()).isEqualTo(JobState.RUNNING);
        assertThat(afterFailure.reduce().failedAttempts()).isEqualTo(1);
        assertThat(afterFailure.counters()).as("counters of an uncommitted attempt").isEmpty();
        assertThat(afterFailure.events()).anySatisfy(e -> assertThat(e).contains("rename failed"));

        f.executor.advance(BACKOFF);
        f.succeed(reduce("j1", 0, 1), Map.of("reduce.output.records", 9L));
        assertThat(f.committer.committed).containsExactly(reduce("j1", 0, 1));
        assertThat(f.snapshot("j1").counters()).containsEntry("reduce.output.records", 9L);
        assertThat(f.snapshot("j1").state()).isEqualTo(JobState.SUCCEEDED);
    }

    @Test
    void commitJobFailure_failsTheJob_andAbortsTheOutput() {
        f.join("w1", 1);
        f.addJob("j1", 0, 1);
        f.committer.commitJobFailure = new IOException("cannot write _SUCCESS");

        f.succeed(reduce("j1", 0, 0));

        JobSnapshot s = f.snapshot("j1");
        assertThat(s.state()).isEqualTo(JobState.FAILED);
        assertThat(s.diagnostics()).contains("cannot write _SUCCESS");
        assertThat(f.committer.calls).containsExactly(
                "commitTask " + reduce("j1", 0, 0), "commitJob /out/j1", "abortJob /out/j1");
    }
}
