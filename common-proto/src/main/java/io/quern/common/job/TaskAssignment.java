package io.quern.common.job;

import java.util.List;
import java.util.Objects;

/**
 * What a worker is told to run. Exactly one of {@code ranges} (map) and {@code partition} +
 * {@code mapOutputs} (reduce) is meaningful, by the task's kind.
 *
 * @param attemptOutput reduce: the file to write, in the job output's temporary area
 */
public record TaskAssignment(
        AttemptId attempt,
        JobSpec job,
        List<FileRange> ranges,
        int partition,
        List<MapOutputLocation> mapOutputs,
        String attemptOutput) {

    public TaskAssignment {
        Objects.requireNonNull(attempt, "attempt");
        Objects.requireNonNull(job, "job");
        ranges = List.copyOf(ranges);
        mapOutputs = List.copyOf(mapOutputs);
        if (attempt.task().kind() == TaskKind.REDUCE) {
            if (partition < 0 || partition >= job.reducers()) {
                throw new IllegalArgumentException("partition " + partition + " out of range");
            }
            if (attemptOutput == null || attemptOutput.isEmpty()) {
                throw new IllegalArgumentException("reduce task without an output file");
            }
        }
    }

    public static TaskAssignment map(AttemptId attempt, JobSpec job, List<FileRange> ranges) {
        return new TaskAssignment(attempt, job, ranges, -1, List.of(), null);
    }

    public static TaskAssignment reduce(AttemptId attempt, JobSpec job, List<MapOutputLocation> maps,
                                        String attemptOutput) {
        return new TaskAssignment(attempt, job, List.of(), attempt.task().index(), maps, attemptOutput);
    }

    public TaskKind kind() {
        return attempt.task().kind();
    }
}
