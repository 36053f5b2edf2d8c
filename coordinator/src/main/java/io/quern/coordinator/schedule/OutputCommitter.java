package io.quern.coordinator.schedule;

import io.quern.common.job.AttemptId;
import io.quern.common.job.JobSpec;
import io.quern.common.job.TaskId;
import java.io.IOException;
import java.util.List;

/**
 * The exactly-once output protocol. Reduce attempts (map attempts, in a map-only job) write only to
 * their own attempt file in the output's temporary area; the scheduler, the single owner of task state, commits the first
 * successful attempt of each task by an atomic rename and discards every other.
 */
public interface OutputCommitter {

    /** Creates the output directory and its temporary area; fails if the output exists. */
    void setupJob(JobSpec job) throws IOException;

    /** The file a reduce attempt, or a map attempt of a map-only job, writes. */
    String attemptFile(JobSpec job, AttemptId attempt);

    /** Moves an attempt's file into place as the task's part file. */
    void commitTask(JobSpec job, AttemptId attempt, String attemptFile) throws IOException;

    /** Deletes an attempt file that will never be committed. Best effort. */
    void discardAttempt(String attemptFile);

    /**
     * All tasks committed ({@code tasks}: the reduces, or the maps of a map-only job): removes the
     * temporary area and writes {@code _SUCCESS} last.
     */
    void commitJob(JobSpec job, List<TaskId> tasks) throws IOException;

    /** The job failed or was killed: removes part files and the temporary area, leaves no {@code _SUCCESS}. */
    void abortJob(JobSpec job);
}
