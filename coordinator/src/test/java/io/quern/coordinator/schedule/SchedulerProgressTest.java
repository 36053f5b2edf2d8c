package io.quern.coordinator.schedule;

import static io.quern.coordinator.schedule.SchedulerFixture.map;
import static io.quern.coordinator.schedule.SchedulerFixture.reduce;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.quern.common.job.AttemptId;
import io.quern.common.job.AttemptProgress;
import io.quern.common.job.Counters;
import io.quern.common.job.JobState;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Heartbeats, snapshots and the watchers of a job. */
class SchedulerProgressTest {
    private final SchedulerFixture f = new SchedulerFixture();

    @Test
    void heartbeat_returnsAttemptsNoLongerWanted_afterKill() {
        f.join("w1", 2);
        f.addJob("j1", 2, 1);
        f.done(f.scheduler.kill("j1"));

        List<AttemptId> unwanted = f.heartbeat("w1",
                new AttemptProgress(map("j1", 0, 0), 0.5, 10, 0),
                new AttemptProgress(map("j1", 1, 0), 0.5, 10, 0));

        assertThat(unwanted).containsExactly(map("j1", 0, 0), map("j1", 1, 0));
    }

    @Test
    void heartbeat_returnsAttemptsOfUnknownJobs_otherWorkers_andLostIncarnations() {
        f.join("w1", 1);
        f.join("w2", 1);
        f.addJob("j1", 3, 1);
        assertThat(f.gateway.start(map("j1", 0, 0)).workerId()).isEqualTo("w1");
        assertThat(f.gateway.start(map("j1", 1, 0)).workerId()).isEqualTo("w2");

        assertThat(f.heartbeat("w1",
                new AttemptProgress(map("j1", 0, 0), 0.1, 0, 0),
                new AttemptProgress(map("j1", 1, 0), 0.1, 0, 0),
                new AttemptProgress(map("gone", 0, 0), 0.1, 0, 0)))
                .as("only w1's own running attempt is wanted")
                .containsExactly(map("j1", 1, 0), map("gone", 0, 0));

        f.join("w1", 1);
        assertThat(f.heartbeat("w1", new AttemptProgress(map("j1", 0, 0), 0.2, 0, 0)))
                .as("an attempt of w1's previous incarnation").containsExactly(map("j1", 0, 0));
    }

    @Test
    void heartbeat_updatesProgress_andTheSnapshotReflectsIt() {
        f.join("w1", 2);
        f.addJob("j1", 2, 1);

        assertThat(f.heartbeat("w1",
                new AttemptProgress(map("j1", 0, 0), 0.5, 300, 0),
                new AttemptProgress(map("j1", 1, 0), 0.25, 100, 0))).isEmpty();

        JobSnapshot s = f.snapshot("j1");
        assertThat(s.map().fraction()).as("(0.5 + 0.25) / 2 maps").isCloseTo(0.375, within(1e-9));
        assertThat(s.bytesRead()).isEqualTo(400);
        assertThat(s.map().running()).isEqualTo(2);

        f.succeed(map("j1", 0, 0), Map.of(Counters.INPUT_BYTES, 1000L));
        s = f.snapshot("j1");
        assertThat(s.map().fraction()).as("(1 + 0.25) / 2 maps").isCloseTo(0.625, within(1e-9));
        assertThat(s.bytesRead()).as("committed bytes plus those of the running map").isEqualTo(1100);
        assertThat(s.reduce().fraction()).isZero();
    }

    @Test
    void heartbeat_updatesReduceProgress_andShuffledBytes() {
        f.join("w1", 2);
        f.addJob("j1", 1, 2);
        f.succeed(map("j1", 0, 0));

        f.heartbeat("w1", new AttemptProgress(reduce("j1", 1, 0), 0.5, 0, 2048));

        JobSnapshot s = f.snapshot("j1");
        assertThat(s.map().fraction()).isEqualTo(1.0);
        assertThat(s.reduce().fraction()).isCloseTo(0.25, within(1e-9));
        assertThat(s.bytesShuffled()).isEqualTo(2048);
    }

    @Test
    void watch_sendsASnapshotAtOnce() {
        f.join("w1", 1);
        f.addJob("j1", 2, 1);

        List<JobSnapshot> seen = f.watch("j1", new ArrayList<>());

        assertThat(seen).singleElement().satisfies(s -> {
            assertThat(s.jobId()).isEqualTo("j1");
            assertThat(s.state()).isEqualTo(JobState.RUNNING);
            assertThat(s.map().total()).isEqualTo(2);
            assertThat(s.map().running()).isEqualTo(1);
        });
    }

    @Test
    void watch_periodicUpdates_onlyWhenSomethingChanged() {
        f.join("w1", 1);
        f.addJob("j1", 2, 1);
        List<JobSnapshot> seen = f.watch("j1", new ArrayList<>());
        f.tick(); // whatever happened before the watch started
        int settled = seen.size();

        f.tick();
        f.tick();
        f.tick();
        assertThat(seen).as("updates while nothing changed").hasSize(settled);

        f.heartbeat("w1", new AttemptProgress(map("j1", 0, 0), 0.5, 0, 0));
        f.tick();
        assertThat(seen).as("after progress").hasSize(settled + 1);
        assertThat(seen).last().extracting(s -> s.map().fraction()).isEqualTo(0.25);
        f.tick();
        assertThat(seen).hasSize(settled + 1);

        f.succeed(map("j1", 0, 0));
        f.tick();
        assertThat(seen).as("after a map succeeded").hasSize(settled + 2);
        assertThat(seen).last().extracting(s -> s.map().succeeded()).isEqualTo(1);
    }

    @Test
    void watch_finalSnapshotExactlyOnce_andNothingAfterIt() {
        f.join("w1", 1);
        f.addJob("j1", 1, 1);
        List<JobSnapshot> seen = f.watch("j1", new ArrayList<>());
        f.succeed(map("j1", 0, 0));
        f.tick();

        f.succeed(reduce("j1", 0, 0));
        assertThat(seen).as("the terminal snapshot comes without waiting for a tick")
                .last().extracting(JobSnapshot::state).isEqualTo(JobState.SUCCEEDED);
        int atEnd = seen.size();
        f.tick();
        f.tick();

        assertThat(seen).hasSize(atEnd);
        assertThat(seen).filteredOn(s -> s.state().isTerminal()).singleElement()
                .satisfies(s -> assertThat(s.reduce().succeeded()).isEqualTo(1));
    }

    @Test
    void unwatch_stopsUpdates_includingTheFinalOne() {
        f.join("w1", 1);
        f.addJob("j1", 0, 1);
        List<JobSnapshot> seen = new ArrayList<>();
        JobListener listener = seen::add;
        assertThat(f.done(f.scheduler.watch("j1", listener))).isTrue();

        f.scheduler.unwatch("j1", listener);
        f.heartbeat("w1", new AttemptProgress(reduce("j1", 0, 0), 0.5, 0, 0));
        f.tick();
        f.succeed(reduce("j1", 0, 0));
        f.tick();

        assertThat(seen).as("only the snapshot sent when watching began").hasSize(1);
    }

    @Test
    void watch_unknownJob_isFalse() {
        List<JobSnapshot> seen = new ArrayList<>();
        assertThat(f.done(f.scheduler.watch("nope", seen::add))).isFalse();
        assertThat(seen).isEmpty();
    }

    @Test
    void watch_finishedJob_getsItsTerminalSnapshotOnce() {
        f.join("w1", 1);
        f.addJob("j1", 0, 1);
        f.succeed(reduce("j1", 0, 0));

        List<JobSnapshot> seen = f.watch("j1", new ArrayList<>());
        f.tick();

        assertThat(seen).singleElement().extracting(JobSnapshot::state).isEqualTo(JobState.SUCCEEDED);
    }

    @Test
    void watcherThatThrows_doesNotStopOtherWatchers() {
        f.join("w1", 1);
        f.addJob("j1", 0, 1);
        List<JobSnapshot> failing = new ArrayList<>();
        f.done(f.scheduler.watch("j1", s -> {
            if (!failing.isEmpty()) {
                throw new IllegalStateException("listener broke");
            }
            failing.add(s);
        }));
        List<JobSnapshot> seen = f.watch("j1", new ArrayList<>());

        f.heartbeat("w1", new AttemptProgress(reduce("j1", 0, 0), 0.5, 0, 0));
        f.tick();
        f.succeed(reduce("j1", 0, 0));

        assertThat(seen).last().extracting(JobSnapshot::state).isEqualTo(JobState.SUCCEEDED);
    }

    @Test
    void jobs_listsEveryJobInSubmissionOrder() {
        f.addJob("b", 1, 1);
        f.addJob("a", 1, 1);

        assertThat(f.done(f.scheduler.jobs())).extracting(JobSnapshot::jobId).containsExactly("b", "a");
        assertThat(f.done(f.scheduler.job("c"))).isEmpty();
    }
}
