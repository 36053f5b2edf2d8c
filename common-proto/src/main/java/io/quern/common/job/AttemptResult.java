package io.quern.common.job;

import java.util.List;
import java.util.Map;

/**
 * A worker's report that an attempt ended.
 *
 * @param error one line, for FAILED; null otherwise
 * @param partitionBytes map attempts: the size of each partition's segment
 * @param outputFile reduce attempts: the file written
 * @param badRecord FAILED attempts: the record whose map/reduce call threw, if known; else null
 * @param fetchFailure FAILED reduce attempts: the map output that could not be fetched; else null
 */
public record AttemptResult(
        String workerId,
        AttemptId attempt,
        AttemptOutcome outcome,
        Map<String, Long> counters,
        String error,
        List<Long> partitionBytes,
        String outputFile,
        RecordRef badRecord,
        MapOutputRef fetchFailure) {

    /** A map task's committed output, by map index and attempt. */
    public record MapOutputRef(int mapIndex, int attempt) {}

    public AttemptResult {
        counters = Map.copyOf(counters);
        partitionBytes = List.copyOf(partitionBytes);
    }
}
