package io.quern.worker.exec;

import java.util.List;
import java.util.Map;

/** What a successful attempt produced. */
record TaskOutput(Map<String, Long> counters, List<Long> partitionBytes, String outputFile) {
}
