package io.quern.coordinator.schedule;

import io.quern.common.job.JobState;
import java.util.List;
import java.util.Map;

/** An immutable view of a job, for status calls and progress watchers. */
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
        List<String> skippedRecords) {
}
