package io.quern.coordinator.schedule;

import static io.quern.coordinator.schedule.SchedulerFixture.map;
import static org.assertj.core.api.Assertions.assertThat;

import io.quern.common.job.AttemptOutcome;
import io.quern.common.job.AttemptProgress;
import io.quern.common.job.FileRange;
import io.quern.common.job.InputFormat;
import io.quern.common.job.JobSpec;
import io.quern.common.job.JobState;
import io.quern.common.job.TaskId;
import io.quern.common.job.TaskKind;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Jobs with {@code --reducers 0}: each map's attempt file is committed as its part file, exactly once. */
class SchedulerMapOnlyTest {
    private static final long MIB = 1 << 20;
    private final SchedulerFixture f = new SchedulerFixture();

    private static JobSpec mapOnly(String jobId) {
        return new JobSpec("wordcount", null, null, null, null, null, List.of("/in/" + jobId), "/out/" + jobId,
                0, 1024, InputFormat.TEXT, Map.of(), JobSpec.DEFAULT_MAX_ATTEMPTS, 0, Duration.ZERO);
    }

    @Test
    void eachMapIsCommittedOnce_andTheJobSucceedsWithItsMaps_withoutAnyReduce() {
        f.join("w1", 4);
        f.addJob("j1", mapOnly("j1"), 3);
        assertThat(f.gateway.start(map("j1", 1, 0)).task().attemptOutput()).as("maps write the output area")
                .isEqualTo("/out/j1/_temporary/" + map("j1", 1, 0));

        f.succeed(map("j1", 2, 0), Map.of("map.output.records", 4L));
        f.succeed(map("j1", 0, 0), Map.of("map.output.records", 5L));
        f.succeed(map("j1", 0, 0), Map.of("map.output.records", 5L)); // a duplicate report
        assertThat(f.committer.count("commitJob")).as("not before the last map").isZero();
        f.succeed(map("j1", 1, 0), Map.of("map.output.records", 6L));

        assertThat(f.committer.committed).containsExactly(map("j1", 2, 0), map("j1", 0, 0), map("j1", 1, 0));
        assertThat(f.committer.discarded).containsExactly("/out/j1/_temporary/" + map("j1", 0, 0));
        assertThat(f.committer.calls).last().isEqualTo("commitJob /out/j1");
        assertThat(f.committer.committedJobTasks).containsExactly(TaskId.map(0), TaskId.map(1), TaskId.map(2));
        assertThat(f.gateway.starts).noneMatch(s -> s.attempt().task().kind() == TaskKind.REDUCE);
        JobSnapshot s = f.snapshot("j1");
        assertThat(s.state()).isEqualTo(JobState.SUCCEEDED);
        assertThat(s.counters()).containsEntry("map.output.records", 15L);
    }

    @Test
    void aFailedMapCommitsNothing_andItsRetryIsCommitted() {
        f.join("w1", 2);
        f.addJob("j1", mapOnly("j1"), 1);
        f.fail(map("j1", 0, 0), "boom");
        f.executor.advance(SchedulerFixture.BACKOFF);
        f.succeed(map("j1", 0, 1));

        assertThat(f.committer.committed).containsExactly(map("j1", 0, 1));
        assertThat(f.snapshot("j1").state()).isEqualTo(JobState.SUCCEEDED);
    }

    @Test
    void aLostAttemptThatStillReports_isDiscarded_andCommittedMapsAreNotRerunWhenTheirWorkerGoes() {
        f.join("w1", 1);
        f.join("w2", 1);
        f.addJob("j1", mapOnly("j1"), 2);
        String holder = f.gateway.start(map("j1", 0, 0)).workerId();
        String other = f.gateway.start(map("j1", 1, 0)).workerId();
        f.succeed(map("j1", 0, 0));
        int mark = f.gateway.starts.size();

        f.lose(holder);
        assertThat(f.attemptsSince(mark)).as("a committed part file lives on the shared file system").isEmpty();

        f.lose(other);
        f.join("w3", 1);
        f.succeed(map("j1", 1, 0)); // the cut-off worker's attempt still reports
        assertThat(f.committer.committed).containsExactly(map("j1", 0, 0));
        f.succeed(map("j1", 1, 1));
        assertThat(f.committer.committed).containsExactly(map("j1", 0, 0), map("j1", 1, 1));
        assertThat(f.snapshot("j1").state()).isEqualTo(JobState.SUCCEEDED);
    }

    @Test
    void aMapStoppedEarly_commitsWhatItRead_andItsRestIsCommittedByTheNewTasks() {
        f.join("w1", 1);
        f.join("w2", 1);
        f.addJob("j1", mapOnly("j1"), List.of(
                List.of(new FileRange("/in/big", 0, 16 * MIB, false)),
                List.of(new FileRange("/in/small", 0, MIB, false))));
        f.executor.advance(Duration.ofSeconds(2));
        f.heartbeat("w1", new AttemptProgress(map("j1", 0, 0), 0.25, 4 * MIB, 0));
        f.succeed(map("j1", 1, 0));
        assertThat(f.heartbeatReply("w1", new AttemptProgress(map("j1", 0, 0), 0.26, 4 * MIB, 0)).stop())
                .containsExactly(map("j1", 0, 0));

        f.succeedMap(map("j1", 0, 0), List.of(), List.of(new FileRange("/in/big", 5 * MIB, 11 * MIB, false)));
        assertThat(f.committer.committed).containsExactly(map("j1", 1, 0), map("j1", 0, 0));
        assertThat(f.snapshot("j1").state()).as("its rest still runs").isEqualTo(JobState.RUNNING);

        f.succeed(map("j1", 2, 0));
        f.succeed(map("j1", 3, 0));
        assertThat(f.committer.committed).containsExactly(map("j1", 1, 0), map("j1", 0, 0), map("j1", 2, 0),
                map("j1", 3, 0));
        assertThat(f.committer.committedJobTasks).hasSize(4);
        assertThat(f.snapshot("j1").state()).isEqualTo(JobState.SUCCEEDED);
    }

    @Test
    void noInput_succeedsAtOnce() {
        f.join("w1", 1);
        f.addJob("j1", mapOnly("j1"), 0);
        assertThat(f.snapshot("j1").state()).isEqualTo(JobState.SUCCEEDED);
        assertThat(f.committer.calls).containsExactly("commitJob /out/j1");
    }

    @Test
    void killedJob_isAborted_andLateReportsAreDiscarded() {
        f.join("w1", 2);
        f.addJob("j1", mapOnly("j1"), 2);
        f.succeed(map("j1", 0, 0));
        f.done(f.scheduler.kill("j1"));
        f.report(map("j1", 1, 0), AttemptOutcome.SUCCEEDED, Map.of(), null);

        assertThat(f.committer.calls).containsExactly("commitTask " + map("j1", 0, 0), "abortJob /out/j1",
                "discardAttempt /out/j1/_temporary/" + map("j1", 1, 0));
        assertThat(f.snapshot("j1").state()).isEqualTo(JobState.KILLED);
    }
}
