package io.quern.common.job;

/** One attempt of a task of a job; attempts count from 0. */
public record AttemptId(String jobId, TaskId task, int attempt) {
    public AttemptId {
        if (jobId == null || jobId.isEmpty()) {
            throw new IllegalArgumentException("empty job id");
        }
        if (task == null) {
            throw new IllegalArgumentException("task is null");
        }
        if (attempt < 0) {
            throw new IllegalArgumentException("negative attempt " + attempt);
        }
    }

    /** A name usable in file names and logs: {@code job-0000000001_m-000003_0}. */
    @Override
    public String toString() {
        return jobId + "_" + task + "_" + attempt;
    }
}
