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
 * @param remainder SUCCEEDED map attempts that were asked to stop early: the input they left unread
 *     (empty when they had read it all)
 * @param hotKeys map attempts: the heaviest output keys of a sample, heaviest first
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
        MapOutputRef fetchFailure,
        List<FileRange> remainder,
        List<KeyCount> hotKeys) {

    /** A map task's committed output, by map index and attempt. */
    public record MapOutputRef(int mapIndex, int attempt) {}

    public AttemptResult {
        counters = Map.copyOf(counters);
        partitionBytes = List.copyOf(partitionBytes);
        remainder = List.copyOf(remainder);
        hotKeys = List.copyOf(hotKeys);
    }

    /** A report without remainder or hot keys (failures, kills, reduces). */
    public AttemptResult(String workerId, AttemptId attempt, AttemptOutcome outcome, Map<String, Long> counters,
                         String error, List<Long> partitionBytes, String outputFile, RecordRef badRecord,
                         MapOutputRef fetchFailure) {
        this(workerId, attempt, outcome, counters, error, partitionBytes, outputFile, badRecord, fetchFailure,
                List.of(), List.of());
    }
}
