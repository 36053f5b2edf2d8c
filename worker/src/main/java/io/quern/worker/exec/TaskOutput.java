package io.quern.worker.exec;

import io.quern.common.job.FileRange;
import io.quern.common.job.KeyCount;
import java.util.List;
import java.util.Map;

/**
 * What a successful attempt produced.
 *
 * @param partitionBytes map: the size of each partition's segment
 * @param outputFile reduce: the file written; null for maps
 * @param remainder map: the input it was asked to leave unread (stopped early); else empty
 * @param hotKeys map: the heaviest output keys of a sample
 */
record TaskOutput(Map<String, Long> counters, List<Long> partitionBytes, String outputFile,
                  List<FileRange> remainder, List<KeyCount> hotKeys) {

    static TaskOutput reduce(Map<String, Long> counters, String outputFile) {
        return new TaskOutput(counters, List.of(), outputFile, List.of(), List.of());
    }
}
