package io.quern.client;

import io.quern.common.job.JobState;
import java.util.List;
import java.util.Map;

/**
 * A job as the coordinator reports it; counters count committed attempts only.
 *
 * @param events notable things that happened (failed attempts, lost workers, re-runs)
 * @param skippedRecords records skipped under {@code --max-skipped-records}: task, then file:offset or key
 * @param running the attempts of the current phase now running, with their rates
 * @param mitigation what was done about stragglers and skew
 */
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
        List<String> events,
        List<String> skippedRecords,
        List<TaskProgress> running,
        Mitigation mitigation) {

    public boolean isDone() {
        return state.isTerminal();
    }
}
