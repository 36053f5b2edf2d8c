package io.quern.coordinator.schedule;

import static io.quern.coordinator.schedule.SchedulerFixture.map;
import static io.quern.coordinator.schedule.SchedulerFixture.reduce;
import static io.quern.coordinator.schedule.SchedulerFixture.spec;
import static org.assertj.core.api.Assertions.assertThat;

import io.quern.common.job.AttemptOutcome;
import io.quern.common.job.JobState;
import io.quern.common.job.MapOutputLocation;
import io.quern.common.job.WorkerAddress;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A worker leaving: what it ran is requeued, and the map output it held is made again. */
class SchedulerWorkerLossTest {
    private final SchedulerFixture f = new SchedulerFixture();

    @Test
    void lostWorker_requeuesItsRunningAttempts_withoutCountingThemAsFailures() {
        f.join("w1", 1);
        f.join("w2", 1);
        f.addJob("j1", spec("j1", 1, 1, Duration.ZERO), 3);
        assertThat(f.gateway.start(map("j1", 0, 0)).workerId()).isEqualTo("w1");

        f.lose("w1");

        JobSnapshot s = f.snapshot("j1");
        assertThat(s.state()).as("with --max-attempts 1, a counted failure would fail the job")
                .isEqualTo(JobState.RUNNING);
        assertThat(s.map().failedAttempts()).isZero();
        assertThat(s.map().pending()).isEqualTo(2);
        assertThat(f.gateway.forgotten).containsExactly("w1");
        assertThat(f.gateway.killedAttempts()).as("nothing to kill on a worker that is gone").isEmpty();

        f.succeed(map("j1", 1, 0));
        assertThat(f.gateway.start(map("j1", 0, 1)).workerId())
                .as("the lost map goes first into the freed slot").isEqualTo("w2");
    }

    @Test
    void lostWorker_requeuesCompletedMapsStillNeeded_takingBackTheirCounters() {
        f.join("w1", 1);
        f.join("w2", 1);
        f.addJob("j1", 2, 1);
        assertThat(f.gateway.start(map("j1", 1, 0)).workerId()).isEqualTo("w2");
        f.succeed(map("j1", 0, 0), Map.of("records", 10L));
        f.succeed(map("j1", 1, 0), Map.of("records", 5L));
        assertThat(f.snapshot("j1").counters()).containsEntry("records", 15L);

        f.lose("w2");

        JobSnapshot s = f.snapshot("j1");
        assertThat(s.counters()).as("the lost map's share is taken back").containsEntry("records", 10L);
        assertThat(s.map().succeeded()).isEqualTo(1);
        assertThat(s.map().failedAttempts()).isZero();
        assertThat(s.events()).as("events of %s", s.jobId())
                .anySatisfy(e -> assertThat(e).contains("w2").contains("1 completed map tasks re-run"));
        assertThat(f.gateway.startedAttempts()).as("only the map held by w2 is re-run")
                .contains(map("j1", 1, 1)).doesNotContain(map("j1", 0, 1));

        f.succeed(map("j1", 1, 1), Map.of("records", 5L));
        assertThat(f.snapshot("j1").counters()).as("and added again once re-run").containsEntry("records", 15L);
    }

    @Test
    void lostWorker_runningReducesAreKilledAndRequeued_thenFetchFromTheNewMapOutput() {
        f.join("w1", 1);
        f.join("w2", 1);
        f.addJob("j1", 2, 1);
        f.succeed(map("j1", 0, 0));
        f.succeed(map("j1", 1, 0));
        assertThat(f.gateway.start(reduce("j1", 0, 0)).workerId()).isEqualTo("w1");
        assertThat(f.gateway.start(map("j1", 1, 0)).workerId()).isEqualTo("w2");

        f.lose("w2");

        assertThat(f.gateway.kills).as("the reduce cannot fetch map 1 any more")
                .containsExactly(new FakeWorkerGateway.Kill("w1", reduce("j1", 0, 0)));
        assertThat(f.gateway.start(map("j1", 1, 1)).workerId()).as("the re-run takes the freed slot")
                .isEqualTo("w1");
        JobSnapshot s = f.snapshot("j1");
        assertThat(s.reduce().pending()).isEqualTo(1);
        assertThat(s.reduce().failedAttempts()).isZero();

        // The killed reduce's report arrives late and changes nothing.
        f.report(reduce("j1", 0, 0), AttemptOutcome.KILLED, Map.of(), null);
        assertThat(f.snapshot("j1").reduce().pending()).isEqualTo(1);

        f.succeed(map("j1", 1, 1));
        assertThat(f.gateway.start(reduce("j1", 0, 1)).task().mapOutputs()).containsExactlyInAnyOrder(
                new MapOutputLocation(0, 0, "w1", "host-w1", 7001),
                new MapOutputLocation(1, 1, "w1", "host-w1", 7001));
        f.succeed(reduce("j1", 0, 1));
        assertThat(f.committer.committed).containsExactly(reduce("j1", 0, 1));
        assertThat(f.snapshot("j1").state()).isEqualTo(JobState.SUCCEEDED);
    }

    @Test
    void lostWorker_holdingNoMapOutput_killsNoReduce() {
        f.join("w1", 1);
        f.addJob("j1", 1, 2);
        f.succeed(map("j1", 0, 0));
        f.join("w2", 1);
        assertThat(f.gateway.start(reduce("j1", 1, 0)).workerId()).isEqualTo("w2");

        f.lose("w2");

        assertThat(f.gateway.kills).as("w1's reduce still has all its input").isEmpty();
        assertThat(f.snapshot("j1").events()).noneSatisfy(e -> assertThat(e).contains("re-run"));
        f.succeed(reduce("j1", 0, 0));
        assertThat(f.gateway.start(reduce("j1", 1, 1)).workerId()).isEqualTo("w1");
    }

    @Test
    void lostWorker_afterJobSucceeded_rerunsNothing() {
        f.join("w1", 2);
        f.addJob("j1", 1, 1);
        f.succeed(map("j1", 0, 0));
        f.succeed(reduce("j1", 0, 0));
        int starts = f.gateway.starts.size();

        f.lose("w1");
        f.join("w2", 2);

        assertThat(f.gateway.starts).hasSize(starts);
        assertThat(f.snapshot("j1").state()).isEqualTo(JobState.SUCCEEDED);
    }

    @Test
    void workerRejoiningWithNewIncarnation_losesWhatItsOldOneRan() {
        f.join("w1", 1);
        f.addJob("j1", 1, 1);

        f.join("w1", 1);

        assertThat(f.gateway.forgotten).containsExactly("w1");
        assertThat(f.gateway.start(map("j1", 0, 1)).workerId()).isEqualTo("w1");
        assertThat(f.snapshot("j1").map().failedAttempts()).isZero();
    }

    @Test
    void workerJoiningAgainWithTheSameAddress_changesNothing() {
        WorkerAddress w1 = f.join("w1", 1);
        f.addJob("j1", 1, 1);

        f.scheduler.workerJoined(w1);
        f.executor.runAll();

        assertThat(f.gateway.forgotten).isEmpty();
        assertThat(f.gateway.startedAttempts()).containsExactly(map("j1", 0, 0));
        assertThat(f.done(f.scheduler.workers())).containsExactly(w1);
    }

    @Test
    void lostUnknownWorker_isIgnored() {
        f.join("w1", 1);
        f.addJob("j1", 1, 1);

        f.lose("nobody");

        assertThat(f.gateway.forgotten).isEmpty();
        assertThat(f.snapshot("j1").map().running()).isEqualTo(1);
    }
}
