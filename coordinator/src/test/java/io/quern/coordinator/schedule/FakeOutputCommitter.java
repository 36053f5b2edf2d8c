package io.quern.coordinator.schedule;

import io.quern.common.job.AttemptId;
import io.quern.common.job.JobSpec;
import io.quern.common.job.TaskId;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Records the output protocol calls, in order, as lines such as {@code commitTask j1_r-00000_0}.
 * {@code commitTask} and {@code commitJob} can be made to throw.
 */
final class FakeOutputCommitter implements OutputCommitter {
    final List<String> calls = new ArrayList<>();
    final List<AttemptId> committed = new ArrayList<>();
    final List<String> discarded = new ArrayList<>();
    /** Thrown by the next {@code commitTask}, then cleared. */
    IOException nextCommitTaskFailure;
    /** Thrown by every {@code commitJob} while set. */
    IOException commitJobFailure;
    /** The tasks named by the last {@code commitJob}. */
    List<TaskId> committedJobTasks = List.of();

    @Override
    public void setupJob(JobSpec job) {
        calls.add("setupJob " + job.output());
    }

    @Override
    public String attemptFile(JobSpec job, AttemptId attempt) {
        return job.output() + "/_temporary/" + attempt;
    }

    @Override
    public void commitTask(JobSpec job, AttemptId attempt, String attemptFile) throws IOException {
        calls.add("commitTask " + attempt);
        if (nextCommitTaskFailure != null) {
            IOException e = nextCommitTaskFailure;
            nextCommitTaskFailure = null;
            throw e;
        }
        committed.add(attempt);
    }

    @Override
    public void discardAttempt(String attemptFile) {
        calls.add("discardAttempt " + attemptFile);
        discarded.add(attemptFile);
    }

    @Override
    public void commitJob(JobSpec job, List<TaskId> tasks) throws IOException {
        calls.add("commitJob " + job.output());
        committedJobTasks = List.copyOf(tasks);
        if (commitJobFailure != null) {
            throw commitJobFailure;
        }
    }

    @Override
    public void abortJob(JobSpec job) {
        calls.add("abortJob " + job.output());
    }

    long count(String call) {
        return calls.stream().filter(c -> c.startsWith(call + " ")).count();
    }
}
