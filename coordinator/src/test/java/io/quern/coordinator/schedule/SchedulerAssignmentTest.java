package io.quern.coordinator.schedule;

import static io.quern.coordinator.schedule.SchedulerFixture.map;
import static io.quern.coordinator.schedule.SchedulerFixture.reduce;
import static org.assertj.core.api.Assertions.assertThat;

import io.quern.common.job.AttemptId;
import io.quern.common.job.JobState;
import io.quern.common.job.MapOutputLocation;
import io.quern.common.job.TaskKind;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which task goes where, and when. */
class SchedulerAssignmentTest {
    private final SchedulerFixture f = new SchedulerFixture();

    @Test
    void mapsAreAssignedBeforeReduces_andReducesOnlyOnceEveryMapSucceeded() {
        f.join("w1", 8);
        f.addJob("j1", 3, 2);

        assertThat(f.gateway.startedAttempts()).as("first wave, with 8 free slots")
                .containsExactly(map("j1", 0, 0), map("j1", 1, 0), map("j1", 2, 0));

        f.succeed(map("j1", 0, 0));
        f.succeed(map("j1", 2, 0));
        assertThat(f.gateway.startedAttempts()).as("no reduce while map 1 still runs")
                .allMatch(a -> a.task().kind() == TaskKind.MAP);

        int mark = f.gateway.starts.size();
        f.succeed(map("j1", 1, 0));
        assertThat(f.attemptsSince(mark)).as("reduces once the last map succeeded")
                .containsExactly(reduce("j1", 0, 0), reduce("j1", 1, 0));
    }

    @Test
    void reduceAssignment_listsEveryMapOutputOnTheWorkerHoldingItsCommittedAttempt() {
        f.join("w1", 1);
        f.join("w2", 1);
        f.addJob("j1", 2, 1);
        assertThat(f.gateway.start(map("j1", 0, 0)).workerId()).isEqualTo("w1");
        assertThat(f.gateway.start(map("j1", 1, 0)).workerId()).isEqualTo("w2");

        // Map 0 fails on w1 and its retry runs on w2, so its output ends up there, as attempt 1.
        f.fail(map("j1", 0, 0), "boom");
        f.succeed(map("j1", 1, 0));
        f.executor.advance(SchedulerFixture.BACKOFF);
        assertThat(f.gateway.start(map("j1", 0, 1)).workerId()).isEqualTo("w2");
        f.succeed(map("j1", 0, 1));

        List<MapOutputLocation> outputs = f.gateway.start(reduce("j1", 0, 0)).task().mapOutputs();
        assertThat(outputs).containsExactlyInAnyOrder(
                new MapOutputLocation(0, 1, "w2", "host-w2", 7001),
                new MapOutputLocation(1, 0, "w2", "host-w2", 7001));
    }

    @Test
    void everyAssignmentOfAJob_carriesThatJobsShuffleSecret_andJobsGetDifferentOnes() {
        f.join("w1", 8);
        f.addJob("j1", 2, 1);
        f.addJob("j2", 1, 1);
        f.succeed(map("j1", 0, 0));
        f.succeed(map("j1", 1, 0));

        var j1 = f.gateway.starts.stream().filter(s -> s.attempt().jobId().equals("j1"))
                .map(s -> s.task().shuffleSecret()).toList();
        var j2 = f.gateway.start(map("j2", 0, 0)).task().shuffleSecret();
        assertThat(j1).as("two maps and a reduce of j1").hasSize(3).containsOnly(j1.get(0));
        assertThat(j2).as("j2's secret").isNotEqualTo(j1.get(0));
    }

    @Test
    void reduceAssignment_namesItsPartitionAndAttemptFile() {
        f.join("w1", 4);
        f.addJob("j1", 1, 3);
        f.succeed(map("j1", 0, 0));

        var task = f.gateway.start(reduce("j1", 2, 0)).task();
        assertThat(task.partition()).isEqualTo(2);
        assertThat(task.attemptOutput()).isEqualTo("/out/j1/_temporary/" + reduce("j1", 2, 0));
    }

    @Test
    void jobWithoutMaps_runsItsReducesDirectly_andCommitsJobOnceAfterAllReduceCommits() {
        f.join("w1", 4);
        f.addJob("j1", 0, 3);

        assertThat(f.gateway.startedAttempts())
                .containsExactly(reduce("j1", 0, 0), reduce("j1", 1, 0), reduce("j1", 2, 0));
        assertThat(f.gateway.starts).allSatisfy(s ->
                assertThat(s.task().mapOutputs()).as("map outputs of %s", s.attempt()).isEmpty());
        assertThat(f.snapshot("j1").map().fraction()).as("an empty map phase is complete").isEqualTo(1.0);

        f.succeed(reduce("j1", 1, 0));
        f.succeed(reduce("j1", 0, 0));
        assertThat(f.committer.count("commitJob")).as("commitJob before the last reduce").isZero();
        f.succeed(reduce("j1", 2, 0));

        assertThat(f.committer.calls).containsExactly(
                "commitTask " + reduce("j1", 1, 0),
                "commitTask " + reduce("j1", 0, 0),
                "commitTask " + reduce("j1", 2, 0),
                "commitJob /out/j1");
        assertThat(f.snapshot("j1").state()).isEqualTo(JobState.SUCCEEDED);
        assertThat(f.finished).extracting(JobSnapshot::state).containsExactly(JobState.SUCCEEDED);
    }

    @Test
    void slots_neverMoreRunningAttemptsOnAWorkerThanItsSlots_andFreedSlotsGetNewTasks() {
        f.join("w1", 2);
        f.join("w2", 1);
        f.addJob("j1", 7, 1);

        assertThat(f.runningOn("w1")).hasSize(2);
        assertThat(f.runningOn("w2")).hasSize(1);
        assertThat(f.gateway.starts).hasSize(3);

        // Finish the oldest attempt on w2, then on w1, until every map and the reduce are done.
        for (int step = 0; step < 8; step++) {
            String worker = step % 2 == 0 ? "w2" : "w1";
            List<AttemptId> running = f.runningOn(worker);
            if (running.isEmpty()) {
                worker = worker.equals("w1") ? "w2" : "w1";
                running = f.runningOn(worker);
            }
            assertThat(running).as("something runs at step %d", step).isNotEmpty();
            int mark = f.gateway.starts.size();
            f.succeed(running.get(0));

            assertThat(f.runningOn("w1")).as("w1 (2 slots) after step %d", step).hasSizeLessThanOrEqualTo(2);
            assertThat(f.runningOn("w2")).as("w2 (1 slot) after step %d", step).hasSizeLessThanOrEqualTo(1);
            if (step < 4) {
                // Maps 3..6 are still waiting: the freed slot is taken at once, on the worker that freed it.
                assertThat(f.startsSince(mark)).as("new starts after step %d", step)
                        .singleElement().extracting(FakeWorkerGateway.Start::workerId).isEqualTo(worker);
            }
        }
        assertThat(f.snapshot("j1").state()).isEqualTo(JobState.SUCCEEDED);
    }

    @Test
    void tasksAreSpreadOverIdleWorkersFirst() {
        f.join("w1", 4);
        f.join("w2", 4);
        f.join("w3", 4);
        f.addJob("j1", 3, 1);

        assertThat(f.gateway.starts).extracting(FakeWorkerGateway.Start::workerId)
                .as("one map per idle worker rather than three on the first")
                .containsExactlyInAnyOrder("w1", "w2", "w3");
    }

    @Test
    void newTask_goesToTheWorkerWithTheMostFreeSlots() {
        f.join("w1", 4);
        f.addJob("j1", 2, 1);
        assertThat(f.runningOn("w1")).hasSize(2);

        f.join("w2", 3);
        f.addJob("j2", 1, 1);

        assertThat(f.gateway.start(map("j2", 0, 0)).workerId()).as("w2 has 3 free slots, w1 2").isEqualTo("w2");
    }

    @Test
    void noWorkers_nothingStarts_untilOneJoins() {
        f.addJob("j1", 2, 1);
        assertThat(f.gateway.starts).isEmpty();

        f.join("w1", 4);
        assertThat(f.gateway.startedAttempts()).containsExactly(map("j1", 0, 0), map("j1", 1, 0));
    }

    @Test
    void twoJobsShareSlotsRoundRobin_notStrictlyFifo() {
        f.addJob("a", 6, 1);
        f.addJob("b", 6, 1);
        f.join("w1", 2);
        assertThat(f.gateway.startedAttempts()).containsExactly(map("a", 0, 0), map("b", 0, 0));

        // Free one slot at a time, the oldest attempt first, as a steady cluster would.
        for (int step = 0; step < 6; step++) {
            f.succeed(f.runningOn("w1").get(0));
        }

        long startedA = f.gateway.startedAttempts().stream().filter(a -> a.jobId().equals("a")).count();
        long startedB = f.gateway.startedAttempts().stream().filter(a -> a.jobId().equals("b")).count();
        assertThat(f.gateway.startedAttempts()).as("8 tasks dealt over 2 slots").hasSize(8);
        assertThat(startedB).as("maps of the second job started while the first still had maps waiting"
                + " (a=%d, b=%d)", startedA, startedB).isEqualTo(4);
        assertThat(startedA).isEqualTo(4);
    }
}
