package io.quern.coordinator.schedule;

import io.quern.common.job.JobState;
import io.quern.common.job.KeyCount;
import io.quern.common.job.TaskPhase;
import java.util.List;
import java.util.Map;

/**
 * An immutable view of a job, for status calls and progress watchers.
 *
 * @param running the attempts of the current phase now running (empty once the job ended)
 * @param mitigation what was done about stragglers and skew
 */
public record JobSnapshot(
        String jobId,
        String name,
        JobState state,
        String output,
        PhaseProgress map,
        PhaseProgress reduce,
        Map<String, Long> counters,
        String diagnostics,
        long submitTimeMillis,
        long finishTimeMillis,
        long bytesRead,
        long bytesShuffled,
        List<String> events,
        List<String> skippedRecords,
        List<RunningTask> running,
        Mitigation mitigation) {

    /**
     * A running attempt.
     *
     * @param rate fraction of the attempt done per second since it started
     * @param millisLeft estimated from the rate; -1 when it made no progress yet
     */
    public record RunningTask(String taskId, int attempt, String workerId, TaskPhase phase, double fraction,
                              double rate, long millisLeft, boolean backup) {}

    public record PartitionSize(int partition, long bytes) {}

    /**
     * @param reduceBytes input bytes of each reduce task, once the partitions are dealt (else empty)
     * @param largestPartitions the largest map output partitions, largest first
     * @param hotKeys the heaviest map output keys of a sample, heaviest first
     * @param mapOutputRecords records the committed maps emitted, to put the hot keys in proportion
     */
    public record Mitigation(boolean speculation, boolean skewMitigation, int backupsLaunched, int backupsWon,
                             int mapsSplit, int splitTasksAdded, int partitions, List<Long> reduceBytes,
                             List<PartitionSize> largestPartitions, List<KeyCount> hotKeys, long mapOutputRecords) {}
}
