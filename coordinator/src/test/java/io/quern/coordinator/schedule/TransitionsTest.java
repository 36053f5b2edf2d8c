package io.quern.coordinator.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quern.common.job.AttemptId;
import io.quern.common.job.JobState;
import io.quern.common.job.TaskId;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The transition tables of tasks, attempts and jobs: legal moves pass, every other move throws. */
class TransitionsTest {
    private static final AttemptId ATTEMPT = new AttemptId("j1", TaskId.map(3), 0);

    @Test
    void table_allowsExactlyTheListedPredecessors() {
        enum Light { RED, AMBER, GREEN }
        Transitions<Light> t = Transitions.of(Light.class)
                .to(Light.GREEN, Light.RED)
                .to(Light.AMBER, Light.GREEN, Light.RED)
                .build();

        assertThat(t.check("light", Light.RED, Light.GREEN)).isEqualTo(Light.GREEN);
        assertThat(t.check("light", Light.RED, Light.AMBER)).isEqualTo(Light.AMBER);
        assertThatThrownBy(() -> t.check("light", Light.AMBER, Light.GREEN))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("light: illegal transition AMBER -> GREEN");
        assertThatThrownBy(() -> t.check("light", Light.GREEN, Light.RED))
                .as("a target with no entry in the table")
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> t.check("light", Light.GREEN, Light.GREEN))
                .as("staying put is a move too").isInstanceOf(IllegalStateException.class);
    }

    @Test
    void taskState_legalMovesPass_andEveryOtherThrows() {
        Set<List<TaskState>> legal = Set.of(
                List.of(TaskState.PENDING, TaskState.RUNNING),
                List.of(TaskState.RUNNING, TaskState.PENDING),
                List.of(TaskState.RUNNING, TaskState.SUCCEEDED),
                List.of(TaskState.SUCCEEDED, TaskState.PENDING));
        for (TaskState from : TaskState.values()) {
            for (TaskState to : TaskState.values()) {
                if (legal.contains(List.of(from, to))) {
                    assertThat(TaskState.TRANSITIONS.check("t", from, to)).as("%s -> %s", from, to).isEqualTo(to);
                } else {
                    assertThatThrownBy(() -> TaskState.TRANSITIONS.check("t", from, to))
                            .as("%s -> %s", from, to).isInstanceOf(IllegalStateException.class);
                }
            }
        }
    }

    @Test
    void attemptState_onlyRunningMovesOn_exceptASucceededMapLosingItsOutput() {
        for (AttemptState from : AttemptState.values()) {
            for (AttemptState to : AttemptState.values()) {
                boolean legal = (from == AttemptState.RUNNING && to != AttemptState.RUNNING)
                        || (from == AttemptState.SUCCEEDED && to == AttemptState.LOST);
                if (legal) {
                    assertThat(AttemptState.TRANSITIONS.check("a", from, to)).as("%s -> %s", from, to).isEqualTo(to);
                } else {
                    assertThatThrownBy(() -> AttemptState.TRANSITIONS.check("a", from, to))
                            .as("%s -> %s", from, to).isInstanceOf(IllegalStateException.class);
                }
            }
        }
    }

    @Test
    void task_succeededCannotStartAgainWithoutGoingBackToPending() {
        TaskRun task = new TaskRun(TaskId.map(3), List.of());
        assertThatThrownBy(() -> task.moveTo(TaskState.SUCCEEDED))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("m-000003: illegal transition PENDING -> SUCCEEDED");

        task.moveTo(TaskState.RUNNING);
        task.moveTo(TaskState.SUCCEEDED);
        assertThatThrownBy(() -> task.moveTo(TaskState.RUNNING))
                .hasMessage("m-000003: illegal transition SUCCEEDED -> RUNNING");
        assertThat(task.state()).as("a refused move leaves the state as it was").isEqualTo(TaskState.SUCCEEDED);
    }

    @Test
    void attempt_endsOnce() {
        AttemptRun a = new AttemptRun(ATTEMPT, "w1", 0, false, new java.util.HashSet<>());
        a.moveTo(AttemptState.KILLED);

        assertThatThrownBy(() -> a.moveTo(AttemptState.SUCCEEDED))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage(ATTEMPT + ": illegal transition KILLED -> SUCCEEDED");
        assertThatThrownBy(() -> a.moveTo(AttemptState.LOST)).isInstanceOf(IllegalStateException.class);
        assertThat(a.isRunning()).isFalse();
    }

    @Test
    void job_terminalStatesAreFinal() {
        JobRun job = new JobRun("j1", SchedulerFixture.spec("j1", 1), List.of(),
                io.quern.common.security.ShuffleSecret.random(new java.security.SecureRandom()), 0, 10);
        job.moveTo(JobState.KILLED);

        for (JobState next : EnumSet.allOf(JobState.class)) {
            assertThatThrownBy(() -> job.moveTo(next)).as("KILLED -> %s", next)
                    .isInstanceOf(IllegalStateException.class);
        }
        assertThat(job.state()).isEqualTo(JobState.KILLED);
    }
}
