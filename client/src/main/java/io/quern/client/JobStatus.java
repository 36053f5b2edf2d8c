package io.quern.client;

import io.quern.common.job.JobState;
import java.util.List;
import java.util.Map;

/** A job as the coordinator reports it; counters count committed attempts only. */
public record JobStatus(
        String jobId,
        String name,
        JobState state,
        String output,
        Phase map,
        Phase reduce,
        Map<String, Long> counters,
        String diagnostics,
        long submitTimeMillis,
        long finishTimeMillis,
        long bytesRead,
        long bytesShuffled,
        List<String> events) {

    public boolean isDone() {
        return state.isTerminal();
    }
}
