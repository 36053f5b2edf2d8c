package io.quern.coordinator.schedule;

import static io.quern.coordinator.schedule.SchedulerFixture.BACKOFF;
import static io.quern.coordinator.schedule.SchedulerFixture.map;
import static io.quern.coordinator.schedule.SchedulerFixture.reduce;
import static org.assertj.core.api.Assertions.assertThat;

import io.quern.common.job.InputFormat;
import io.quern.common.job.JobSpec;
import io.quern.common.job.JobState;
import io.quern.common.job.RecordRef;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** --max-skipped-records: a record that fails twice is skipped while the job's budget lasts. */
class SchedulerSkipTest {
    private static final RecordRef BAD = RecordRef.map("/in/j1", 120, 7);
    private static final RecordRef WORSE = RecordRef.map("/in/j1", 480, 31);

    private final SchedulerFixture f = new SchedulerFixture();

    private static JobSpec spec(int maxAttempts, long maxSkipped) {
        return new JobSpec("wordcount", null, null, null, null, null, List.of("/in/j1"), "/out/j1", 1, 1024,
                InputFormat.TEXT, Map.of(), maxAttempts, maxSkipped, Duration.ZERO);
    }

    @Test
    void recordFailingTwice_isSkippedByTheNextAttempt_andListed() {
        f.join("w1", 2);
        f.addJob("j1", spec(4, 1), 1);

        f.failOnRecord(map("j1", 0, 0), BAD);
        f.executor.advance(BACKOFF.multipliedBy(10));
        assertThat(f.gateway.start(map("j1", 0, 1)).task().skip()).as("one failure is not enough").isEmpty();
        f.failOnRecord(map("j1", 0, 1), BAD);
        f.executor.advance(BACKOFF.multipliedBy(10));

        assertThat(f.gateway.start(map("j1", 0, 2)).task().skip()).containsExactly(BAD);
        f.succeed(map("j1", 0, 2));
        f.succeed(reduce("j1", 0, 0));
        JobSnapshot s = f.snapshot("j1");
        assertThat(s.state()).isEqualTo(JobState.SUCCEEDED);
        assertThat(s.skippedRecords()).containsExactly("m-000000 /in/j1:120");
    }

    @Test
    void recordFailures_doNotCountTowardsMaxAttempts_whenSkippingIsAllowed() {
        f.join("w1", 2);
        f.addJob("j1", spec(2, 5), 1);

        f.failOnRecord(map("j1", 0, 0), BAD);
        f.executor.advance(BACKOFF.multipliedBy(10));
        f.failOnRecord(map("j1", 0, 1), BAD);
        f.executor.advance(BACKOFF.multipliedBy(10));

        assertThat(f.snapshot("j1").state()).as("two record failures with --max-attempts 2").isEqualTo(JobState.RUNNING);
        assertThat(f.gateway.start(map("j1", 0, 2)).task().skip()).containsExactly(BAD);
    }

    @Test
    void budgetUsedUp_failsTheJobNamingTheRecord() {
        f.join("w1", 2);
        f.addJob("j1", spec(4, 1), 1);
        for (int attempt = 0; attempt < 2; attempt++) {
            f.failOnRecord(map("j1", 0, attempt), BAD);
            f.executor.advance(BACKOFF.multipliedBy(10));
        }
        f.failOnRecord(map("j1", 0, 2), WORSE);
        f.executor.advance(BACKOFF.multipliedBy(10));
        f.failOnRecord(map("j1", 0, 3), WORSE);

        JobSnapshot s = f.snapshot("j1");
        assertThat(s.state()).isEqualTo(JobState.FAILED);
        assertThat(s.diagnostics()).contains("m-000000 /in/j1:480").contains("--max-skipped-records 1 is used up");
        assertThat(f.committer.calls).noneMatch(c -> c.startsWith("commitJob"));
    }

    @Test
    void withoutABudget_recordFailuresCountAsOrdinaryFailures() {
        f.join("w1", 2);
        f.addJob("j1", spec(2, 0), 1);

        f.failOnRecord(map("j1", 0, 0), BAD);
        f.executor.advance(BACKOFF.multipliedBy(10));
        f.failOnRecord(map("j1", 0, 1), BAD);

        JobSnapshot s = f.snapshot("j1");
        assertThat(s.state()).isEqualTo(JobState.FAILED);
        assertThat(s.diagnostics()).startsWith("task m-000000 failed 2 times");
        assertThat(s.skippedRecords()).isEmpty();
    }
}
