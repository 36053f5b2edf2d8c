package io.quern.common.job;

import io.quern.common.security.ShuffleSecret;
import java.util.List;
import java.util.Objects;

/**
 * What a worker is told to run. Exactly one of {@code ranges} (map) and {@code partition} +
 * {@code mapOutputs} (reduce) is meaningful, by the task's kind.
 *
 * @param partitions reduce: the map output partitions to read (a multiple of the reducers are written;
 *     see {@link EngineConf#partitions})
 * @param attemptOutput reduce, and map of a map-only job: the file to write, in the job output's temporary
 *     area; null for other maps
 * @param skip records this attempt must skip (each failed twice; see {@code --max-skipped-records})
 * @param reportPartitionBytes map: whether the attempt's report lists each partition's size (a large
 *     job's partition sizes are estimated from a sample of its maps, so most of its maps do not)
 * @param shuffleSecret the job's: maps record it with their output, reduces sign their fetches with it
 */
public record TaskAssignment(
        AttemptId attempt,
        JobSpec job,
        List<FileRange> ranges,
        int partition,
        List<Integer> partitions,
        List<MapOutputLocation> mapOutputs,
        String attemptOutput,
        List<RecordRef> skip,
        boolean reportPartitionBytes,
        ShuffleSecret shuffleSecret) {

    public TaskAssignment {
        Objects.requireNonNull(attempt, "attempt");
        Objects.requireNonNull(job, "job");
        Objects.requireNonNull(shuffleSecret, "shuffleSecret");
        ranges = List.copyOf(ranges);
        partitions = List.copyOf(partitions);
        mapOutputs = List.copyOf(mapOutputs);
        skip = List.copyOf(skip);
        if (attempt.task().kind() == TaskKind.REDUCE) {
            if (partition < 0 || partition >= job.reducers()) {
                throw new IllegalArgumentException("partition " + partition + " out of range");
            }
            if (partitions.isEmpty()) {
                throw new IllegalArgumentException("reduce task without partitions");
            }
            int written = EngineConf.partitions(job);
            for (int p : partitions) {
                if (p < 0 || p >= written) {
                    throw new IllegalArgumentException("map output partition " + p + " out of range");
                }
            }
            if (attemptOutput == null || attemptOutput.isEmpty()) {
                throw new IllegalArgumentException("reduce task without an output file");
            }
        } else if (job.isMapOnly() && (attemptOutput == null || attemptOutput.isEmpty())) {
            throw new IllegalArgumentException("map task of a map-only job without an output file");
        }
    }

    public static TaskAssignment map(AttemptId attempt, JobSpec job, List<FileRange> ranges, List<RecordRef> skip,
                                     ShuffleSecret secret) {
        return map(attempt, job, ranges, null, skip, true, secret);
    }

    /**
     * @param attemptOutput the file a map of a map-only job writes; null for a job with reduces
     * @param reportPartitionBytes whether the attempt reports each partition's size
     */
    public static TaskAssignment map(AttemptId attempt, JobSpec job, List<FileRange> ranges, String attemptOutput,
                                     List<RecordRef> skip, boolean reportPartitionBytes, ShuffleSecret secret) {
        return new TaskAssignment(attempt, job, ranges, -1, List.of(), List.of(), attemptOutput, skip,
                reportPartitionBytes, secret);
    }

    public static TaskAssignment reduce(AttemptId attempt, JobSpec job, List<Integer> partitions,
                                        List<MapOutputLocation> maps, String attemptOutput, List<RecordRef> skip,
                                        ShuffleSecret secret) {
        return new TaskAssignment(attempt, job, List.of(), attempt.task().index(), partitions, maps, attemptOutput,
                skip, false, secret);
    }

    public TaskKind kind() {
        return attempt.task().kind();
    }
}
