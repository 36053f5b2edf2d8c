package io.quern.coordinator.schedule;

import static io.quern.coordinator.schedule.SchedulerFixture.BACKOFF;
import static io.quern.coordinator.schedule.SchedulerFixture.map;
import static io.quern.coordinator.schedule.SchedulerFixture.reduce;
import static io.quern.coordinator.schedule.SchedulerFixture.spec;
import static org.assertj.core.api.Assertions.assertThat;

import io.quern.common.job.JobState;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Ending a job from outside: kill and --timeout. */
class SchedulerKillTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(90);

    private final SchedulerFixture f = new SchedulerFixture();

    @Test
    void kill_marksJobKilled_killsRunningAttempts_andAbortsOutput() {
        f.join("w1", 2);
        f.addJob("a", 3, 1);

        Optional<JobSnapshot> killed = f.done(f.scheduler.kill("a"));

        assertThat(killed).get().extracting(JobSnapshot::state).isEqualTo(JobState.KILLED);
        assertThat(killed.get().map().running()).as("running tasks in the terminal snapshot").isZero();
        assertThat(f.gateway.killedAttempts()).containsExactlyInAnyOrder(map("a", 0, 0), map("a", 1, 0));
        assertThat(f.committer.calls).containsExactly("abortJob /out/a");
        assertThat(f.gateway.cleanups).containsExactly(new FakeWorkerGateway.Cleanup("w1", "a"));
        assertThat(f.finished).extracting(JobSnapshot::state).containsExactly(JobState.KILLED);
        assertThat(f.snapshot("a").state()).isEqualTo(JobState.KILLED);
    }

    @Test
    void kill_freesSlots_forTheTasksOfAnotherJob() {
        f.join("w1", 2);
        f.addJob("a", 3, 1);
        f.addJob("b", 2, 1);
        assertThat(f.gateway.startedAttempts()).as("a fills both slots")
                .containsExactly(map("a", 0, 0), map("a", 1, 0));

        int mark = f.gateway.starts.size();
        f.done(f.scheduler.kill("a"));

        assertThat(f.attemptsSince(mark)).as("b's maps, at once on the freed slots")
                .containsExactly(map("b", 0, 0), map("b", 1, 0));
        assertThat(f.runningOn("w1")).hasSize(2);
    }

    @Test
    void kill_cancelsPendingRetries() {
        f.join("w1", 1);
        f.addJob("a", 1, 1);
        f.fail(map("a", 0, 0), "boom");

        f.done(f.scheduler.kill("a"));
        f.executor.advance(BACKOFF.multipliedBy(10));

        assertThat(f.gateway.startedAttempts()).containsExactly(map("a", 0, 0));
    }

    @Test
    void kill_listenersGetTheTerminalSnapshotLast_andOnlyOnce() {
        f.join("w1", 2);
        f.addJob("a", 3, 1);
        List<JobSnapshot> seen = f.watch("a", new ArrayList<>());
        f.tick();

        f.done(f.scheduler.kill("a"));
        f.tick();
        f.tick();

        assertThat(seen).last().extracting(JobSnapshot::state).isEqualTo(JobState.KILLED);
        assertThat(seen).filteredOn(s -> s.state().isTerminal()).as("terminal snapshots").hasSize(1);
    }

    @Test
    void kill_unknownJob_isEmpty() {
        assertThat(f.done(f.scheduler.kill("nope"))).isEmpty();
        assertThat(f.committer.calls).isEmpty();
    }

    @Test
    void kill_finishedJob_returnsItUnchanged() {
        f.join("w1", 1);
        f.addJob("a", 0, 1);
        f.succeed(reduce("a", 0, 0));

        assertThat(f.done(f.scheduler.kill("a"))).get().extracting(JobSnapshot::state)
                .isEqualTo(JobState.SUCCEEDED);
        assertThat(f.committer.count("abortJob")).isZero();
        assertThat(f.finished).hasSize(1);
    }

    @Test
    void timeout_failsTheJobWhenTheDeadlinePasses() {
        f.join("w1", 1);
        f.addJob("a", spec("a", 1, 4, TIMEOUT), 2);

        f.executor.advance(TIMEOUT.minusNanos(1));
        assertThat(f.snapshot("a").state()).as("just before the deadline").isEqualTo(JobState.RUNNING);

        f.executor.advance(Duration.ofNanos(1));
        JobSnapshot s = f.snapshot("a");
        assertThat(s.state()).isEqualTo(JobState.FAILED);
        assertThat(s.diagnostics()).contains("timed out").contains("90s");
        assertThat(f.gateway.killedAttempts()).containsExactly(map("a", 0, 0));
        assertThat(f.committer.calls).containsExactly("abortJob /out/a");
        assertThat(f.finished).extracting(JobSnapshot::state).containsExactly(JobState.FAILED);
    }

    @Test
    void timeout_freesSlots_forTheTasksOfAnotherJob() {
        f.join("w1", 1);
        f.addJob("a", spec("a", 1, 4, TIMEOUT), 1);
        f.addJob("b", 1, 1);

        f.executor.advance(TIMEOUT);

        assertThat(f.gateway.startedAttempts()).containsExactly(map("a", 0, 0), map("b", 0, 0));
    }

    @Test
    void timeout_doesNotTouchAJobThatSucceeded() {
        f.join("w1", 1);
        f.addJob("a", spec("a", 1, 4, TIMEOUT), 0);
        f.succeed(reduce("a", 0, 0));

        f.executor.advance(TIMEOUT.multipliedBy(2));

        assertThat(f.snapshot("a").state()).isEqualTo(JobState.SUCCEEDED);
        assertThat(f.committer.count("abortJob")).isZero();
        assertThat(f.finished).hasSize(1);
    }
}
